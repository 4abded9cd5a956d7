r"""不能有零宽字符、控制字符、双向控制符或私用区字符：它们看不见，却会破坏搜索、链接和排版。

Pass::

    私域运营

Fail::

    私域\u200b运营（中间有一个零宽空格 U+200B）
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from handbook.core.frontmatter import Document
from handbook.core.problems import Level, Problem
from handbook.lint.context import Context

ID = "invisible-char"
LEVEL = Level.ERROR
SCOPE = "file"
BUILD = True
_BAD = re.compile("[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ue000-\uf8ff\ufff9-\ufffb]")


def check(doc: Document, ctx: Context) -> Iterable[Problem]:
    for line_no, line in enumerate(doc.text.split("\n"), start=1):
        for m in _BAD.finditer(line):
            ch = m.group(0)
            name = unicodedata.name(ch, "控制字符")
            yield doc.problem(ID, LEVEL, f"看不见的字符 U+{ord(ch):04X}（{name}）",
                              "删除它（常见于从网页或聊天记录复制的文字）", line=line_no, col=m.start() + 1)
