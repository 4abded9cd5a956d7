"""Apply the safe, mechanical fixes (`--fix`) to the files that have fixable problems.

A fixer that raises leaves its file as it was (the problems stay reported); the others still run.
"""
from __future__ import annotations

from handbook.core.problems import Problem
from handbook.lint.context import Context
from handbook.lint.registry import Fix, by_id


def fix(ctx: Context, problems: list[Problem]) -> list[str]:
    """Rewrite each file with fixable problems through its rules' `fix`; return changed paths."""
    rules = by_id()
    wanted: dict[str, list[str]] = {}
    for p in problems:
        rule = rules.get(p.rule)
        if p.fixable and rule is not None and rule.fix is not None and p.rule not in wanted.get(p.path, []):
            wanted.setdefault(p.path, []).append(p.rule)
    changed = []
    for path, rule_ids in sorted(wanted.items()):
        file = ctx.root / path
        text = original = file.read_text("utf-8")
        fixers: dict[Fix, str] = {}
        for rule_id in sorted(rule_ids):
            fixer = rules[rule_id].fix
            if fixer is not None:
                fixers.setdefault(fixer, rule_id)  # rules may share one fixer
        for apply in fixers:
            try:
                text = apply(text, ctx)
            except Exception:
                continue
        if text != original:
            file.write_text(text, "utf-8")
            changed.append(path)
    return changed
