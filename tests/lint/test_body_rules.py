"""Content rules: sections, summary, placeholders, raw HTML, key order, source URLs, case metrics."""
from helpers import VALID_TERM, at, problems, with_lines


def test_body_sections_required_known_and_ordered(project):
    body = "# 标题\n\n## 实践要点\n\n做法。\n\n## 定义\n\n内容。\n\n## 释义\n\n"
    project.write("terms/x.md", VALID_TERM.split("## 释义")[0] + body)
    found = problems(project, "body-sections", "terms/x.md")
    messages = [(p.line, p.message) for p in found]
    assert (12, "正文不能有一级标题") in messages
    assert (18, "未知的小节“定义”") in messages
    assert (22, "小节“释义”应在“实践要点”之前") in messages
    assert (22, "小节“释义”是空的") in messages


def test_missing_required_section(project):
    project.write("terms/x.md", VALID_TERM.split("## 实践要点")[0])
    found = problems(project, "body-sections", "terms/x.md")
    assert [p.message for p in found] == ["缺少必填小节“实践要点”"]


def test_summary_is_one_sentence(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l5="summary: 某术语。它是一个用于测试的术语"))
    found = problems(project, "summary-sentence")
    assert at(found) == [("terms/x.md", 5, 1), ("terms/x.md", 5, 1)]


def test_placeholder_text(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l14="内容待补，TODO 以后写。"))
    found = problems(project, "placeholder")
    assert at(found) == [("terms/x.md", 14, 3), ("terms/x.md", 14, 6)]


def test_raw_html_in_body(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l14="说明<b>重点</b>，以及 `<code>` 不算。<script>alert(1)</script>"))
    found = problems(project, "raw-html")
    assert at(found) == [("terms/x.md", 14, 3), ("terms/x.md", 14, 8), ("terms/x.md", 14, 28), ("terms/x.md", 14, 44)]


def test_key_order_and_its_fix_keeps_yaml_text(project):
    text = with_lines(VALID_TERM, l3="category: 基础概念", l4="title: 某术语  # 注释保留")
    path = project.write("terms/x.md", text)
    found = problems(project, "key-order")
    assert at(found) == [("terms/x.md", 3, 1)] and found[0].fixable
    result = project.lint("--fix", "terms/x.md")
    fixed = path.read_text("utf-8")
    assert fixed.split("\n")[2:4] == ["title: 某术语  # 注释保留", "category: 基础概念"]
    assert problems(project, "key-order") == []
    assert result.returncode in (0, 1)


def test_source_url_safety(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l9="    title: 手册\n    url: https://mp.weixin.qq.com/s/a?utm_source=x&id=1"))
    project.write("terms/y.md", with_lines(VALID_TERM, l2="id: y", l3="title: 乙", l9="    title: 手册\n    url: https://localhost"))
    found = problems(project, "source-url")
    assert at(found) == [("terms/x.md", 10, 5), ("terms/y.md", 10, 5)]
    assert "utm_source" in found[0].message


def test_case_metric_source_must_be_listed(project):
    text = (project.root / "cases/pinpai.md").read_text("utf-8").replace("source: 见实", "source: 网上资料")
    project.write("cases/pinpai.md", text)
    found = problems(project, "case-metric")
    assert [p.path for p in found] == ["cases/pinpai.md"] and "网上资料" in found[0].message
