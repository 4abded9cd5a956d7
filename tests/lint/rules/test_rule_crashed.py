"""`rule-crashed`: a rule that raises becomes a problem at the file it was checking; the run goes on."""
import pytest

from handbook.core import corpus as corpus_mod
from handbook.core.settings import read
from handbook.lint import registry, runner
from handbook.lint.context import Context
from handbook.lint.runner import run
from helpers import VALID_TERM, at, with_lines


def _broken(doc, ctx):
    raise ValueError("call limit reached\nsecond line of the error that must not be shown")


@pytest.fixture
def crashing_rule(monkeypatch):
    rules = registry.all_rules()
    bad = registry.Rule("cjk-spacing", rules[0].level, "file", False, _broken, "x\n\nPass::\n\n    a\n\nFail::\n\n    b\n")
    patched = tuple(bad if r.id == "cjk-spacing" else r for r in rules)
    monkeypatch.setattr(registry, "all_rules", lambda: patched)
    monkeypatch.setattr(runner, "all_rules", lambda: patched)
    return bad


def _lint(project):
    ctx = Context(corpus_mod.load(project.root), read(project.root / "mkdocs.yml"), project.root)
    return run(ctx, rules=registry.all_rules())


def test_a_rule_that_raises_is_reported_at_each_file_and_others_still_run(project, crashing_rule):
    project.write("terms/x.md", with_lines(VALID_TERM, l17="说明怎么做,再做。"))
    found = _lint(project)
    crashed = [p for p in found if p.rule == "rule-crashed"]
    assert ("terms/x.md", 1, 1) in at(crashed)
    message = next(p.message for p in crashed if p.path == "terms/x.md")
    assert message == "规则 cjk-spacing 检查时出错：ValueError: call limit reached"
    assert ("terms/x.md", 17, 6) in at(found, "cjk-punctuation")


def test_a_corpus_rule_that_raises_is_reported_at_the_project(project, monkeypatch):
    rules = registry.all_rules()
    bad = registry.Rule("duplicate-id", rules[0].level, "corpus", True, lambda ctx: 1 / 0, "x")
    ctx = Context(corpus_mod.load(project.root), read(project.root / "mkdocs.yml"), project.root)
    found = run(ctx, rules=[bad])
    assert at(found) == [(".", 1, 1)] and found[0].message.startswith("规则 duplicate-id 检查时出错：ZeroDivisionError")


def test_the_command_line_exits_1_without_a_traceback(project, crashing_rule):
    from handbook.lint.cli import main

    project.write("terms/x.md", VALID_TERM)
    assert main(["--root", str(project.root)]) == 1
