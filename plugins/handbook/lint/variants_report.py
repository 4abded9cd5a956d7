"""`scripts/lint --variants`: what the Traditional edition will say, for an editor to review.

Two tables, tab-separated: every vocabulary change the conversion makes beyond character forms (how
often, where first, decided by OpenCC's regional phrases or by a line of the project table), then
every term title and alias in both scripts. An editor accepts a change or pins another form in
`conversions.yml` (or protects one place with `-{…}-`).
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TextIO

from handbook.core.model import Corpus
from handbook.core.variants import Variant
from handbook.core.vocabulary import Change, changes


def vocabulary(variant: Variant, corpus: Corpus, root: Path) -> tuple[Counter[Change], dict[Change, str]]:
    """Each change with its count and its first place (`file:line`), over entries and docs/."""
    counts: Counter[Change] = Counter()
    first: dict[Change, str] = {}
    texts = [(d.path, d.text) for d in sorted(corpus.documents, key=lambda d: d.path)]
    texts += [(p.relative_to(root).as_posix(), p.read_text("utf-8", errors="replace"))
              for p in sorted((root / "docs").glob("*.md"))]
    for path, text in texts:
        for line, change in changes(variant, text):
            counts[change] += 1
            first.setdefault(change, f"{path}:{line + 1}")
    return counts, first


def write(variant: Variant, corpus: Corpus, root: Path, out: TextIO) -> None:
    """Print both review tables."""
    counts, first = vocabulary(variant, corpus, root)
    region = {"tw": "台湾", "hk": "香港"}.get(variant.region, variant.region)
    out.write(f"# 繁体版（{region}）的用词改动：{len(counts)} 种，{sum(counts.values())} 处\n")
    out.write("次数\t简体\t只换字形\t繁体版\t首次出现\t决定者\n")
    for change, n in sorted(counts.items(), key=lambda item: (-item[1], item[0].hans)):
        out.write(f"{n}\t{change.hans}\t{change.chars}\t{change.form}\t{first[change]}\t{change.decided_by}\n")
    pinned = [e.hans for e in variant.table]
    out.write("\n# 术语标题和别名\nid\t简体\t繁體\t说明\n")
    for term in corpus.terms.values():
        for name in term.names:
            hant = variant.convert(name)
            notes = [f"转换表：{p}" for p in pinned if p in name]
            if hant == name:
                notes.append("两版相同")
            out.write(f"{term.id}\t{name}\t{hant}\t{'；'.join(notes)}\n")
