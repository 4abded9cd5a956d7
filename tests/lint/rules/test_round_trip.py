"""Rule `round-trip`: a passing and a failing input, with exact line and column."""
from helpers import VALID_TERM, at, problems, with_lines

RULE = "round-trip"


def test_passes(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l3="title: 后台账号"))  # 後台帳號 → 后台账号 (pinned)
    assert problems(project, RULE) == []


def test_fails_when_the_title_does_not_come_back(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l3="title: 缺省设置"))
    found = problems(project, RULE)
    assert at(found) == [("terms/x.md", 3, 1)]
    assert found[0].message == "标题“缺省设置”转成繁体“預設設定”后再转回得到“预设设定”"


def test_a_regional_word_that_comes_back_through_the_reverse_conversion_passes(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l3="title: 知识冲着"))  # 知識衝著 → tw2sp 知识冲着
    assert problems(project, RULE) == []
