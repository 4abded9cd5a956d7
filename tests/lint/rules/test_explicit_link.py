"""Rule `explicit-link`: a passing and a failing input, with exact line and column."""
from helpers import VALID_TERM, at, problems, with_lines

RULE = "explicit-link"


def test_passes(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l14="详见 [[私域]]、[[chudian|触点这个词]]、[[私域流量]] 和 [[!不是术语]]，`[[代码]]` 不算。"))
    assert problems(project, RULE) == []


def test_fails_with_suggestion(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l14="详见 [[私域流]] 和 [[nope]]。"))
    found = problems(project, RULE)
    assert at(found) == [("terms/x.md", 14, 4), ("terms/x.md", 14, 14)]
    assert found[0].hint == "是不是 [[私域流量]]？"
