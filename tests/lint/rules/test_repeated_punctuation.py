"""Rule `repeated-punctuation`: a passing and a failing input, with exact line and column."""
from helpers import VALID_TERM, at, problems, with_lines

RULE = "repeated-punctuation"


def test_passes(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l14="为什么没人说话？真的！……"))
    assert problems(project, RULE) == []


def test_fails(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l14="为什么没人说话？？真的！！"))
    assert at(problems(project, RULE)) == [("terms/x.md", 14, 8), ("terms/x.md", 14, 12)]
