"""出处要指明真实的发布者：媒体、公众号、机构或网站，不能写“佚名”“网络”“未知”之类的占位词。

读者要能凭出处找到原文。只找到转载、不知道原发布者时，写转载所在的网站或公众号，并在 `note`
里说明“原发布者未能确认”；作者不详时不写 `author`，而不是写“佚名”。

Pass::

    sources:
      - {publisher: 微信推广资讯, date: "2024-03-12", note: 转载页；原发布者与原标题未能确认}

Fail::

    sources:
      - {publisher: 佚名, title: 某篇文章, date: "2020"}
"""
from __future__ import annotations

from collections.abc import Iterable

from handbook.core.frontmatter import Document
from handbook.core.problems import Level, Problem
from handbook.lint.context import Context

ID = "source-publisher"
LEVEL = Level.ERROR
SCOPE = "file"
BUILD = True
PLACEHOLDERS = frozenset({"佚名", "匿名", "未知", "不详", "无名", "网络", "网友", "互联网", "来源网络", "网络转载",
                          "unknown", "anonymous", "n/a", "na", "none", "-"})


def check(doc: Document, ctx: Context) -> Iterable[Problem]:
    sources = (doc.data or {}).get("sources")
    if not isinstance(sources, list):
        return
    for i, src in enumerate(sources):
        if not isinstance(src, dict):
            continue
        for key in ("publisher", "author"):
            value = src.get(key)
            if isinstance(value, str) and value.strip().lower() in PLACEHOLDERS:
                what = "发布者" if key == "publisher" else "作者"
                hint = ("写刊出原文或转载的网站、公众号或机构，并在 note 中说明原发布者未能确认" if key == "publisher"
                        else "作者不详时删去 author 字段")
                yield doc.problem(ID, LEVEL, f"出处的{what}写成了占位词 “{value}”", hint, at=("sources", i, key))
