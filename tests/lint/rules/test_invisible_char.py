"""Rule `invisible-char`: a passing and a failing input, with exact line and column."""
from helpers import VALID_TERM, at, problems, with_lines

RULE = "invisible-char"


def test_passes(project):
    project.write("terms/x.md", VALID_TERM)
    assert problems(project, RULE) == []


def test_fails(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l14="私域\u200b运营\u202e"))
    found = problems(project, RULE)
    assert at(found) == [("terms/x.md", 14, 3), ("terms/x.md", 14, 6)] and "U+200B" in found[0].message
