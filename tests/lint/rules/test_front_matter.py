"""Rule `front-matter`: a passing and a failing input, with exact line and column."""
from helpers import VALID_TERM, at, problems

RULE = "front-matter"


def test_passes(project):
    project.write("terms/x.md", VALID_TERM)
    assert problems(project, RULE) == []


def test_missing_unclosed_and_not_a_mapping(project):
    project.write("terms/a.md", "# 没有元数据\n")
    project.write("terms/b.md", "---\nid: b\ntitle: 乙\n")
    project.write("terms/c.md", "---\n- a\n- b\n---\n## 释义\n")
    project.write("terms/d.md", "---\n---\n## 释义\n")
    assert at(problems(project, RULE)) == [("terms/a.md", 1, 1), ("terms/b.md", 1, 1), ("terms/c.md", 2, 1), ("terms/d.md", 1, 1)]
