"""Every rule the linter knows, described the same way (id, level, scope, check, fix, documentation).

Two sources: the rule modules in `lint/rules/` (one module per rule, yamllint's shape), and the
checks the loader makes while reading a file (`core.loadchecks`), whose problems are already on the
documents and are reported under their rule ids.
"""
from __future__ import annotations

import importlib
import inspect
import pkgutil
import textwrap
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from handbook.core.frontmatter import Document
from handbook.core.loadchecks import CHECKS
from handbook.core.problems import Level, Problem
from handbook.lint import rules as _rules_pkg

Check = Callable[..., Iterable[Problem]]
"""`check(doc, ctx)` for file rules, `check(ctx)` for corpus rules."""
Fix = Callable[[str, Any], str]
"""`fix(text, ctx)`: the file's text with the rule's safe fixes applied."""


@dataclass(frozen=True)
class Rule:
    """A lint rule: what it checks, how serious it is, whether the build enforces it, its documentation."""

    id: str
    level: Level
    scope: str
    """"file" (`check(doc, ctx)` per document) or "corpus" (`check(ctx)` once)."""
    build: bool
    """True when the site build refuses content with this rule's errors."""
    check: Check
    doc: str
    """Summary line, explanation, then `Pass::` and `Fail::` examples."""
    fix: Fix | None = None

    @property
    def summary(self) -> str:
        return self.doc.strip().split("\n", 1)[0].strip()

    @property
    def description(self) -> str:
        """The documentation between the summary line and the examples."""
        doc = inspect.cleandoc(self.doc)
        body = doc.split("\n", 1)[1] if "\n" in doc else ""
        return body.split("Pass::", 1)[0].strip()

    def examples(self) -> dict[str, str]:
        """The documentation's examples: {"Pass": text, "Fail": text}."""
        doc = inspect.cleandoc(self.doc)
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


def _loader_rule(rule_id: str, level: Level, doc: str) -> Rule:
    def check(document: Document, ctx: object) -> Iterable[Problem]:
        return [p for p in document.problems if p.rule == rule_id]

    return Rule(rule_id, level, "file", True, check, doc)


CRASHED = Rule("rule-crashed", Level.ERROR, "file", True, lambda *_: [], """检查规则本身出错时，在它正在检查的文件上报告，其他规则照常运行。

这表示检查工具有缺陷，而不是内容有错：请把这一行（规则名和错误的第一行）报告给维护者。
出错的规则对该文件的结论未知，所以检查结果计为失败，网站也不会用这份内容生成。

Pass::

    （所有规则都正常完成检查）

Fail::

    terms/siyu.md:1:1: error rule-crashed 规则 cjk-spacing 检查时出错：ValueError: …
""")
"""Reported by the runner when a rule raises; listed so the rules page documents it."""


@cache
def all_rules() -> tuple[Rule, ...]:
    """Every rule, sorted by id: the rule modules, the loader's checks and `rule-crashed`."""
    found = [_loader_rule(c.id, c.level, c.doc) for c in CHECKS] + [CRASHED]
    for info in pkgutil.iter_modules(_rules_pkg.__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{_rules_pkg.__name__}.{info.name}")
        found.append(Rule(module.ID, module.LEVEL, module.SCOPE, module.BUILD, module.check,
                          inspect.getdoc(module) or "", getattr(module, "fix", None)))
    ids = [r.id for r in found]
    if len(ids) != len(set(ids)):
        raise RuntimeError(f"duplicate rule ids: {sorted(i for i in ids if ids.count(i) > 1)}")
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
