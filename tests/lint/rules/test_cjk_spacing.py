"""Rule `cjk-spacing`: a passing and a failing input, with exact line and column."""
from helpers import VALID_TERM, at, problems, term_text, with_lines

RULE = "cjk-spacing"


def test_passes(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l14="瑞幸把 30 天内下单 4 次的用户叫作 SCRM 用户，85% 的人；企业微信+社群+LBS 打法。"))
    project.write("terms/y.md", with_lines(VALID_TERM, l2="id: y", l3="title: 乙", l5="summary: 乙是测试用的SCRM术语。"))
    assert problems(project, RULE) == []


def test_fails_at_each_insertion_point(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l14="瑞幸把30天内下单4次的用户叫作SCRM用户，85%的人。"))
    assert at(problems(project, RULE)) == [
        ("terms/x.md", 14, 4), ("terms/x.md", 14, 6), ("terms/x.md", 14, 10), ("terms/x.md", 14, 11),
        ("terms/x.md", 14, 17), ("terms/x.md", 14, 21), ("terms/x.md", 14, 27)]


def test_exact_term_names_are_exempt(project):
    project.write("terms/z.md", term_text("z", "企业微信+社群+LBS+波峰会员日+支付", ["siyu", "chudian"]))
    project.write("terms/x.md", with_lines(VALID_TERM, l14="久久丫用企业微信+社群+LBS+波峰会员日+支付的打法。"))
    assert problems(project, RULE, "terms/x.md") == []
