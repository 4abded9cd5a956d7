"""Rule `fullwidth-alnum`: a passing and a failing input, with exact line and column."""
from helpers import VALID_TERM, at, problems, with_lines

RULE = "fullwidth-alnum"


def test_passes(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l14="SCRM 系统，30 天。"))
    assert problems(project, RULE) == []


def test_fails(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l14="ＳＣＲＭ　系统，３０ 天"))
    found = problems(project, RULE)
    assert at(found) == [("terms/x.md", 14, 1), ("terms/x.md", 14, 5), ("terms/x.md", 14, 9)] and "SCRM" in found[0].hint
