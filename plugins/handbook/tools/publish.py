"""`scripts/publish <edition> [--latest]`: deploy one edition with mike, keeping every edition readable.

Each edition is built from today's sources with `HANDBOOK_EDITION=<edition>` (its own term set,
changelog and PDFs) and committed by mike under `<edition>/` on the `gh-pages` branch, both scripts
included (`<edition>/zh-Hant/`). `--latest` moves the `latest` alias and makes it the default.

Material's version selector reads `../versions.json` from each site root; the Traditional site's
root is `<edition>/zh-Hant/`, so a copy of the branch's `versions.json` is kept in every edition's
folder and refreshed on each publish.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from handbook.tools.cli import source_date_epoch

BRANCH = "gh-pages"


def run(*args: str, env: dict[str, str] | None = None) -> None:
    """Run mike (the console script installed beside this Python)."""
    program, rest = args[0], args[1:]
    subprocess.run([str(Path(sys.executable).with_name(program)), *rest], check=True, env=env)


def sync_versions_json(branch: str = BRANCH) -> list[str]:
    """Copy the branch's versions.json into every version folder; returns the versions."""
    import json

    from mike import git_utils

    data = git_utils.read_file(branch, "versions.json")
    versions = [v["version"] for v in json.loads(data)]
    with git_utils.Commit(branch, "Sync versions.json into every edition (handbook)") as commit:
        for version in versions:
            commit.add_file(git_utils.FileInfo(f"{version}/versions.json", data))
    return versions


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/publish", description="用 mike 发布一个版次（两种文字版和 PDF）")
    parser.add_argument("edition", help="版次，如 1.1；必须在 mkdocs.yml 的 editions 中")
    parser.add_argument("--latest", action="store_true", help="同时把 latest 别名指向它，并设为默认版本")
    parser.add_argument("--branch", default=BRANCH)
    parser.add_argument("--push", action="store_true", help="发布后推送到 origin")
    args = parser.parse_args(argv)
    env = {**os.environ, "HANDBOOK_EDITION": args.edition, "NO_MKDOCS_2_WARNING": "1",
           "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")}  # mike runs `mkdocs`
    env.setdefault("SOURCE_DATE_EPOCH", source_date_epoch(Path.cwd()))
    deploy = ["mike", "deploy", "--branch", args.branch, "--title", f"{args.edition} 版"]
    if args.latest:
        deploy += ["--update-aliases", args.edition, "latest"]
    else:
        deploy += [args.edition]
    run(*deploy, env=env)
    if args.latest:
        run("mike", "set-default", "--branch", args.branch, "latest", env=env)
    versions = sync_versions_json(args.branch)
    print(f"已发布 {args.edition} 版（分支 {args.branch}，现有版次：{'、'.join(versions)}）")
    if args.push:
        subprocess.run(["git", "push", "origin", args.branch], check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
