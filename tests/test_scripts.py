"""The editors' commands: scaffolds that fail lint until filled, exit codes, output formats."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from helpers import REPO, Project


def new(project: Project, *args: str) -> subprocess.CompletedProcess[str]:
    code = "import sys; from handbook.tools.cli import new; sys.exit(new(sys.argv[1], sys.argv[2], __import__('pathlib').Path(sys.argv[3])))"
    return subprocess.run([sys.executable, "-c", code, *args, str(project.root)], capture_output=True, text=True)


def test_new_term_scaffold_fails_lint_until_filled(project):
    result = new(project, "term", "xin-shuyu")
    assert result.returncode == 0 and (project.root / "terms/xin-shuyu.md").exists()
    lint = project.lint("terms/xin-shuyu.md")
    assert lint.returncode == 1
    rules = {line.split()[2] for line in lint.stdout.splitlines() if ": error " in line}
    assert {"placeholder", "schema"} <= rules
    assert "Traceback" not in lint.stderr


def test_new_case_scaffold_and_refusals(project):
    assert new(project, "case", "xin-anli").returncode == 0
    assert project.lint("cases/xin-anli.md").returncode == 1
    assert new(project, "case", "xin-anli").returncode == 2            # never overwrites
    assert new(project, "term", "Bad_Id").returncode == 2              # invalid id
    assert new(project, "term", "index").returncode == 2               # reserved


def test_lint_exit_codes_and_formats(project):
    assert project.lint().returncode == 0
    project.write("terms/bad.md", "---\nid: bad\n")
    text = project.lint()
    assert text.returncode == 1 and "terms/bad.md:1:1: error front-matter" in text.stdout
    data = json.loads(project.lint("--format", "json").stdout)
    assert set(data[0]) == {"path", "line", "column", "level", "rule", "message", "hint", "fixable"}
    github = project.lint("--format", "github").stdout
    assert github.startswith("::error file=terms/bad.md,line=1,col=1,title=front-matter::")
    auto = subprocess.run([sys.executable, "-m", "handbook.lint.cli", "--root", str(project.root)],
                          capture_output=True, text=True, env={**os.environ, "GITHUB_ACTIONS": "true"})
    assert auto.stdout.startswith("::error ")
    assert project.lint("--nope").returncode == 2
    assert project.lint("terms/does-not-exist.md").returncode == 2
    (project.root / "mkdocs.yml").write_text("plugins:\n  - handbook:\n      link_scope: everywhere\n", "utf-8")
    assert project.lint().returncode == 2


def test_warnings_fail_only_with_strict(project):
    project.write("terms/lonely.md", (REPO / "tests/broken/terms/key-order.md").read_text("utf-8")
                  .replace("key-order", "lonely").replace("category: 基础概念\ntitle: 某术语", "title: 孤单术语\ncategory: 基础概念"))
    result = project.lint()
    assert "warning orphan-term" in result.stdout and result.returncode == 0
    assert project.lint("--strict").returncode == 1


def test_variants_listing(project):
    result = project.lint("--variants")
    assert result.returncode == 0
    assert "siyu\t私域\t私域" in result.stdout and "shequn\t社群\t社群" in result.stdout


def test_lint_cache_sees_edits_and_gives_the_same_results(project):
    first = project.lint()
    assert first.returncode == 0 and (project.root / ".cache" / "lint-documents.bin").exists()
    path = project.root / "terms" / "chudian.md"
    path.write_text(path.read_text("utf-8").replace("title: 触点", "title: 触点\ntitle: 重复"), "utf-8")
    second = project.lint("terms/chudian.md")
    assert second.returncode == 1 and "duplicate-key" in second.stdout
    (project.root / ".cache" / "lint-documents.bin").write_bytes(b"damaged")  # a damaged cache is rebuilt
    assert project.lint("terms/chudian.md").stdout == second.stdout
