"""Rule `source-publisher`: a passing and a failing input, with exact line and column."""
from helpers import VALID_TERM, at, problems, with_lines

RULE = "source-publisher"


def test_passes(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l8="  - {publisher: 微信推广资讯, note: 原发布者未能确认,"))
    assert problems(project, RULE) == []


def test_fails_on_placeholder_publisher_and_author(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l8="  - {publisher: 佚名, title: 手册,"))
    project.write("terms/y.md", with_lines(VALID_TERM, l2="id: y", l3="title: 乙", l8="  - {publisher: 见实, author: 匿名, title: 手册,"))
    found = problems(project, RULE)
    assert at(found) == [("terms/x.md", 8, 6), ("terms/y.md", 8, 21)]
    assert "发布者" in found[0].message and "佚名" in found[0].message and "作者" in found[1].message
