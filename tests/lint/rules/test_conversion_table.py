"""Rule `conversion-table`: a passing and a failing input, with exact line and column."""
from helpers import at, problems

RULE = "conversion-table"


def test_passes(project):
    project.write("conversions.yml", "- zh-hans: 账号\n  zh-hant: 帳號\n  note: 台湾写法\n")
    assert problems(project, RULE) == []


def test_fails_on_traditional_source_side(project):
    project.write("conversions.yml", "- zh-hans: 账号\n  zh-hant: 帳號\n- zh-hans: 帳戶\n  zh-hant: 帳戶\n")
    found = problems(project, RULE)
    assert at(found) == [("conversions.yml", 3, 3)] and "含有繁体字" in found[0].message


def test_fails_on_duplicates_and_unknown_fields_with_line(project):
    project.write("conversions.yml", "- zh-hans: 账号\n  zh-hant: 帳號\n- zh-hans: 账号\n  zh-hant: 賬號\n")
    assert at(problems(project, RULE)) == [("conversions.yml", 3, 1)]
    project.write("conversions.yml", "- zh-hans: 账号\n  zh-hant: 帳號\n  zh-cn: 账号\n")
    found = problems(project, RULE)
    assert at(found) == [("conversions.yml", 1, 1)] and "未知字段 zh-cn" in found[0].message
