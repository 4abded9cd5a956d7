"""抓取或转码留下的乱码：字后的拼音注音（運(yùn)營(yíng)）、替换字符 U+FFFD、汉字之间的问号。

这些是从网页复制资料时常见的损坏，读者看到的是乱码；请对照原文改回正确的字。

Pass::

    运营团队为门店导购做了培训。

Fail::

    运(yùn)营团队为门店导购做了?培训，还有�。
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from handbook.core.frontmatter import Document
from handbook.core.problems import Level, Problem
from handbook.core.typography import CJK
from handbook.lint.context import Context
from handbook.lint.rules._common import text_lines

ID = "encoding-damage"
LEVEL = Level.ERROR
SCOPE = "file"
BUILD = True
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
_PATTERNS = [
    (re.compile(rf"(?<=[{CJK}?])[(（][a-z{_TONED}]*[{_TONED}][a-z{_TONED}]*[)）]"), "字后夹带拼音注音", "删除括号里的拼音"),
    (re.compile(rf"\?[a-z{_TONED}]*[{_TONED}][a-z{_TONED}]*\)"), "乱码：问号后跟着拼音", "对照原文改回正确的字"),
    (re.compile("\ufffd+"), "替换字符 U+FFFD（原字已丢失）", "对照原文补回丢失的字"),
    (re.compile(rf"(?<=[{CJK}])\?+(?=[{CJK}])"), "汉字之间出现问号（多为转码丢字）", "对照原文改回正确的字；问句请用全角“？”"),
]


def check(doc: Document, ctx: Context) -> Iterable[Problem]:
    for line_no, line in text_lines(doc, prose_only=True):
        for pattern, message, hint in _PATTERNS:
            for m in pattern.finditer(line):
                yield doc.problem(ID, LEVEL, f"{message}：“{m.group(0)}”", hint, line=line_no, col=m.start() + 1)
