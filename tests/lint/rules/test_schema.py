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
    project.write("terms/x.md", with_lines(VALID_TERM, l9='     date: "2021", url: ftp://example.com}'))
    found = problems(project, RULE)
    assert at(found) == [("terms/x.md", 9, 20)] and "`sources[0].url`" in found[0].message


def test_http_and_https_urls_pass(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l9='     date: "2021", url: http://example.com/a}'))
    project.write("terms/y.md", with_lines(VALID_TERM, l2="id: y", l3="title: 乙", l9='     date: "2021", url: https://example.com/a}'))
    assert problems(project, RULE) == []


def test_every_source_needs_a_date(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l8="  - publisher: 见实", l9="    title: 手册"))
    found = problems(project, RULE)
    assert at(found) == [("terms/x.md", 8, 5)] and "`sources[0]`缺少必填字段 `date`" in found[0].message


def test_date_is_year_month_or_day(project):
    for n, value in enumerate(["2022/05", "22", "2022-5", "2022-13", "May 2022"]):
        project.write(f"terms/x{n}.md", with_lines(VALID_TERM, l2=f"id: x{n}", l3=f"title: 乙{n}", l9=f'     date: "{value}"}}'))
    found = problems(project, RULE)
    assert len(found) == 5 and all("`sources[0].date`" in p.message and p.line == 9 for p in found)


def test_wrong_type_of_list_item(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l6="related: [siyu, 3]"))
    found = problems(project, RULE)
    assert at(found) == [("terms/x.md", 6, 17)] and "`related[1]`" in found[0].message
