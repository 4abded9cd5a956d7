"""显式链接 `[[术语]]`、`[[id]]`、`[[id|显示文字]]` 必须指向存在的术语或案例（`[[!文字]]` 表示此处不加链接）。

自动链接只链接每节第一次出现的术语；需要强制链接时用 `[[…]]`，需要避免误链时用 `[[!…]]`。
案例页只能用案例的 id 链接，如 `[[maoye-baihuo|茂业百货华强北店的试点]]`。

Pass::

    详见 [[私域]]，以及 [[scrm|SCRM 系统]] 和 [[maoye-baihuo|茂业百货的试点]]。

Fail::

    详见 [[私域流量池子]]。
"""
from __future__ import annotations

import difflib
from collections.abc import Iterable

from handbook.core.frontmatter import Document
from handbook.core.mdtext import prose_lines
from handbook.core.problems import Level, Problem
from handbook.core.termindex import EXPLICIT, normalise_ref
from handbook.lint.context import Context

ID = "explicit-link"
LEVEL = Level.ERROR
SCOPE = "file"
BUILD = True


def known_names(ctx: Context) -> dict[str, str]:
    """Normalised ids, titles and aliases of every term, and case ids, computed once per run."""
    if "explicit:names" not in ctx.cache:
        names: dict[str, str] = {}
        for d in ctx.corpus.documents:
            data = d.data or {}
            refs = [data.get("id"), data.get("title"), *(data.get("aliases") or [])] if d.kind == "term" else [data.get("id")]
            for n in refs:
                if isinstance(n, str):
                    names[normalise_ref(n)] = n
        ctx.cache["explicit:names"] = names
    known: dict[str, str] = ctx.cache["explicit:names"]
    return known


def check(doc: Document, ctx: Context) -> Iterable[Problem]:
    if not doc.body or "[[" not in doc.body:
        return
    names = known_names(ctx)
    for n, line in enumerate(prose_lines(doc.body, code_only=True)):
        for m in EXPLICIT.finditer(line):
            if m.group(1):  # [[!文字]] suppresses a link: nothing to resolve
                continue
            ref = m.group(2).strip()
            if normalise_ref(ref) not in names:
                close = difflib.get_close_matches(ref, list(names.values()), n=1, cutoff=0.5)
                hint = f"是不是 [[{close[0]}]]？" if close else "写术语的 id、标题或别名，或案例的 id"
                yield doc.problem(ID, LEVEL, f"术语链接 {m.group(0)} 指向不存在的术语或案例", hint,
                                  line=doc.body_line + n, col=m.start() + 1)
