"""没有任何页面指向的术语（警告）：其他条目的正文、`related`、案例的 `terms` 和说明页都没有提到它。

孤立的术语只能从索引找到；请在相关条目的 `related` 中加上它，或在正文中提到它。

Pass::

    # terms/a.md
    related: [b, c]
    # terms/b.md 的正文提到了 a 的标题

Fail::

    # terms/a.md：没有任何条目在 related 或正文中提到它
"""
from pathlib import Path

from ...linking import squeeze
from ...mdtext import prose_lines
from ..problem import Level

ID = "orphan-term"
LEVEL = Level.WARNING
SCOPE = "corpus"
BUILD = False


def check(ctx):
    corpus = ctx.corpus
    if not corpus.terms:
        return
    mentioned: set[str] = set()
    for term in corpus.terms.values():
        mentioned.update(r for r in term.related if r != term.id)
    for case in corpus.cases.values():
        mentioned.update(case.terms)
    candidates = [t for t in corpus.terms.values() if t.id not in mentioned]
    if not candidates:
        return
    # Few terms are never referenced: look for their names in the prose of every other page.
    texts = [(e.id, e.body) for e in corpus.entries()]
    docs_dir = Path(ctx.root) / "docs"
    if docs_dir.is_dir():
        texts += [(None, p.read_text("utf-8", "replace")) for p in sorted(docs_dir.rglob("*.md"))]
    texts = [(owner, squeeze("\n".join(prose_lines(text)))[0]) for owner, text in texts]
    docs = ctx.documents_by_path
    for term in candidates:
        names = [squeeze(n)[0] for n in term.names]
        if any(owner != term.id and any(n in text for n in names) for owner, text in texts):
            continue
        if term.path in docs:
            yield docs[term.path].problem(ID, LEVEL, f"没有任何页面提到术语“{term.title}”",
                                          "在相关条目的 related 或正文中提到它", at=("title",))
