"""Rule `duplicate-id`: a passing and a failing input, with exact line and column."""
from helpers import VALID_TERM, at, problems, with_lines

RULE = "duplicate-id"


def test_passes(project):
    project.write("terms/x.md", VALID_TERM)
    assert problems(project, RULE) == []


def test_fails_in_both_files(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l2="id: siyu"))
    found = problems(project, RULE)
    assert at(found) == [("terms/siyu.md", 2, 1), ("terms/x.md", 2, 1)]
    assert "terms/siyu.md:2" in found[1].message and "terms/x.md:2" in found[0].message
