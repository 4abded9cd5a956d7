"""Rule `duplicate-name`: a passing and a failing input, with exact line and column."""
from helpers import VALID_TERM, at, problems, term_text, with_lines

RULE = "duplicate-name"


def test_passes(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l3="title: 某术语\naliases: [另一个名称]"))
    assert problems(project, RULE) == []


def test_fails_across_scripts_widths_and_case(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l3="title: 某术语\naliases: [社羣, ＳＣＲＭ]"))
    project.write("terms/y.md", term_text("y", "scrm", ["siyu", "chudian"]))
    found = problems(project, RULE)
    assert at(found) == [("terms/shequn.md", 3, 1), ("terms/x.md", 4, 11), ("terms/x.md", 4, 15), ("terms/y.md", 3, 1)]
    assert "terms/x.md:4" in found[0].message and "terms/shequn.md:3" in found[1].message
    assert "terms/y.md:3" in found[2].message and "ＳＣＲＭ" in found[3].message
