"""`summary` 是一句完整的话：以“。”结尾，中间没有别的句号、问号或叹号（长度 8–100 字由 schema 检查）。

它出现在悬停提示、索引和 PDF 中，要让读者一眼看懂这个词是什么。

Pass::

    summary: 品牌自己掌握、可以反复免费触达并直接经营的客户关系。

Fail::

    summary: 私域。品牌自己的流量
"""
from __future__ import annotations

from collections.abc import Iterable

from handbook.core.frontmatter import Document
from handbook.core.problems import Level, Problem
from handbook.lint.context import Context

ID = "summary-sentence"
LEVEL = Level.ERROR
SCOPE = "file"
BUILD = False


def check(doc: Document, ctx: Context) -> Iterable[Problem]:
    summary = (doc.data or {}).get("summary")
    if not isinstance(summary, str) or not summary.strip():
        return
    text = summary.strip()
    if not text.endswith("。"):
        yield doc.problem(ID, LEVEL, "summary 应以句号“。”结尾", "写成一句完整的话", at=("summary",))
    inner = text[:-1]
    for mark in "。！？!?":
        if mark in inner:
            yield doc.problem(ID, LEVEL, f"summary 只能是一句话，中间出现了“{mark}”",
                              "把补充说明移到正文“释义”中", at=("summary",))
            break
