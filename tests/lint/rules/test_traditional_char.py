"""Rule `traditional-char`: a passing and a failing input, with exact line and column."""
from helpers import VALID_TERM, at, problems, with_lines

RULE = "traditional-char"


def test_passes(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l14="著名品牌的社群里，`社羣` 在代码里、-{臺灣}- 在保护区里都不算。"))
    assert problems(project, RULE) == []


def test_fails_in_body_and_front_matter(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l3="title: 某術語", l14="企业微信社羣裡的會員很著名。"))
    found = problems(project, RULE)
    assert at(found) == [("terms/x.md", 3, 9), ("terms/x.md", 14, 6), ("terms/x.md", 14, 9)]
    assert found[1].message == "简体文件中出现繁体字“羣裡”" and found[1].hint.startswith("改为“群里”")
