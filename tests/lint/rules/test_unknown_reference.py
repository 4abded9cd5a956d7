"""Rule `unknown-reference`: a passing and a failing input, with exact line and column."""
from helpers import VALID_TERM, at, problems, with_lines

RULE = "unknown-reference"


def test_passes(project):
    project.write("terms/x.md", VALID_TERM)
    assert problems(project, RULE) == []


def test_fails_with_a_suggestion(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l6="related: [siyu, chudain]"))
    found = problems(project, RULE)
    assert at(found) == [("terms/x.md", 6, 17)] and found[0].hint == "是不是 `chudian`？"


def test_case_terms_and_deprecation_targets(project):
    text = (project.root / "cases/pinpai.md").read_text("utf-8").replace("- shequn", "- shequnn")
    project.write("cases/pinpai.md", text)
    project.write("terms/x.md", with_lines(VALID_TERM, l10='since: "1.0"\ndeprecated: {edition: "1.1", by: nope}'))
    assert at(problems(project, RULE)) == [("cases/pinpai.md", 11, 3), ("terms/x.md", 11, 30)]
