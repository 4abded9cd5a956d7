"""正文中汉字与英文字母、数字之间要有一个半角空格（`--fix` 可自动修正）。

只检查正文，不检查前置元数据；代码、网址和 `-{…}-` 保护的文字不检查。
数字与 `%`、`℃` 等单位符号之间不加空格。

Pass::

    瑞幸把 30 天内下单 4 次的用户视为忠实用户，复购率提升了 15%。

Fail::

    瑞幸把30天内下单4次的用户视为忠实用户。
"""
from __future__ import annotations

from collections.abc import Iterable

from handbook.core.frontmatter import Document
from handbook.core.problems import Level, Problem
from handbook.core.typography import Issue
from handbook.lint.context import Context
from handbook.lint.rules._style import fix_body, problems

ID = "cjk-spacing"
LEVEL = Level.ERROR
SCOPE = "file"
BUILD = False


def _message(issue: Issue) -> str:
    return "汉字与英文、数字之间应有空格" if issue.new.strip() == "" and issue.new else "此处多了空格"


def check(doc: Document, ctx: Context) -> Iterable[Problem]:
    return problems(doc, ctx, "spacing", ID, LEVEL, _message,
                    lambda i: "运行 scripts/lint --fix 自动修正")


fix = fix_body
