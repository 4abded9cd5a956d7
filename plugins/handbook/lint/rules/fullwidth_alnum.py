"""数字和英文字母用半角（１２３ → 123，ＳＣＲＭ → SCRM），不用全角空格（U+3000）。

Pass::

    SCRM 系统，30 天

Fail::

    ＳＣＲＭ　系统，３０ 天
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from handbook.core.frontmatter import Document
from handbook.core.problems import Level, Problem
from handbook.lint.context import Context
from handbook.lint.rules._common import text_lines

ID = "fullwidth-alnum"
LEVEL = Level.ERROR
SCOPE = "file"
BUILD = False
_FULL = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+|\u3000+")


def check(doc: Document, ctx: Context) -> Iterable[Problem]:
    for line_no, line in text_lines(doc, prose_only=True):
        for m in _FULL.finditer(line):
            text = m.group(0)
            if text[0] == "\u3000":
                yield doc.problem(ID, LEVEL, "出现全角空格", "删除或改为半角空格", line=line_no, col=m.start() + 1)
            else:
                yield doc.problem(ID, LEVEL, f"全角字母或数字“{text}”",
                                  f"改为半角“{unicodedata.normalize('NFKC', text)}”", line=line_no, col=m.start() + 1)
