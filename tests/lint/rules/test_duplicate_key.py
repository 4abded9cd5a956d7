"""Rule `duplicate-key`: a passing and a failing input, with exact line and column."""
from helpers import VALID_TERM, at, problems, with_lines

RULE = "duplicate-key"


def test_passes(project):
    project.write("terms/x.md", VALID_TERM)
    assert problems(project, RULE) == []


def test_fails_on_the_second_key(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l4="category: 基础概念\ntitle: 另一个"))
    found = problems(project, RULE)
    assert at(found) == [("terms/x.md", 5, 1)] and "第 3 行" in found[0].message
