"""The real handbook content lints clean, and the registry is well-formed."""
from handbook.core import corpus as corpus_mod
from handbook.core.settings import read
from handbook.lint.context import Context
from handbook.lint.registry import all_rules
from handbook.lint.runner import run
from helpers import REPO


def test_real_content_has_no_problems():
    ctx = Context(corpus_mod.load(REPO), read(REPO / "mkdocs.yml"), REPO)
    found = run(ctx)
    assert [p.format() for p in found] == []


def test_every_rule_is_documented_with_examples():
    for rule in all_rules():
        assert rule.id == rule.id.lower() and " " not in rule.id
        assert rule.summary, rule.id
        examples = rule.examples()
        assert examples.get("Pass") and examples.get("Fail"), f"{rule.id} lacks Pass/Fail examples"
        assert rule.scope in ("file", "corpus")
