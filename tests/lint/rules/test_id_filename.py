"""Rule `id-filename`: a passing and a failing input, with exact line and column."""
from helpers import VALID_TERM, at, problems, with_lines

RULE = "id-filename"


def test_passes(project):
    project.write("terms/x.md", VALID_TERM)
    assert problems(project, RULE) == []


def test_fails(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l2="id: y"))
    found = problems(project, RULE)
    assert at(found) == [("terms/x.md", 2, 1)] and "y.md" in found[0].hint
