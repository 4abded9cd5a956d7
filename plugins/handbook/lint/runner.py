"""Run rules over a corpus and collect their problems, sorted; reporters print them.

A rule that raises never takes the run down: its exception becomes a `rule-crashed` problem at the
file it was checking (for a corpus rule, at the project root), and every other rule still runs.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial

from handbook.core.problems import Level, Problem
from handbook.lint.context import Context
from handbook.lint.registry import CRASHED, Rule, all_rules


def run(ctx: Context, *, rules: Iterable[Rule] | None = None,
        paths: set[str] | None = None) -> list[Problem]:
    """Every problem the rules find; with `paths`, only problems in those files."""
    selected = list(rules if rules is not None else all_rules())
    ctx.focus = paths
    problems: list[Problem] = []
    for rule in selected:
        if rule.scope == "file":
            for doc in ctx.corpus.documents:
                if paths is None or doc.path in paths:
                    problems.extend(_checked(rule, doc.path, partial(rule.check, doc, ctx)))
        else:
            found = _checked(rule, ".", partial(rule.check, ctx))
            problems.extend(p for p in found if paths is None or p.path in paths or p.rule == CRASHED.id)
    return sorted(set(problems))


def _checked(rule: Rule, path: str, check: Callable[[], Iterable[Problem]]) -> list[Problem]:
    """The rule's problems, or one `rule-crashed` problem when the rule raises."""
    try:
        return list(check())
    except Exception as err:
        first = (str(err).strip().split("\n", 1)[0] or type(err).__name__)[:200]
        return [Problem(path, 1, 1, CRASHED.id, Level.ERROR, f"规则 {rule.id} 检查时出错：{type(err).__name__}: {first}",
                        "这是检查工具的缺陷，请把这一行报告给维护者；其他规则的结果不受影响")]


def build_rules() -> list[Rule]:
    """The rules the site build enforces (content that would be wrong or lost)."""
    return [r for r in all_rules() if r.build]


def errors(problems: Iterable[Problem]) -> list[Problem]:
    """Only the error-level problems."""
    return [p for p in problems if p.level is Level.ERROR]
