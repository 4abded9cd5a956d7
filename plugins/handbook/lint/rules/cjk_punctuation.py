"""中文句子使用全角标点：，。：；！？（）“”（`--fix` 可自动修正）。

括号内即使是英文，只要处在中文句子中也用全角括号；时间（8:30）、网址和代码不受影响。

Pass::

    会员日（每周五）活动力度最大，用户说：“这周还有券吗？”

Fail::

    会员日(每周五)活动力度最大,用户说:"这周还有券吗?"
"""
from __future__ import annotations

from collections.abc import Iterable

from handbook.core.frontmatter import Document
from handbook.core.problems import Level, Problem
from handbook.lint.context import Context
from handbook.lint.rules._style import fix_body, problems, shown

ID = "cjk-punctuation"
LEVEL = Level.ERROR
SCOPE = "file"
BUILD = False


def check(doc: Document, ctx: Context) -> Iterable[Problem]:
    return problems(doc, ctx, "punctuation", ID, LEVEL,
                    lambda i: f"中文句子中应使用全角标点：“{shown(i.old)}”应为“{shown(i.new)}”",
                    lambda i: "运行 scripts/lint --fix 自动修正")


fix = fix_body
