"""`scripts/lint --fix`: exits 0 when everything fixable was fixed, mends the body, never touches front matter."""
from helpers import VALID_TERM, with_lines


def test_fix_mends_house_style_and_exits_zero(project):
    broken = with_lines(VALID_TERM, l13="瑞幸把30天内下单4次的用户视为忠实用户,复购率提升了15%。")
    project.write("terms/x.md", broken)
    before = project.lint("terms/x.md")
    assert before.returncode == 1 and "cjk-spacing" in before.stdout and "cjk-punctuation" in before.stdout
    result = project.lint("--fix", "terms/x.md")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "已修正：terms/x.md" in result.stderr
    text = (project.root / "terms/x.md").read_text("utf-8")
    assert "瑞幸把 30 天内下单 4 次的用户视为忠实用户，复购率提升了 15%。" in text
    head, body = text.split("\n---\n", 1)
    assert head + "\n---\n" == broken.split("\n---\n", 1)[0] + "\n---\n"  # front matter byte for byte
    assert project.lint("terms/x.md").returncode == 0


def test_fix_with_nothing_to_fix_changes_nothing(project):
    project.write("terms/x.md", VALID_TERM)
    result = project.lint("--fix", "terms/x.md")
    assert result.returncode == 0 and "已修正" not in result.stderr
    assert (project.root / "terms/x.md").read_text("utf-8") == VALID_TERM
