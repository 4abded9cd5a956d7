"""不能留下占位文字：TODO、TBD、FIXME、XXX、待补、待定、待填、lorem ipsum。

`scripts/new` 生成的模板里满是 TODO，填写完之前检查不会通过。

Pass::

    summary: 品牌自己掌握、可以反复免费触达的客户关系。

Fail::

    summary: TODO 用一句话说明这个术语是什么。
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from handbook.core.frontmatter import Document
from handbook.core.problems import Level, Problem
from handbook.lint.context import Context

ID = "placeholder"
LEVEL = Level.ERROR
SCOPE = "file"
BUILD = False
_PLACEHOLDER = re.compile(r"\b(?:TODO|TBD|FIXME|XXX)\b|待补|待定|待填|待完善|lorem ipsum", re.IGNORECASE)


def check(doc: Document, ctx: Context) -> Iterable[Problem]:
    for n, line in enumerate(doc.text.split("\n"), start=1):
        for m in _PLACEHOLDER.finditer(line):
            yield doc.problem(ID, LEVEL, f"占位文字“{m.group(0)}”还没有替换", "写上真实内容", line=n, col=m.start() + 1)
