"""Rule `edition`: a passing and a failing input, with exact line and column."""
from helpers import VALID_TERM, at, problems, term_text, with_lines

RULE = "edition"


def test_passes(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l10='since: "1.0"\nchanged:\n  - {edition: "1.1", note: 补充案例}'))
    assert problems(project, RULE) == []


def test_undeclared_and_inconsistent(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l10='since: "1.1"\nchanged:\n  - {edition: "1.0", note: 早于收录}'))
    project.write("terms/y.md", term_text("y", "乙", ["siyu", "chudian"], since="2.0"))
    found = problems(project, RULE)
    assert at(found) == [("terms/x.md", 12, 6), ("terms/y.md", 13, 1)]
    assert "早于收录" in found[0].message and "未在 mkdocs.yml" in found[1].message


def test_related_cannot_point_to_a_later_edition(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l10='since: "1.1"'))
    project.write("terms/siyu.md", with_lines(VALID_TERM, l2="id: siyu", l3="title: 私域", l6="related: [chudian, x]"))
    found = problems(project, RULE)
    assert at(found) == [("terms/siyu.md", 6, 20)] and "1.1 版才收录" in found[0].message


def test_related_may_point_to_a_later_edition_that_revised_the_entry(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l10='since: "1.1"'))
    project.write("terms/siyu.md", with_lines(VALID_TERM, l2="id: siyu", l3="title: 私域", l6="related: [chudian, x]",
                                              l10='since: "1.0"\nchanged:\n  - {edition: "1.1", note: 加上与新术语的关联}'))
    assert problems(project, RULE) == []
