"""Rule `yaml-syntax`: a passing and a failing input, with exact line and column."""
from helpers import VALID_TERM, at, problems, term_text, with_lines

RULE = "yaml-syntax"


def test_passes(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l6="related: [siyu, chudian]  # 注释"))
    assert problems(project, RULE) == []


def test_fails_at_the_parser_mark(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l4="category 基础概念: x: y"))
    found = problems(project, RULE)
    assert at(found) == [("terms/x.md", 4, 17)]
    assert found[0].message.startswith("YAML 语法错误")


def test_unclosed_flow_sequence(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l6="related: [siyu, chudian"))
    found = problems(project, RULE)
    assert [(p.path, p.line) for p in found] == [("terms/x.md", 7)]
