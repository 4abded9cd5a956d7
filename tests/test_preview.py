"""`scripts/serve` rebuilds only what a save affects, and the result is the site a clean build makes.

A serve session runs in one process as `mkdocs serve` runs it (one plugin object, the server's
builder called on every change, here without the HTTP server); after each edit of a sequence (body,
title, alias, a new file, a deleted file, a broken file then its fix) the preview's site is compared,
byte for byte, with a clean build of the same sources in a fresh process.
"""
from __future__ import annotations

import filecmp
import json
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import Project, term_text

URL = "http://127.0.0.1:8000/"

SESSION = """
import json, logging, sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

served, steps = sys.argv[1], json.loads(Path(sys.argv[2]).read_text("utf-8"))
logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")

def config():
    c = load_config(config_file="mkdocs.yml", site_dir=served)
    c.site_url = URL
    return c

full_builds = []

def builder(c=None):
    full_builds.append(1)
    build(c or config(), serve_url=URL)

class Server:
    builder = None
    def watch(self, path):
        pass

first = config()
first.plugins.on_startup(command="serve", dirty=False)
builder(first)
server = Server()
first.plugins.on_serve(server, config=first, builder=builder)
preview = first.plugins["handbook"].preview
out = []
for step in steps:
    for rel, text in step["files"].items():
        path = Path(rel)
        if text is None:
            path.unlink()
        else:
            path.write_text(text, "utf-8")
    count = len(full_builds)
    try:
        server.builder()
        ok = True
    except Abort:
        ok = False
    out.append({"ok": ok, "timings": preview.timings, "full": len(full_builds) > count})
print(json.dumps(out))
""".replace("URL = ", "").replace("URL", repr(URL))

CLEAN = """
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
c = load_config(config_file="mkdocs.yml", site_dir=sys.argv[1])
c.site_url = URL
c.plugins.on_startup(command="serve", dirty=False)
build(c, serve_url=URL)
""".replace("URL", repr(URL))


def run(root: Path, code: str, *args: str) -> str:
    project_env = Project.env(None, SOURCE_DATE_EPOCH="1700000000")  # type: ignore[arg-type]
    result = subprocess.run([sys.executable, "-c", code, *args], cwd=root, env=project_env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-4000:]
    return result.stdout + result.stderr


def differences(a: Path, b: Path) -> list[str]:
    """Relative paths that differ between two site folders (missing on either side, or other bytes)."""
    files_a = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    out = sorted(files_a ^ files_b)
    out += sorted(rel for rel in files_a & files_b if not filecmp.cmp(a / rel, b / rel, shallow=False))
    return out


def first_difference(a: Path, b: Path, rels: list[str]) -> str:
    """The first lines that differ in the first differing file, to see what went wrong."""
    import difflib

    for rel in sorted(rels, key=lambda r: r.endswith(".json")):
        if (a / rel).is_file() and (b / rel).is_file():
            lines_a = (a / rel).read_text("utf-8", "replace").replace(">", ">\n").replace(",", ",\n").splitlines()
            lines_b = (b / rel).read_text("utf-8", "replace").replace(">", ">\n").replace(",", ",\n").splitlines()
            return rel + "\n" + "\n".join(list(difflib.unified_diff(lines_a, lines_b, "preview", "clean", n=1))[:40])
    return ""


def term(root: Path, ident: str) -> str:
    return (root / "terms" / f"{ident}.md").read_text("utf-8")


@pytest.fixture
def linked(tmp_path: Path) -> Project:
    """The fixture project with more linking: a body that mentions other terms, a hand-written page."""
    project = Project(tmp_path / "p")
    project.write("terms/scrm.md", term_text("scrm", "SCRM", ["siyu", "shequn"],
                                             body="## 释义\n\nSCRM 连接私域与社群，也用到触点。\n\n## 实践要点\n\n在社群中使用 [[siyu|私域]]。\n"))
    project.write("docs/about.md", "# 关于\n\n本书讲私域、社群和 SCRM。\n")
    return project


def test_preview_after_a_sequence_of_edits_is_the_clean_build(linked: Project, tmp_path: Path):
    root = linked.root
    siyu = term(root, "siyu")
    body = siyu.replace("这是一个用于测试的术语", "这是一个用于测试的术语，与社群和 SCRM 有关")
    titled = body.replace("title: 私域\n", "title: 私域运营\n")
    aliased = titled.replace("- 私域流量\n", "- 私域流量\n- 私域池\n")
    new_term = term_text("huiyuan", "会员", ["siyu", "shequn"], body="## 释义\n\n会员是私域运营里的老客。\n\n## 实践要点\n\n1. 邀请进入社群。\n")
    broken = term(root, "chudian").replace("category: 基础概念", "category: [")
    steps = [
        {"name": "body", "files": {"terms/siyu.md": body}},
        {"name": "title", "files": {"terms/siyu.md": titled}},
        {"name": "alias", "files": {"terms/siyu.md": aliased}},
        {"name": "new file", "files": {"terms/huiyuan.md": new_term}},
        {"name": "summary of a linked term", "files": {"terms/shequn.md": term(root, "shequn").replace(
            "summary: 社群是一个用于测试的术语。", "summary: 社群是把用户聚在一起的群。")}},
        {"name": "broken", "files": {"terms/chudian.md": broken}},
        {"name": "fixed", "files": {"terms/chudian.md": term(root, "chudian").replace("这是一个", "这确实是一个")}},
        {"name": "deleted file", "files": {"terms/huiyuan.md": None}},
        {"name": "body again", "files": {"terms/scrm.md": term(root, "scrm").replace("也用到触点", "也用到触点和会员")}},
        {"name": "saved unchanged", "files": {"terms/siyu.md": aliased}},
    ]
    served, clean = tmp_path / "served", tmp_path / "clean"
    steps_file = tmp_path / "steps.json"
    originals = {p.relative_to(root).as_posix(): p.read_text("utf-8") for p in root.glob("*/*.md")}
    # One session over every step, compared with a clean build after the last one; and a session
    # that stops after the title edit (the step that changes other pages most).
    for stop in (2, len(steps)):
        (root / "terms" / "huiyuan.md").unlink(missing_ok=True)
        for rel, text in originals.items():
            (root / rel).write_text(text, "utf-8")
        steps_file.write_text(json.dumps(steps[:stop], ensure_ascii=False), "utf-8")
        output = run(root, SESSION, str(served), str(steps_file))
        results = json.loads([line for line in output.splitlines() if line.startswith("[")][-1])
        names = [s["name"] for s in steps[:stop]]
        outcome = dict(zip(names, results, strict=True))
        failed = [name for name in names if name != "broken" and not outcome[name]["ok"]]
        errors = [line for line in output.splitlines() if not line.startswith("[")][-30:]
        assert not failed, f"{failed}\n" + "\n".join(errors[:20])
        run(root, CLEAN, str(clean))
        diff = differences(served, clean)
        assert diff == [], f"after {names[-1]}: {diff}\n{first_difference(served, clean, diff)}"
    assert not outcome["broken"]["ok"]
    for name in ("body", "title", "alias", "summary of a linked term", "broken", "fixed", "body again"):
        assert not outcome[name]["full"], name  # answered without a full build
        assert outcome[name]["timings"] or name == "broken", name
    for name in ("new file", "deleted file"):
        assert outcome[name]["full"], name
    assert not outcome["saved unchanged"]["full"] and not outcome["saved unchanged"]["timings"]

