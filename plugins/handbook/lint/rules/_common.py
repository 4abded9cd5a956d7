"""Helpers shared by rule modules (not a rule itself)."""
from __future__ import annotations

import unicodedata
from typing import Iterator

from ...frontmatter import Document
from ..problem import Problem


def found_at_load(doc: Document, rule_id: str) -> Iterator[Problem]:
    """Problems of `rule_id` that the loader already recorded on the document."""
    return (p for p in doc.problems if p.rule == rule_id)


def normalise_name(name: str) -> str:
    """A name reduced for duplicate detection: NFKC (full/half width), case, spaces, script."""
    from ...variants import to_simplified

    folded = unicodedata.normalize("NFKC", name).casefold()
    folded = "".join(ch for ch in folded if not ch.isspace() and ch not in "·・-_")
    return to_simplified(folded)
