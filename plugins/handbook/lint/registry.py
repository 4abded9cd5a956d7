"""Discover the rule modules and describe them (id, level, scope, examples) for runner and docs."""
from __future__ import annotations

import importlib
import inspect
import pkgutil
import textwrap
from dataclasses import dataclass
from functools import cache
from types import ModuleType
from typing import Callable

from handbook.lint import rules as _rules_pkg
from handbook.core.problems import Level


@dataclass(frozen=True)
class Rule:
    """A rule module seen through its declared attributes."""

    id: str
    level: Level
    scope: str
    build: bool
    module: ModuleType

    @property
    def check(self) -> Callable[..., object]:
        return self.module.check

    @property
    def fix(self) -> Callable[[str, object], str] | None:
        return getattr(self.module, "fix", None)

    @property
    def summary(self) -> str:
        return (inspect.getdoc(self.module) or "").split("\n", 1)[0].strip()

    def examples(self) -> dict[str, str]:
        """The docstring's examples: {"Pass": text, "Fail": text}."""
        doc = inspect.getdoc(self.module) or ""
        found: dict[str, str] = {}
        for label in ("Pass", "Fail"):
            marker = f"{label}::\n"
            if marker in doc:
                block = doc.split(marker, 1)[1]
                lines = []
                for line in block.split("\n")[1:] if block.startswith("\n") else block.split("\n"):
                    if line and not line.startswith(" "):
                        break
                    lines.append(line)
                found[label] = textwrap.dedent("\n".join(lines)).strip("\n")
        return found

    @property
    def description(self) -> str:
        """The docstring between the summary line and the examples."""
        doc = inspect.getdoc(self.module) or ""
        body = doc.split("\n", 1)[1] if "\n" in doc else ""
        return body.split("Pass::", 1)[0].strip()


@cache
def all_rules() -> tuple[Rule, ...]:
    """Every rule module in `lint/rules/`, sorted by id."""
    found = []
    for info in pkgutil.iter_modules(_rules_pkg.__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{_rules_pkg.__name__}.{info.name}")
        found.append(Rule(module.ID, module.LEVEL, module.SCOPE, module.BUILD, module))
    ids = [r.id for r in found]
    assert len(ids) == len(set(ids)), f"duplicate rule ids: {ids}"
    return tuple(sorted(found, key=lambda r: r.id))


def by_id() -> dict[str, Rule]:
    """Rules keyed by id."""
    return {r.id: r for r in all_rules()}


def rule_docs() -> list[dict[str, object]]:
    """Every rule as plain data for the site's rules page: id, level, summary, description, examples."""
    return [{"id": r.id, "level": "错误" if r.level.value == "error" else "警告", "summary": r.summary,
             "description": r.description, "fixable": r.fix is not None, "build": r.build,
             "passing": r.examples().get("Pass", ""), "failing": r.examples().get("Fail", "")}
            for r in all_rules()]
