"""Rule `file-encoding`: a passing and a failing input, with exact line and column."""
from helpers import VALID_TERM, at, problems

RULE = "file-encoding"


def test_passes(project):
    project.write("terms/x.md", VALID_TERM)
    assert problems(project, RULE) == []


def test_fails_at_first_bad_byte(project):
    raw = VALID_TERM.replace("说明这个术语。", "ok私域").encode("utf-8").replace("私域".encode(), "私域".encode("gbk"))
    project.write("terms/x.md", raw)
    found = problems(project, RULE)
    assert at(found) == [("terms/x.md", 14, 4)]  # 0xcb 0xbd happens to be valid UTF-8; 0xd3 is not
    assert "不是 UTF-8" in found[0].message and "0xd3" in found[0].message


def test_bom_is_a_warning(project):
    project.write("terms/x.md", "\ufeff" + VALID_TERM)
    assert [(p.line, p.level.value) for p in problems(project, RULE)] == [(1, "warning")]
