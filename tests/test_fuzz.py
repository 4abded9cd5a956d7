"""Throw random Unicode, huge lines and binary at the linter and the build: problems, never a traceback."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handbook.core import corpus as corpus_mod
from handbook.core.settings import read
from handbook.lint.context import Context
from handbook.lint.runner import run
from helpers import VALID_TERM, Project

HEAD, BODY = VALID_TERM.split("\n---\n", 1)[0] + "\n---\n", VALID_TERM.split("\n---\n", 1)[1]
NASTY = st.sampled_from(["\x00", "\ufeff", "\u200b", "\ud7ff", "\U0010ffff", "-{", "}-", "[[", "]]", "|", "```",
                         "<script>", "\r", "\t", "：", "\ue000", "\ue001", "\ue003", "#", "---", "私域", "企业微信"])
TEXT = st.lists(st.one_of(st.text(max_size=40), NASTY), max_size=30).map("".join)
HUGE = st.builds(lambda s, n: s * n, st.text(min_size=1, max_size=8), st.integers(500, 3000))
CONTENT = st.one_of(
    st.binary(max_size=400),
    TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.tuples(TEXT, HUGE).map(lambda p: (HEAD + p[0] + "\n" + p[1] + "\n" + BODY).encode("utf-8", "surrogatepass")),
    TEXT.map(lambda t: (HEAD + BODY.replace("说明这个术语。", t)).encode("utf-8", "surrogatepass")),
    TEXT.map(lambda t: VALID_TERM.replace("title: 某术语", f"title: {t!r}").encode("utf-8", "surrogatepass")),
)


@pytest.fixture(scope="module")
def fuzz_project(tmp_path_factory) -> Project:
    return Project(tmp_path_factory.mktemp("fuzz"))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(content=CONTENT)
def test_every_rule_survives_any_file(fuzz_project, content):
    fuzz_project.write("terms/fuzz.md", content)
    ctx = Context(corpus_mod.load(fuzz_project.root), read(fuzz_project.root / "mkdocs.yml"), fuzz_project.root)
    found = run(ctx)
    assert not [p for p in found if p.rule == "rule-crashed"], [p.format() for p in found if p.rule == "rule-crashed"]
    assert all(len(p.format()) < 600 for p in found)  # a message never prints a whole line of content


@pytest.mark.build
@pytest.mark.parametrize("content", [
    bytes(range(256)) * 4,
    ("---\n" + "\u0000\ud7ff\U0010ffff" * 50 + "\n---\n").encode("utf-8"),
    (HEAD + "## 释义\n\n" + "长" * 50_000 + "\n\n## 实践要点\n\n做。\n").encode("utf-8"),
    (HEAD + BODY.replace("说明这个术语。", "\ue000\ue003 -{ [[ ]] }- <script>x</script> ```")).encode("utf-8"),
], ids=["binary", "control-characters", "huge-line", "markers-and-markup"])
def test_the_build_reports_problems_and_never_a_traceback(project, content):
    project.write("terms/fuzz.md", content)
    result = project.build()
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert result.returncode in (0, 1)
    if result.returncode == 1:
        assert "terms/fuzz.md:" in result.stderr
