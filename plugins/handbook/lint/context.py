"""What a rule may look at: the corpus, the settings and the project root."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from handbook.core.model import Corpus
from handbook.core.settings import Settings


@dataclass
class Context:
    """Shared, lazily computed facts for one lint or build run."""

    corpus: Corpus
    settings: Settings = field(default_factory=Settings)
    root: Path = Path(".")
    cache: dict[str, Any] = field(default_factory=dict)
    focus: set[str] | None = None
    """The files this run reports on (None: all); corpus rules may check only these."""

    @cached_property
    def documents_by_path(self) -> dict[str, Any]:
        return {d.path: d for d in self.corpus.documents}
