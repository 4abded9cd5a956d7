"""Rule `source-date`: a passing and a failing input, with exact line and column."""
import datetime as dt

from helpers import VALID_TERM, at, problems, with_lines

RULE = "source-date"


def test_passes(project):
    for n, value in enumerate(["2021", "2024-02", "2024-02-29", "2000-12-31"]):
        project.write(f"terms/x{n}.md", with_lines(VALID_TERM, l2=f"id: x{n}", l3=f"title: 乙{n}", l9=f'     date: "{value}"}}'))
    assert problems(project, RULE) == []


def test_fails_on_days_that_do_not_exist_and_future_dates(project):
    future = dt.date.today().year + 1
    project.write("terms/x.md", with_lines(VALID_TERM, l9='     date: "2023-02-29"}'))
    project.write("terms/y.md", with_lines(VALID_TERM, l2="id: y", l3="title: 乙", l9='     date: "2022-04-31"}'))
    project.write("terms/z.md", with_lines(VALID_TERM, l2="id: z", l3="title: 丙", l9=f'     date: "{future}"}}'))
    found = problems(project, RULE)
    assert at(found) == [("terms/x.md", 9, 6), ("terms/y.md", 9, 6), ("terms/z.md", 9, 6)]
    assert "不存在" in found[0].message and "不存在" in found[1].message and "晚于今天" in found[2].message


def test_leaves_missing_and_badly_written_dates_to_the_schema(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l8="  - publisher: 见实", l9="    title: 手册"))
    project.write("terms/y.md", with_lines(VALID_TERM, l2="id: y", l3="title: 乙", l9='     date: "2022/05"}'))
    assert problems(project, RULE) == []
