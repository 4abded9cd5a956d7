"""简体源文件中不能出现繁体字（用 OpenCC `t2s` 判断，按词转换，不会把“著名”的“著”误报）。

繁体版由构建自动转换生成；确需保留繁体写法时用 `-{…}-` 包起来。

Pass::

    企业微信社群里的会员

Fail::

    企業微信社羣裡的會員
"""
from __future__ import annotations

import difflib
from collections.abc import Iterable

from handbook.core.frontmatter import Document
from handbook.core.problems import Level, Problem
from handbook.core.variants import to_simplified
from handbook.lint.context import Context
from handbook.lint.rules._common import text_lines

ID = "traditional-char"
LEVEL = Level.ERROR
SCOPE = "file"
BUILD = False


def check(doc: Document, ctx: Context) -> Iterable[Problem]:
    for line_no, line in text_lines(doc, prose_only=True):
        simplified = to_simplified(line)
        if simplified == line:
            continue
        for tag, a1, a2, b1, b2 in difflib.SequenceMatcher(None, line, simplified, autojunk=False).get_opcodes():
            if tag != "equal":
                yield doc.problem(ID, LEVEL, f"简体文件中出现繁体字“{line[a1:a2]}”",
                                  f"改为“{simplified[b1:b2]}”；确需繁体时写成 -{{{line[a1:a2]}}}-",
                                  line=line_no, col=a1 + 1)
