"""Rule `encoding-damage`: a passing and a failing input, with exact line and column."""
from helpers import VALID_TERM, at, problems, with_lines

RULE = "encoding-damage"


def test_passes(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l14="真的吗？是的（shì de）。拼音 (pinyin) 与 a?b 都不算。"))
    assert problems(project, RULE) == []


def test_fails(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l14="運(yùn)营团队，咨询?nèi)如何，导购?培训，丢字\ufffd了。"))
    assert at(problems(project, RULE)) == [("terms/x.md", 14, 2), ("terms/x.md", 14, 13), ("terms/x.md", 14, 23), ("terms/x.md", 14, 29)]
