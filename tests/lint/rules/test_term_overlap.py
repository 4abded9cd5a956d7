"""Rule `term-overlap`: a passing and a failing input, with exact line and column."""
from helpers import VALID_TERM, at, problems, with_lines

RULE = "term-overlap"


def test_passes(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l3="title: 流量池", l14="私域是一回事，流量池是另一回事。"))
    assert problems(project, RULE) == []


def test_fails_where_the_overlap_occurs(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l3="title: 流量池", l14="把公域用户导入私域流量池。"))
    project.write("terms/y.md", with_lines(VALID_TERM, l2="id: y", l3="title: 乙", l14="导入私域流量池里。"))
    found = problems(project, RULE)
    assert at(found) == [("terms/x.md", 14, 10), ("terms/y.md", 14, 5)]
    assert "“私域流量”与“流量池”重叠" in found[0].message and found[0].level.value == "warning"
