"""Rule `yaml-syntax`: a passing and a failing input, with exact line and column."""
from helpers import VALID_TERM, at, problems, with_lines

RULE = "yaml-syntax"


def test_passes(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l6="related: [siyu, chudian]  # 注释"))
    assert problems(project, RULE) == []


def test_fails_at_the_parser_mark(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l4="category 基础概念: x: y"))
    found = problems(project, RULE)
    assert at(found) == [("terms/x.md", 4, 17)]
    assert found[0].message.startswith("YAML 语法错误")


def test_unclosed_bracket_is_reported_where_it_opens(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l6="related: [siyu, chudian"))
    found = problems(project, RULE)
    assert at(found) == [("terms/x.md", 6, 10)]  # the "[", not the next line where PyYAML gave up
    assert "方括号" in found[0].message


def test_unclosed_bracket_in_the_title(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l4="title: [未闭合"))
    assert at(problems(project, RULE)) == [("terms/x.md", 4, 8)]


def test_unclosed_quote_is_reported_where_it_opens(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l5='summary: "没有右引号的一句话。'))
    found = problems(project, RULE)
    assert at(found) == [("terms/x.md", 5, 10)]
    assert "引号没有闭合" in found[0].message and "解析器到第" in found[0].hint


def test_bad_indentation_is_reported_at_the_offending_line(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l8="  - publisher: 见实", l9="  title: 手册"))
    found = problems(project, RULE)
    assert [(p.path, p.line) for p in found] == [("terms/x.md", 9)]
    assert "缩进" in found[0].message
