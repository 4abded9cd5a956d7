"""Rule `orphan-term`: a passing and a failing input, with exact line and column."""
from helpers import VALID_TERM, at, problems, with_lines

RULE = "orphan-term"


def test_passes(project):
    assert problems(project, RULE) == []


def test_fails_when_nothing_points_at_a_term(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l3="title: 孤儿术语"))
    found = problems(project, RULE)
    assert at(found) == [("terms/x.md", 3, 1)] and found[0].level.value == "warning"


def test_a_mention_in_a_docs_page_counts(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l3="title: 孤儿术语"))
    project.write("docs/about.md", "# 关于\n\n本书解释孤儿术语。\n")
    assert problems(project, RULE) == []
