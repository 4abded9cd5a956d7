"""Rules whose findings come from parsing: encoding, empty file, front matter, YAML, duplicate keys, schema."""
from helpers import VALID_TERM, at, problems, with_lines


def test_valid_term_passes(project):
    project.write("terms/x.md", VALID_TERM)
    assert problems(project, path="terms/x.md") == []


def test_file_encoding_points_at_first_bad_byte(project):
    project.write("terms/x.md", VALID_TERM.replace("说明这个术语", "说明").encode("utf-8").replace(
        "说明。".encode(), "ok".encode() + "私域".encode("gbk")))
    found = problems(project, "file-encoding", "terms/x.md")
    assert at(found) == [("terms/x.md", 14, 4)]  # 0xcb 0xbd happens to be valid UTF-8
    assert "UTF-8" in found[0].message


def test_bom_is_a_warning(project):
    project.write("terms/x.md", "\ufeff" + VALID_TERM)
    found = problems(project, "file-encoding", "terms/x.md")
    assert [p.level.value for p in found] == ["warning"]


def test_empty_file(project):
    project.write("terms/x.md", "")
    assert at(problems(project, "empty-file")) == [("terms/x.md", 1, 1)]


def test_missing_and_unclosed_front_matter(project):
    project.write("terms/x.md", "# 没有元数据\n")
    project.write("terms/y.md", "---\nid: y\ntitle: 乙\n")
    assert at(problems(project, "front-matter")) == [("terms/x.md", 1, 1), ("terms/y.md", 1, 1)]


def test_front_matter_must_be_a_mapping(project):
    project.write("terms/x.md", "---\n- a\n- b\n---\n## 释义\n")
    assert at(problems(project, "front-matter")) == [("terms/x.md", 2, 1)]


def test_yaml_syntax_line_and_column(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l6="related: [siyu, chudian"))
    found = problems(project, "yaml-syntax")
    assert found and found[0].path == "terms/x.md" and found[0].line in (6, 7)
    assert found[0].message.startswith("YAML 语法错误")


def test_duplicate_key(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l4="category: 基础概念\ntitle: 另一个"))
    found = problems(project, "duplicate-key")
    assert at(found) == [("terms/x.md", 5, 1)]
    assert "第 3 行" in found[0].message


def test_schema_reports_every_error_with_its_line(project):
    text = with_lines(VALID_TERM, l3="titel: 某术语", l4="category: 其他", l10="since: 1.0")
    project.write("terms/x.md", text)
    found = problems(project, "schema", "terms/x.md")
    messages = {(p.line, p.message) for p in found}
    assert (3, "未知字段 `titel`") in messages
    assert any(line == 4 and "category" in m and "其他" in m for line, m in messages)
    assert any(line == 10 and "since" in m and "字符串" in m for line, m in messages)
    assert any("缺少必填字段 `title`" in m for _, m in messages)
    unknown = next(p for p in found if "titel" in p.message)
    assert unknown.hint == "是不是 `title`？"


def test_schema_names_nested_fields_in_yaml_terms(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l9="    title: 手册\n    url: http://example.com"))
    found = problems(project, "schema", "terms/x.md")
    assert at(found) == [("terms/x.md", 10, 5)]
    assert "`sources[0].url`" in found[0].message


def test_schema_wrong_type_of_list_item(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l6="related: [siyu, 3]"))
    found = problems(project, "schema", "terms/x.md")
    assert at(found) == [("terms/x.md", 6, 17)]
    assert "`related[1]`" in found[0].message and "字符串" in found[0].message


def test_file_name_rules(project):
    project.write("terms/x.markdown", VALID_TERM)
    project.write("terms/sub/x.md", VALID_TERM)
    assert sorted(p.path for p in problems(project, "file-name")) == ["terms/sub/x.md", "terms/x.markdown"]
