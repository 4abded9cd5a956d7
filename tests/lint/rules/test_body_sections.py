"""Rule `body-sections`: a passing and a failing input, with exact line and column."""
from helpers import VALID_TERM, problems

RULE = "body-sections"


def test_passes(project):
    project.write("terms/x.md", VALID_TERM + "\n## 案例\n\n某品牌的例子。\n")
    assert problems(project, RULE) == []


def test_heading_unknown_order_and_empty(project):
    body = "# 标题\n\n## 实践要点\n\n做法。\n\n## 定义\n\n内容。\n\n## 释义\n\n"
    project.write("terms/x.md", VALID_TERM.split("## 释义")[0] + body)
    found = problems(project, RULE)
    assert [(p.line, p.message) for p in found] == [
        (12, "正文不能有一级标题"), (12, "正文在第一个小节标题之前有文字"),
        (18, "未知的小节“定义”"), (22, "小节“释义”应在“实践要点”之前"), (22, "小节“释义”是空的")]


def test_missing_required_section(project):
    project.write("terms/x.md", VALID_TERM.split("## 实践要点")[0])
    assert [(p.line, p.message) for p in problems(project, RULE)] == [(12, "缺少必填小节“实践要点”")]
