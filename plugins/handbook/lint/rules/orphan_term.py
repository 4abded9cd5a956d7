"""没有任何页面指向的术语（警告）：其他条目的正文、`related`、案例的 `terms` 和说明页都没有提到它。

孤立的术语只能从索引找到；请在相关条目的 `related` 中加上它，或在正文中提到它。

Pass::

    # terms/a.md
    related: [b, c]
    # terms/b.md 的正文提到了 a 的标题

Fail::

    # terms/a.md：没有任何条目在 related 或正文中提到它
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from handbook.core.mdtext import prose_lines
from handbook.core.problems import Level, Problem
from handbook.core.termindex import squeeze, squeezed_names
from handbook.lint.context import Context

ID = "orphan-term"
LEVEL = Level.WARNING
SCOPE = "corpus"
BUILD = False


def check(ctx: Context) -> Iterable[Problem]:
    from handbook.core.corpus import is_valid, text_of

    docs = [(d, d.data) for d in ctx.corpus.documents if d.data is not None and is_valid(d)]
    mentioned: set[str] = set()
    for d, data in docs:
        refs = data.get("related" if d.kind == "term" else "terms") or []
        mentioned.update(r for r in refs if isinstance(r, str) and r != data.get("id"))
    candidates = [(d, data) for d, data in docs if d.kind == "term" and data.get("id") not in mentioned
                  and (ctx.focus is None or d.path in ctx.focus)]
    if not candidates:
        return
    # Few terms are never referenced: look for their names in the prose of every other page.
    texts = [(data.get("id") if d.kind == "term" else None, text_of(Path(ctx.root), d.path, d.body)) for d, data in docs]
    docs_dir = Path(ctx.root) / "docs"
    if docs_dir.is_dir():
        texts += [(None, p.read_text("utf-8", "replace")) for p in sorted(docs_dir.rglob("*.md"))]
    raw = [squeeze(text)[0] for _, text in texts]
    prose: dict[int, str] = {}

    def mentions(i: int, names: list[str]) -> bool:
        # cheap test on the raw text first; only a hit is checked against the prose (not code)
        if not any(n in raw[i] for n in names):
            return False
        if i not in prose:
            prose[i] = squeeze("\n".join(prose_lines(texts[i][1])))[0]
        return any(n in prose[i] for n in names)

    for doc, data in candidates:
        ident, title = data.get("id"), data.get("title")
        names = squeezed_names(data)
        if any(owner != ident and mentions(i, names) for i, (owner, _) in enumerate(texts)):
            continue
        yield doc.problem(ID, LEVEL, f"没有任何页面提到术语“{title}”", "在相关条目的 related 或正文中提到它", at=("title",))
