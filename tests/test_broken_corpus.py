"""Every broken file gets the right rule at the right place, and the linter never crashes."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from helpers import Project, problems

BROKEN = Path(__file__).parent / "broken"
CHECKED_WARNINGS = {"figure-period"}
"""Warning rules whose problems a broken file must match exactly (the others need several files)."""
EXPECTED: dict[str, list[dict]] = yaml.safe_load((BROKEN / "expected.yml").read_text("utf-8"))


def test_corpus_is_large_and_covers_every_rule():
    from handbook.lint.registry import all_rules

    assert len(EXPECTED) >= 40
    covered = {e["rule"] for exp in EXPECTED.values() for e in exp}
    untestable_alone = {"term-overlap", "orphan-term", "file-name",  # need several files; see tests/lint/rules
                        "mainland-word", "unused-pin",  # need the region lists and table: tests/test_regions.py
                        "rule-crashed"}  # a defect of a rule, not of content: see tests/lint/rules/test_rule_crashed.py
    assert {r.id for r in all_rules()} - covered <= untestable_alone


@pytest.mark.parametrize("rel", sorted(EXPECTED))
def test_broken_file(rel: str, tmp_path: Path):
    project = Project(tmp_path)
    shutil.copy(BROKEN / rel, tmp_path / rel)  # terms/…, cases/… or conversions.yml at the root
    found = [p for p in problems(project) if p.path == rel and (p.level.value == "error" or p.rule in CHECKED_WARNINGS)]
    got = sorted((p.rule, p.line, p.col) for p in found)
    want = sorted((e["rule"], e["line"], e["col"]) for e in EXPECTED[rel])
    assert got == want, [p.format() for p in found]
    for e in EXPECTED[rel]:
        assert any(p.rule == e["rule"] and e["message"] in p.message for p in found), (e, [p.message for p in found])


def test_cli_on_the_whole_corpus_exits_1_without_traceback(tmp_path: Path):
    project = Project(tmp_path)
    for rel in EXPECTED:
        shutil.copy(BROKEN / rel, tmp_path / rel)
    for fmt in ("text", "json", "github"):
        result = project.lint("--format", fmt)
        assert result.returncode == 1
        assert "Traceback" not in result.stderr + result.stdout
    assert "terms/gbk.md:3:9: error file-encoding" in project.lint().stdout
