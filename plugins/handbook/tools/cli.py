"""`scripts/build`, `scripts/serve` and `scripts/new`: thin commands over MkDocs and the scaffolds.

MkDocs runs as a subprocess (`python -m mkdocs`), so this module imports no MkDocs.
Builds default `SOURCE_DATE_EPOCH` to the last commit's time, so two builds of one commit are
byte-identical.
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

from handbook.core.corpus import DIRS
from handbook.core.model import CASE_SECTIONS, TERM_SECTIONS

ROOT = Path.cwd()


def source_date_epoch(root: Path) -> str:
    """SOURCE_DATE_EPOCH from the environment, else the last commit's time, else 0."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        out = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%ct"],
                             capture_output=True, text=True, check=True).stdout.strip()
        return out or "0"
    except (OSError, subprocess.CalledProcessError):
        return "0"


def _mkdocs(command: str, args: argparse.Namespace, extra: list[str]) -> int:
    env = dict(os.environ)
    env.setdefault("SOURCE_DATE_EPOCH", source_date_epoch(ROOT))
    env.setdefault("NO_MKDOCS_2_WARNING", "1")
    if args.edition:
        env["HANDBOOK_EDITION"] = args.edition
    return subprocess.call([sys.executable, "-m", "mkdocs", command, *extra], env=env)


TERM_TEMPLATE = """---
id: {id}
title: TODO 术语名称
aliases: []
category: 基础概念
summary: TODO 用一句话说明这个术语是什么。
related: []
sources:
  - publisher: TODO 发布者
    title: TODO 原始文章标题
    date: "{year}"
since: "{edition}"
---
{sections}"""

CASE_TEMPLATE = """---
id: {id}
title: TODO 案例标题
brand: TODO 品牌
industry: TODO 行业
period: TODO 时间段
summary: TODO 用一句话概括这个案例。
terms: []
metrics:
  - label: TODO 指标
    figure: 0
    unit: TODO 单位
    period: TODO 统计时段
    source: TODO 出处
sources:
  - publisher: TODO 发布者
    title: TODO 原始文章标题
    date: "{year}"
since: "{edition}"
---
{sections}"""


def new(kind: str, ident: str, root: Path = ROOT) -> int:
    """Write a scaffold that fails lint until every TODO is filled in."""
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", ident) or ident == "index":
        sys.stderr.write(f"scripts/new: id “{ident}” 无效：只用小写字母、数字和连字符（如 siyu-liuliang），且不能是 index\n")
        return 2
    path = root / DIRS[kind] / f"{ident}.md"
    if path.exists():
        sys.stderr.write(f"scripts/new: {path.relative_to(root)} 已存在，未覆盖\n")
        return 2
    from handbook.core.settings import SettingsError, read

    try:
        edition = read(root / "mkdocs.yml").edition
    except SettingsError as err:
        sys.stderr.write(f"scripts/new: 配置错误：{err}\n")
        return 2
    sections = TERM_SECTIONS if kind == "term" else CASE_SECTIONS
    body = "\n".join(f"## {name}\n\nTODO{'' if required else '（可选，不需要时删除本节）'}\n" for name, required in sections.items())
    template = TERM_TEMPLATE if kind == "term" else CASE_TEMPLATE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(template.format(id=ident, year=date.today().year, edition=edition, sections=body), "utf-8")
    print(f"已生成 {path.relative_to(root)}：填写所有 TODO 后运行 scripts/lint {path.relative_to(root)}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="handbook")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (("build", "生成网站与 PDF 到 site/"), ("serve", "本地预览")):
        p = sub.add_parser(name, help=help_text)
        p.add_argument("--edition", help="生成指定版次（如 1.0）的条目集合")
    p = sub.add_parser("new", help="新建条目模板")
    p.add_argument("kind", choices=("term", "case"))
    p.add_argument("id")
    args, extra = parser.parse_known_args(argv)
    if args.command == "new":
        if extra:
            parser.error(f"多余的参数：{' '.join(extra)}")
        return new(args.kind, args.id)
    return _mkdocs(args.command, args, extra)


if __name__ == "__main__":
    raise SystemExit(main())
