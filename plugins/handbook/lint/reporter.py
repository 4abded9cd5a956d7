"""Print problems as text (`path:line:col: LEVEL RULE-ID message`), JSON or GitHub annotations."""
from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from handbook.core.problems import Level, Problem

FORMATS = ("text", "json", "github")


def report(problems: Iterable[Problem], fmt: str, out: TextIO) -> None:
    """Write every problem in the chosen format, then (text only) a one-line summary."""
    problems = list(problems)
    if fmt == "json":
        json.dump([to_json(p) for p in problems], out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    for p in problems:
        out.write((github(p) if fmt == "github" else p.format()) + "\n")
    if fmt == "text":
        n_err = sum(p.level is Level.ERROR for p in problems)
        n_warn = len(problems) - n_err
        out.write(f"检查完毕：{n_err} 个错误，{n_warn} 个警告\n" if problems else "检查完毕：没有发现问题\n")


def to_json(p: Problem) -> dict[str, object]:
    """The stable JSON shape of a problem."""
    return {"path": p.path, "line": p.line, "column": p.col, "level": p.level.value,
            "rule": p.rule, "message": p.message, "hint": p.hint, "fixable": p.fixable}


def _escape(value: str, *, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if prop else value


def github(p: Problem) -> str:
    """A GitHub Actions workflow command that annotates the pull request."""
    kind = "error" if p.level is Level.ERROR else "warning"
    message = p.message + (f"（{p.hint}）" if p.hint else "")
    return (f"::{kind} file={_escape(p.path, prop=True)},line={p.line},col={p.col},"
            f"title={_escape(p.rule, prop=True)}::{_escape(message)}")
