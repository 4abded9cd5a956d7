"""Rule `schema`: a passing and a failing input, with exact line and column."""
from helpers import VALID_TERM, at, problems, with_lines

RULE = "schema"


def test_passes(project):
    project.write("terms/x.md", VALID_TERM)
    assert problems(project, RULE) == []


def test_every_error_with_its_line(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l3="titel: 某术语", l4="category: 其他", l10="since: 1.0"))
    found = problems(project, RULE)
    got = {(p.line, p.col, p.message) for p in found}
    assert (3, 1, "未知字段 `titel`") in got
    assert (4, 1, "字段 `category` 的值 “其他” 不在允许范围内") in got
    assert (10, 1, "字段 `since` 应为字符串，实际是数字") in got
    assert (2, 1, "前置元数据缺少必填字段 `title`") in got
    assert next(p for p in found if "titel" in p.message).hint == "是不是 `title`？"


def test_nested_field_in_yaml_terms(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l9="    title: 手册\n    url: http://example.com"))
    found = problems(project, RULE)
    assert at(found) == [("terms/x.md", 10, 5)] and "`sources[0].url`" in found[0].message


def test_wrong_type_of_list_item(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l6="related: [siyu, 3]"))
    found = problems(project, RULE)
    assert at(found) == [("terms/x.md", 6, 17)] and "`related[1]`" in found[0].message
