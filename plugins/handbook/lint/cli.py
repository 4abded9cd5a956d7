"""`scripts/lint [PATH...] [--format text|json|github] [--strict] [--fix]`.

Exit status: 0 clean, 1 problems found (warnings only with --strict), 2 usage or configuration error.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import NoReturn

from handbook.core import corpus as corpus_mod
from handbook.core.model import Corpus
from handbook.core.problems import Level
from handbook.core.settings import Settings, SettingsError, read
from handbook.lint import fixer
from handbook.lint.context import Context
from handbook.lint.reporter import FORMATS, report
from handbook.lint.runner import run


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # exit 2 with a Chinese usage line
        self.print_usage(sys.stderr)
        sys.stderr.write(f"scripts/lint: 用法错误：{message}\n")
        raise SystemExit(2)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = _Parser(prog="scripts/lint", description="检查 terms/ 和 cases/ 中的条目")
    parser.add_argument("paths", nargs="*", help="只检查这些文件或文件夹（默认全部）")
    parser.add_argument("--format", choices=FORMATS, default=None,
                        help="输出格式（设置了 GITHUB_ACTIONS 时默认 github）")
    parser.add_argument("--strict", action="store_true", help="警告也视为失败")
    parser.add_argument("--fix", action="store_true", help="自动修正可安全修正的问题（空格、标点、键顺序）")
    parser.add_argument("--variants", action="store_true",
                        help="不检查，列出繁体版的每一处用词改动（次数、首次出现、由谁决定）和每个术语的标题、别名，供编辑核对")
    parser.add_argument("--root", type=Path, default=Path("."), help="项目根目录（含 mkdocs.yml）")
    return parser.parse_args(argv)


def selected_paths(root: Path, args_paths: list[str]) -> set[str] | None:
    """Display paths (relative to root) of the files named on the command line."""
    if not args_paths:
        return None
    chosen: set[str] = set()
    for raw in args_paths:
        path = Path(raw)
        path = path if path.is_absolute() else Path.cwd() / path
        if not path.exists():
            raise FileNotFoundError(raw)
        files = [p for p in path.rglob("*") if p.is_file()] if path.is_dir() else [path]
        for f in files:
            try:
                chosen.add(f.resolve().relative_to(root.resolve()).as_posix())
            except ValueError:
                raise FileNotFoundError(f"{raw}（不在项目 {root} 中）") from None
    return chosen


def print_variants(corpus: Corpus, settings: Settings, root: Path) -> int:
    """The review listing (`lint.variants_report`): vocabulary changes, then titles and aliases."""
    from handbook.core.project import Project
    from handbook.core.variants import HANT, TableError
    from handbook.lint import variants_report

    try:
        variant = Project.of(root, settings, corpus).variant(HANT)
    except TableError as err:
        sys.stderr.write(f"scripts/lint: 配置错误：{err}\n")
        return 2
    variants_report.write(variant, corpus, root, sys.stdout)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    fmt = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    root = args.root
    try:
        settings = read(root / "mkdocs.yml")
        paths = selected_paths(root, args.paths)
    except SettingsError as err:
        sys.stderr.write(f"scripts/lint: 配置错误：{err}\n")
        return 2
    except FileNotFoundError as err:
        sys.stderr.write(f"scripts/lint: 找不到路径：{err}\n")
        return 2
    corpus = corpus_mod.load(root, corpus_mod.cache_file(root), focus=paths)
    if args.variants:
        return print_variants(corpus, settings, root)
    ctx = Context(corpus=corpus, settings=settings, root=root)
    problems = run(ctx, paths=paths)
    if args.fix:
        changed = fixer.fix(ctx, problems)
        for path in changed:
            sys.stderr.write(f"已修正：{path}\n")
        if changed:
            corpus = corpus_mod.load(root, corpus_mod.cache_file(root), focus=paths)
            ctx = Context(corpus=corpus, settings=settings, root=root)
            problems = run(ctx, paths=paths)
    report(problems, fmt, sys.stdout)
    failing = [p for p in problems if p.level is Level.ERROR or args.strict]
    return 1 if failing else 0


def run_cli() -> int:
    """main() that exits quietly when the reader closes the pipe (`scripts/lint --variants | head`)."""
    try:
        return main()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    raise SystemExit(run_cli())
