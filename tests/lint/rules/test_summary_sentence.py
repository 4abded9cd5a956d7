"""Rule `summary-sentence`: a passing and a failing input, with exact line and column."""
from helpers import VALID_TERM, at, problems, with_lines

RULE = "summary-sentence"


def test_passes(project):
    project.write("terms/x.md", VALID_TERM)
    assert problems(project, RULE) == []


def test_fails(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l5="summary: 某术语。它是一个用于测试的术语"))
    found = problems(project, RULE)
    assert at(found) == [("terms/x.md", 5, 1), ("terms/x.md", 5, 1)]
    assert {p.message for p in found} == {"summary 应以句号“。”结尾", "summary 只能是一句话，中间出现了“。”"}
