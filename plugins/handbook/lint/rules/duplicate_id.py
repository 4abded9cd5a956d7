"""同一类条目（术语或案例）的 `id` 必须唯一；每一处都会报告，并指出另一处。

Pass::

    terms/siyu.md:  id: siyu
    terms/chudian.md:  id: chudian

Fail::

    terms/siyu.md:  id: siyu
    terms/siyu-2.md:  id: siyu
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from handbook.core.problems import Level, Problem
from handbook.lint.context import Context

ID = "duplicate-id"
LEVEL = Level.ERROR
SCOPE = "corpus"
BUILD = True


def check(ctx: Context) -> Iterable[Problem]:
    groups = defaultdict(list)
    for doc in ctx.corpus.documents:
        ident = (doc.data or {}).get("id")
        if isinstance(ident, str):
            groups[(doc.kind, ident)].append(doc)
    for (_, ident), docs in groups.items():
        for doc in docs if len(docs) > 1 else ():
            other = next(d for d in docs if d is not doc)
            line = other.locate(("id",))[0]
            yield doc.problem(ID, LEVEL, f"id “{ident}” 也被 {other.path}:{line} 使用",
                              "每个条目要有自己的 id；同一概念请合并为一个文件", at=("id",))
