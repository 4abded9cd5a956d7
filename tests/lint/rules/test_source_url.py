"""Rule `source-url`: a passing and a failing input, with exact line and column."""
from helpers import VALID_TERM, at, problems, with_lines

RULE = "source-url"


def test_passes(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l9='     date: "2021", url: https://mp.weixin.qq.com/s/abc?id=1}'))
    project.write("terms/y.md", with_lines(VALID_TERM, l2="id: y", l3="title: 乙", l9='     date: "2021", url: http://www.example.com/a}'))
    assert problems(project, RULE) == []


def test_fails_on_tracking_and_hostless(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l9='     date: "2021", url: "https://mp.weixin.qq.com/s/a?utm_source=x&id=1"}'))
    project.write("terms/y.md", with_lines(VALID_TERM, l2="id: y", l3="title: 乙", l9='     date: "2021", url: https://localhost}'))
    project.write("terms/z.md", with_lines(VALID_TERM, l2="id: z", l3="title: 丙", l9='     date: "2021", url: http://user:pw@example.com/}'))
    found = problems(project, RULE)
    assert at(found) == [("terms/x.md", 9, 20), ("terms/y.md", 9, 20), ("terms/z.md", 9, 20)]
    assert "utm_source" in found[0].message and "主机名" in found[1].message
