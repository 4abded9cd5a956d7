"""Rule `raw-html`: a passing and a failing input, with exact line and column."""
from helpers import VALID_TERM, at, problems, with_lines

RULE = "raw-html"


def test_passes(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l14="写 `<b>` 在代码里没问题，a < b 也没问题。<!-- 编辑注释 -->"))
    assert problems(project, RULE) == []


def test_fails(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l14="说明<b>重点</b>，以及 `<code>` 不算。<script>alert(1)</script>"))
    assert at(problems(project, RULE)) == [("terms/x.md", 14, 3), ("terms/x.md", 14, 8), ("terms/x.md", 14, 28), ("terms/x.md", 14, 44)]
