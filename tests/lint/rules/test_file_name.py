"""Rule `file-name`: a passing and a failing input, with exact line and column."""
from helpers import VALID_TERM, at, problems

RULE = "file-name"


def test_passes(project):
    project.write("terms/x.md", VALID_TERM)
    assert problems(project, RULE) == []


def test_fails_for_other_extensions_and_subfolders(project):
    project.write("terms/x.markdown", VALID_TERM)
    project.write("terms/sub/x.md", VALID_TERM)
    assert at(problems(project, RULE)) == [("terms/sub/x.md", 1, 1), ("terms/x.markdown", 1, 1)]
