"""正文只写 Markdown，不写 HTML 标签（注释除外）：网站会移除不安全的 HTML，而 PDF 和导出需要纯文本结构。

`<script>`、`<iframe>`、`onerror=` 之类的内容不会出现在网站上；请用 Markdown 的强调、列表、表格和提示块。

Pass::

    **重点**：会员日放在周五。

Fail::

    <b>重点</b>：会员日放在周五。<script>alert(1)</script>
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from handbook.core.frontmatter import Document
from handbook.core.mdtext import prose_lines
from handbook.core.problems import Level, Problem
from handbook.lint.context import Context

ID = "raw-html"
LEVEL = Level.ERROR
SCOPE = "file"
BUILD = False
_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)(?=[\s/>])[^<>]*>?")


def check(doc: Document, ctx: Context) -> Iterable[Problem]:
    for n, line in enumerate(prose_lines(doc.body)):
        for m in _TAG.finditer(line):
            yield doc.problem(ID, LEVEL, f"正文中出现 HTML 标签 <{m.group(1)}>",
                              "改用 Markdown 写法；需要显示尖括号时放进 `代码` 中",
                              line=doc.body_line + n, col=m.start() + 1)
