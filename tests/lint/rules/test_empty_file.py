"""Rule `empty-file`: a passing and a failing input, with exact line and column."""
from helpers import VALID_TERM, at, problems

RULE = "empty-file"


def test_passes(project):
    project.write("terms/x.md", VALID_TERM)
    assert problems(project, RULE) == []


def test_fails(project):
    project.write("terms/x.md", "\n  \n")
    found = problems(project, RULE)
    assert at(found) == [("terms/x.md", 1, 1)] and "scripts/new" in found[0].hint
