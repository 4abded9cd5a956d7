"""Rule `placeholder`: a passing and a failing input, with exact line and column."""
from helpers import VALID_TERM, at, problems, with_lines

RULE = "placeholder"


def test_passes(project):
    project.write("terms/x.md", VALID_TERM)
    assert problems(project, RULE) == []


def test_fails(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l14="内容待补，TODO 以后写。"))
    assert at(problems(project, RULE)) == [("terms/x.md", 14, 3), ("terms/x.md", 14, 6)]
