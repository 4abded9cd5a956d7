"""Run rules over a corpus and collect their problems, sorted; reporters print them."""
from __future__ import annotations

from typing import Iterable

from handbook.lint.context import Context
from handbook.core.problems import Level, Problem
from handbook.lint.registry import Rule, all_rules


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
                    problems.extend(rule.check(doc, ctx))  # type: ignore[arg-type]
        else:
            problems.extend(p for p in rule.check(ctx) if paths is None or p.path in paths)  # type: ignore[union-attr]
    return sorted(set(problems))


def build_rules() -> list[Rule]:
    """The rules the site build enforces (content that would be wrong or lost)."""
    return [r for r in all_rules() if r.build]


def errors(problems: Iterable[Problem]) -> list[Problem]:
    """Only the error-level problems."""
    return [p for p in problems if p.level is Level.ERROR]
