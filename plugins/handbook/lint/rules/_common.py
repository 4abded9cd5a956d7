"""Helpers shared by rule modules (not a rule itself)."""
from __future__ import annotations

import unicodedata

from handbook.core.frontmatter import Document


def normalise_name(name: str) -> str:
    """A name reduced for duplicate detection: NFKC (full/half width), case, spaces, script."""
    from handbook.core.variants import to_simplified

    folded = unicodedata.normalize("NFKC", name).casefold()
    folded = "".join(ch for ch in folded if not ch.isspace() and ch not in "·・-_")
    return to_simplified(folded)


def text_lines(doc: Document, *, prose_only: bool) -> list[tuple[int, str]]:
    """(file line number, text) for the whole file; protected spans masked everywhere, and with
    `prose_only` also code, URLs and link targets in the body."""
    import re

    from handbook.core.mdtext import MASK, prose_lines

    if not doc.text:
        return []
    lines = doc.text.split("\n")
    head = doc.body_line - 1 if doc.data is not None or doc.body else 0
    out = [(n + 1, re.sub(r"-\{.*?\}-", lambda m: MASK * len(m.group(0)), line))
           for n, line in enumerate(lines[:head])]
    body = "\n".join(lines[head:])
    body_lines = prose_lines(body) if prose_only else body.split("\n")
    out += [(head + n + 1, line) for n, line in enumerate(body_lines)]
    return out
