"""Rule `case-metric`: a passing and a failing input, with exact line and column."""
from helpers import at, problems

RULE = "case-metric"


def test_passes(project):
    assert problems(project, RULE) == []


def test_fails(project):
    text = (project.root / "cases/pinpai.md").read_text("utf-8").replace("source: 见实", "source: 网上资料")
    project.write("cases/pinpai.md", text)
    found = problems(project, RULE)
    assert at(found) == [("cases/pinpai.md", 17, 3)] and "网上资料" in found[0].message
