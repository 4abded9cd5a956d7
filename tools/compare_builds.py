"""Build the project in the current folder with MkDocs and with ProperDocs, and compare the sites.

Usage: .venv/bin/python tools/compare_builds.py [PROJECT]   (exit 0 when identical)
Every file must be byte-identical except the `<meta name="generator">` tag, which names the tool.
PDFs are left out (HANDBOOK_PDF=0): they do not depend on the site generator.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def build(tool: str, project: Path, site: Path) -> None:
    """`<tool> build` of the project into `site` (raises with the tool's error output)."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "1700000000"),
           "HANDBOOK_PDF": "0", "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", tool, "build", "-q", "-d", str(site)], cwd=project,
                            capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise RuntimeError(f"{tool} build failed:\n{result.stderr[-3000:]}")


def files(site: Path) -> dict[str, bytes]:
    """Every file of a built site, generator tags blanked."""
    return {p.relative_to(site).as_posix(): GENERATOR.sub(b"", p.read_bytes()) for p in site.rglob("*") if p.is_file()}


def differences(project: Path) -> tuple[int, list[str]]:
    """(number of files compared, the paths that differ or exist in one build only)."""
    with tempfile.TemporaryDirectory() as tmp:
        build("mkdocs", project, Path(tmp) / "mkdocs")
        build("properdocs", project, Path(tmp) / "properdocs")
        ours, theirs = files(Path(tmp) / "mkdocs"), files(Path(tmp) / "properdocs")
    names = sorted(set(ours) | set(theirs))
    return len(names), [n for n in names if ours.get(n) != theirs.get(n)]


def main(argv: list[str]) -> int:
    project = Path(argv[0]) if argv else Path.cwd()
    count, differing = differences(project)
    for name in differing:
        print(f"differs: {name}")
    print(f"{count} files compared, {len(differing)} differ (MkDocs vs ProperDocs)")
    return 1 if differing else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
