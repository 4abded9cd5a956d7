"""标点不要重复（！！、？？、，，）；省略号写作“……”（`--fix` 会删去重复的标点）。

Pass::

    这个群为什么没人说话？

Fail::

    这个群为什么没人说话？？！！
"""
from __future__ import annotations

from collections.abc import Iterable

from handbook.core.frontmatter import Document
from handbook.core.problems import Level, Problem
from handbook.lint.context import Context
from handbook.lint.rules._style import fix_body, problems, shown

ID = "repeated-punctuation"
LEVEL = Level.ERROR
SCOPE = "file"
BUILD = False


def check(doc: Document, ctx: Context) -> Iterable[Problem]:
    return problems(doc, ctx, "repeated", ID, LEVEL,
                    lambda i: f"标点“{shown(i.old)}”重复",
                    lambda i: f"只保留一个“{shown(i.new)}”；省略号请写“……”")


fix = fix_body
