"""Rule `source-url`: a passing and a failing input, with exact line and column."""
from helpers import VALID_TERM, at, problems, with_lines

RULE = "source-url"


def test_passes(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l9="    title: 手册\n    url: https://mp.weixin.qq.com/s/abc?id=1"))
    assert problems(project, RULE) == []


def test_fails_on_tracking_and_hostless(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l9="    title: 手册\n    url: https://mp.weixin.qq.com/s/a?utm_source=x&id=1"))
    project.write("terms/y.md", with_lines(VALID_TERM, l2="id: y", l3="title: 乙", l9="    title: 手册\n    url: https://localhost"))
    found = problems(project, RULE)
    assert at(found) == [("terms/x.md", 10, 5), ("terms/y.md", 10, 5)] and "utm_source" in found[0].message
