"""Apply the safe, mechanical fixes (`--fix`) to the files that have fixable problems."""
from __future__ import annotations

from handbook.lint.context import Context
from handbook.core.problems import Problem
from handbook.lint.registry import by_id


def fix(ctx: Context, problems: list[Problem]) -> list[str]:
    """Rewrite each file with fixable problems through its rules' `fix`; return changed paths."""
    rules = by_id()
    wanted: dict[str, list[str]] = {}
    for p in problems:
        if p.fixable and rules[p.rule].fix is not None and p.rule not in wanted.get(p.path, []):
            wanted.setdefault(p.path, []).append(p.rule)
    changed = []
    for path, rule_ids in sorted(wanted.items()):
        file = ctx.root / path
        text = original = file.read_text("utf-8")
        fixers = {}
        for rule_id in sorted(rule_ids):
            fixers.setdefault(rules[rule_id].fix, rule_id)  # rules may share one fixer
        for apply in fixers:
            text = apply(text, ctx)  # type: ignore[misc]
        if text != original:
            file.write_text(text, "utf-8")
            changed.append(path)
    return changed
