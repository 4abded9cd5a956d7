"""Character rules: Traditional characters, invisible characters, full-width letters, encoding damage."""
from helpers import VALID_TERM, at, problems, with_lines


def test_traditional_characters_found_by_phrase_conversion(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l14="企业微信社羣裡的會員很著名，`社羣` 在代码里不算，-{臺灣}- 也不算。"))
    found = problems(project, "traditional-char")
    assert at(found) == [("terms/x.md", 14, 6), ("terms/x.md", 14, 9)]
    assert found[0].message == "简体文件中出现繁体字“羣裡”" and found[0].hint.startswith("改为“群里”")


def test_traditional_in_front_matter(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l3="title: 某術語"))
    assert at(problems(project, "traditional-char")) == [("terms/x.md", 3, 9)]


def test_invisible_characters(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l14="私域\u200b运营\u202e"))
    found = problems(project, "invisible-char")
    assert at(found) == [("terms/x.md", 14, 3), ("terms/x.md", 14, 6)]
    assert "U+200B" in found[0].message


def test_fullwidth_letters_and_digits(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l14="ＳＣＲＭ　系统，３０ 天"))
    found = problems(project, "fullwidth-alnum")
    assert at(found) == [("terms/x.md", 14, 1), ("terms/x.md", 14, 5), ("terms/x.md", 14, 9)]
    assert "SCRM" in found[0].hint


def test_encoding_damage_as_scraped_text_carries_it(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l14="運(yùn)营团队，咨询?nèi)如何，导购?培训，丢字\ufffd了。"))
    found = problems(project, "encoding-damage")
    cols = [p.col for p in found]
    assert all(p.line == 14 for p in found)
    assert cols == [2, 13, 23, 29]
