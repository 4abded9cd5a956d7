"""A handbook project on disk: its settings, its corpus and its script converters (no MkDocs, no linter).

`Project.load` is the "collect" half of collect-then-resolve: every term and case file is read and
validated once (through the parse cache); the site build, the print book, the exports and the linter
all work from the result. `Project.variant` is the one way to get a script converter.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from handbook.core import corpus as corpus_mod
from handbook.core.model import Corpus
from handbook.core.settings import Settings
from handbook.core.variants import HANS, Variant, load_table


@dataclass
class Project:
    """The corpus of one project and edition, with its settings and converters."""

    root: Path
    settings: Settings
    full: Corpus
    """Every entry, whatever its edition (the changelog lists removed ones too)."""
    corpus: Corpus
    """The entries of `settings.edition`."""
    _variants: dict[str, Variant] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, root: Path, settings: Settings) -> Project:
        """Read and validate every entry (problems stay on the documents; see `lint` for checks)."""
        full = corpus_mod.load(root, corpus_mod.cache_file(root))
        return cls.of(root, settings, full)

    @classmethod
    def of(cls, root: Path, settings: Settings, full: Corpus) -> Project:
        """A project around an already loaded corpus."""
        return cls(root, settings, full, full.for_edition(settings.edition))

    def reuse_variants(self, other: Project) -> None:
        """Take the converters of another load of the same project (same settings and conversion
        table), with the conversions they remember."""
        self._variants.update(other._variants)

    def variant(self, code: str) -> Variant:
        """The converter of a script (`zh-Hans` or `zh-Hant`), with the project table (cached).

        Raises `variants.TableError` (file and line) when the conversion table cannot be read.
        """
        if code not in self._variants:
            table = [] if code == HANS else load_table(self.root / self.settings.conversion_table)
            self._variants[code] = Variant(code, self.settings.opencc_config, region=self.settings.region,
                                          table=table, titles_config=self.settings.characters_config)
        return self._variants[code]
