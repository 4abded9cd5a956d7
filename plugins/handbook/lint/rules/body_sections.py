"""正文按固定的二级标题分节：术语为“释义”“实践要点”（必填）和“案例”（可选）；案例为“背景”“做法”“成效”（必填）和“启示”（可选）。

各节按此顺序出现且不能为空；不写一级标题（页面标题自动生成），也不写“参见”“出处”（由 related 和 sources 生成）。

Pass::

    ## 释义

    ……

    ## 实践要点

    ……

Fail::

    # 私域

    ## 定义

    ## 实践要点
"""
from __future__ import annotations

from collections.abc import Iterable

from handbook.core.frontmatter import Document
from handbook.core.mdtext import headings, sections
from handbook.core.model import CASE_SECTIONS, TERM_SECTIONS
from handbook.core.problems import Level, Problem
from handbook.lint.context import Context

ID = "body-sections"
LEVEL = Level.ERROR
SCOPE = "file"
BUILD = False


def check(doc: Document, ctx: Context) -> Iterable[Problem]:
    if doc.data is None:
        return
    spec = TERM_SECTIONS if doc.kind == "term" else CASE_SECTIONS
    names = "、".join(f"“{n}”" for n in spec)
    for h in headings(doc.body):
        if h.level == 1:
            yield doc.problem(ID, LEVEL, "正文不能有一级标题", "页面标题由 title 生成；删除这一行",
                              line=doc.body_line + h.index)
    found = sections(doc.body, level=2)
    seen: list[str] = []
    for h, text in found:
        line = doc.body_line + h.index
        if h.text not in spec:
            yield doc.problem(ID, LEVEL, f"未知的小节“{h.text}”", f"可用的小节：{names}", line=line)
            continue
        if h.text in seen:
            yield doc.problem(ID, LEVEL, f"小节“{h.text}”重复", "合并为一节", line=line)
            continue
        if seen and list(spec).index(h.text) < list(spec).index(seen[-1]):
            yield doc.problem(ID, LEVEL, f"小节“{h.text}”应在“{seen[-1]}”之前", f"顺序：{names}", line=line)
        seen.append(h.text)
        if not text.strip():
            yield doc.problem(ID, LEVEL, f"小节“{h.text}”是空的", "补上内容，或删除这个可选小节", line=line)
    if doc.body.strip() and found and found[0][0].index > 0:
        lead = doc.body.split("\n")[: found[0][0].index]
        if any(line.strip() for line in lead):
            first = next(i for i, line in enumerate(lead) if line.strip())
            yield doc.problem(ID, LEVEL, "正文在第一个小节标题之前有文字", f"放进“{next(iter(spec))}”一节",
                              line=doc.body_line + first)
    for name, required in spec.items():
        if required and name not in seen:
            yield doc.problem(ID, LEVEL, f"缺少必填小节“{name}”", f"加上一行 ## {name} 和内容",
                              line=doc.body_line if doc.body.strip() else doc.fm_end_line)
