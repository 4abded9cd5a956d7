"""Rule `too-long`: huge files and very long lines get a clear message; the other rules still run."""
from helpers import VALID_TERM, at, problems, with_lines

RULE = "too-long"


def test_passes(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l13="一段正常长度的说明。" * 50))
    assert problems(project, RULE) == []


def test_a_very_long_line_is_reported_and_other_rules_still_run(project):
    line = "私域运营是品牌自己掌握的用户关系。" * 300 + "瑞幸把30天内下单4次的用户视为忠实用户。"
    project.write("terms/x.md", with_lines(VALID_TERM, l13=line, l17="说明怎么做,再做。"))
    found = problems(project)
    assert at(found, RULE) == [("terms/x.md", 13, 1)]
    assert "5121 个字符" in found[[p.rule for p in found].index(RULE)].message
    assert ("terms/x.md", 17, 6) in at(found, "cjk-punctuation")  # the next paragraph is still checked


def test_a_3_mb_body_exits_1_with_file_and_line_and_no_traceback(project):
    body = "私域运营是品牌自己掌握的用户关系。" * 60000  # about 3 MB in UTF-8, one line
    project.write("terms/x.md", with_lines(VALID_TERM, l13=body))
    result = project.lint("terms/x.md")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stdout.splitlines()
    assert any(line.startswith("terms/x.md:1:1: error too-long 文件有 2.9 MB") for line in lines)
    assert any(line.startswith("terms/x.md:13:1: error too-long 第 13 行有 1020000 个字符") for line in lines)
    assert max(len(line) for line in lines) < 400  # messages never print the content


def test_the_build_refuses_a_huge_file_with_its_location(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l13="长" * 5000))
    result = project.build("-q")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "terms/x.md:13:1: error too-long" in result.stderr
