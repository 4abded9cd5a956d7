"""Rule `key-order`: a passing and a failing input, with exact line and column."""
from helpers import VALID_TERM, at, problems, with_lines

RULE = "key-order"


def test_passes(project):
    project.write("terms/x.md", VALID_TERM)
    assert problems(project, RULE) == []


def test_fails_and_fix_moves_lines_without_reserialising(project):
    path = project.write("terms/x.md", with_lines(VALID_TERM, l3="category: 基础概念", l4="title: 某术语  # 注释保留"))
    found = problems(project, RULE)
    assert at(found) == [("terms/x.md", 3, 1)] and found[0].fixable
    project.lint("--fix", "terms/x.md")
    assert path.read_text("utf-8").split("\n")[2:4] == ["title: 某术语  # 注释保留", "category: 基础概念"]
    assert problems(project, RULE) == []
