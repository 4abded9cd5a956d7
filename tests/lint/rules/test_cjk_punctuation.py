"""Rule `cjk-punctuation`: a passing and a failing input, with exact line and column."""
from helpers import VALID_TERM, at, problems, with_lines

RULE = "cjk-punctuation"


def test_passes(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l14="会员日（每周五）最忙，用户说：“有券吗？”时间 8:30，见 `a,b` 与 https://a.cn/x?y=1,2 。"))
    assert problems(project, RULE) == []


def test_fails(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l14='会员日(每周五)最忙,用户说:"有券吗"，时间 8:30。'))
    found = problems(project, RULE)
    assert at(found) == [("terms/x.md", 14, 4), ("terms/x.md", 14, 11), ("terms/x.md", 14, 15), ("terms/x.md", 14, 16)]
    assert found[0].message == "中文句子中应使用全角标点：“(每周五)”应为“（每周五）”"
