"""Typography of the body: spacing, full-width punctuation, repeated punctuation, and --fix."""
from helpers import VALID_TERM, at, problems, with_lines


def test_spacing_between_cjk_and_latin_or_digits(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l14="瑞幸把30天内下单4次的用户叫作SCRM用户，85%的人。"))
    assert at(problems(project, "cjk-spacing")) == [
        ("terms/x.md", 14, 4), ("terms/x.md", 14, 6), ("terms/x.md", 14, 10), ("terms/x.md", 14, 11),
        ("terms/x.md", 14, 17), ("terms/x.md", 14, 21), ("terms/x.md", 14, 27)]


def test_front_matter_is_not_checked(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l5="summary: 某术语是测试用的SCRM术语。"))
    assert problems(project, "cjk-spacing") == []


def test_names_with_plus_are_left_alone(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l14="打法是企业微信+社群+LBS，还有 `code,x`。"))
    assert problems(project, "cjk-spacing") == [] and problems(project, "cjk-punctuation") == []


def test_fullwidth_punctuation(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l14='会员日(每周五)最忙,用户说:"有券吗"，时间 8:30。'))
    found = problems(project, "cjk-punctuation")
    assert at(found) == [("terms/x.md", 14, 4), ("terms/x.md", 14, 11), ("terms/x.md", 14, 15), ("terms/x.md", 14, 16)]


def test_repeated_punctuation(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l14="为什么没人说话？？真的！！"))
    assert at(problems(project, "repeated-punctuation")) == [("terms/x.md", 14, 8), ("terms/x.md", 14, 12)]


def test_fix_output_lints_clean_and_keeps_front_matter(project):
    text = with_lines(VALID_TERM, l5="summary: 某术语是测试用的SCRM术语。",
                      l14='瑞幸把30天内下单4次的用户(忠实用户)叫作"熟客",真的！！')
    path = project.write("terms/x.md", text)
    first = project.lint("terms/x.md")
    assert first.returncode == 1
    project.lint("--fix", "terms/x.md")
    fixed = path.read_text("utf-8")
    assert fixed.split("---")[1] == text.split("---")[1]  # front matter byte for byte
    assert "瑞幸把 30 天内下单 4 次的用户（忠实用户）叫作“熟客”，真的！" in fixed
    second = project.lint("terms/x.md")
    assert second.returncode == 0, second.stdout
