"""`related`、案例的 `terms` 和 `deprecated.by` 引用的 id 必须存在。

Pass::

    related: [chudian, gongyu-liuliang]   # terms/chudian.md 与 terms/gongyu-liuliang.md 都存在

Fail::

    related: [chudain]                     # 没有 terms/chudain.md
"""
from __future__ import annotations

import difflib
from collections.abc import Iterable

from handbook.core.problems import Level, Problem
from handbook.lint.context import Context

ID = "unknown-reference"
LEVEL = Level.ERROR
SCOPE = "corpus"
BUILD = True


def _ids(ctx: Context, kind: str) -> set[str]:
    """Ids of the entries of `kind`; a file that could not be read counts under its file name, so
    its own problem is reported once instead of in every file that refers to it."""
    ids: set[str] = set()
    for d in ctx.corpus.documents:
        if d.kind == kind:
            ident = d.data.get("id") if d.data else d.path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
            if isinstance(ident, str):
                ids.add(ident)
    return ids


def check(ctx: Context) -> Iterable[Problem]:
    ids = {"term": _ids(ctx, "term"), "case": _ids(ctx, "case")}
    for doc in ctx.corpus.documents:
        data = doc.data or {}
        refs: list[tuple[tuple[str | int, ...], str, object]] = []
        field = "related" if doc.kind == "term" else "terms"
        if isinstance(data.get(field), list):
            refs += [((field, i), "term", r) for i, r in enumerate(data[field])]
        dep = data.get("deprecated")
        if isinstance(dep, dict):
            refs.append((("deprecated", "by"), doc.kind, dep.get("by")))
        for path, kind, ref in refs:
            if not isinstance(ref, str) or ref in ids[kind]:
                continue
            close = difflib.get_close_matches(ref, [i for i in ids[kind] if isinstance(i, str)], n=1)
            hint = f"是不是 `{close[0]}`？" if close else f"先新建 {kind}s/{ref}.md，或改为已有的 id"
            word = "术语" if kind == "term" else "案例"
            yield doc.problem(ID, LEVEL, f"引用的{word} id “{ref}” 不存在", hint, at=path)
