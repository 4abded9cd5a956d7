"""Cross-file rules: id = file name, duplicate ids, duplicate names, unknown references, editions."""
from helpers import VALID_TERM, at, problems, term_text, with_lines


def test_id_must_equal_file_name(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l2="id: y"))
    found = problems(project, "id-filename")
    assert at(found) == [("terms/x.md", 2, 1)]
    assert "y.md" in found[0].hint


def test_duplicate_id_reported_in_both_files(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l2="id: siyu"))
    found = problems(project, "duplicate-id")
    assert at(found) == [("terms/siyu.md", 2, 1), ("terms/x.md", 2, 1)]
    assert "terms/siyu.md:2" in next(p for p in found if p.path == "terms/x.md").message


def test_duplicate_alias_across_scripts_and_widths(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l3="title: 某术语\naliases: [社羣, ＳＣＲＭ]"))
    project.write("terms/y.md", term_text("y", "scrm", ["siyu", "chudian"]))
    found = problems(project, "duplicate-name")
    assert at(found) == [("terms/x.md", 4, 11), ("terms/y.md", 3, 1)]  # 社羣 == 社群; scrm == ＳＣＲＭ
    assert "terms/shequn.md:3" in found[0].message and "ＳＣＲＭ" in found[1].message


def test_unknown_reference_suggests_close_id(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l6="related: [siyu, chudain]"))
    found = problems(project, "unknown-reference")
    assert at(found) == [("terms/x.md", 6, 17)]
    assert found[0].hint == "是不是 `chudian`？"


def test_case_terms_must_exist(project):
    text = (project.root / "cases/pinpai.md").read_text("utf-8").replace("- shequn", "- shequnn")
    project.write("cases/pinpai.md", text)
    assert [p.path for p in problems(project, "unknown-reference")] == ["cases/pinpai.md"]


def test_edition_must_be_declared_and_consistent(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l10='since: "1.1"\nchanged:\n  - {edition: "1.0", note: 早于收录}'))
    project.write("terms/y.md", term_text("y", "乙", ["siyu", "x"], since="2.0"))
    found = problems(project, "edition")
    messages = [(p.path, p.line, p.message) for p in found]
    assert any(p == "terms/x.md" and line == 12 and "早于收录" in m for p, line, m in messages)
    assert any(p == "terms/y.md" and "未在 mkdocs.yml" in m for p, _, m in messages)


def test_related_cannot_point_to_a_later_edition(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l10='since: "1.1"'))
    project.write("terms/siyu.md", term_text("siyu", "私域", ["chudian", "x"], aliases=["私域流量"]))
    found = problems(project, "edition")
    assert at(found) == [("terms/siyu.md", 11, 5)] or [p.path for p in found] == ["terms/siyu.md"]
