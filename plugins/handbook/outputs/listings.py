"""What changed in each edition, derived from the entries' `since`, `changed`, `deprecated` and
`removed_in` (one source for the site's changelog page and the PDF's changelog section)."""
from __future__ import annotations

from dataclasses import dataclass, field

from handbook.core import pinyin
from handbook.core.model import Corpus, Entry, edition_key


@dataclass
class EditionChanges:
    """The changes an edition brought."""

    edition: str
    added: list[Entry] = field(default_factory=list)
    revised: list[tuple[Entry, str]] = field(default_factory=list)
    deprecated: list[Entry] = field(default_factory=list)
    removed: list[Entry] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.revised or self.deprecated or self.removed)


def changes(corpus: Corpus, editions: list[str], upto: str) -> list[EditionChanges]:
    """Per edition up to `upto`, newest first: entries added, revised, deprecated and removed.

    `corpus` should hold every entry (including removed ones) so removals can be listed.
    """
    shown = sorted((e for e in editions if edition_key(e) <= edition_key(upto)), key=edition_key, reverse=True)
    by_edition = {e: EditionChanges(e) for e in shown}
    for entry in sorted(corpus.entries(), key=lambda x: (x.kind, pinyin.sort_key(x.title))):
        if entry.since in by_edition:
            by_edition[entry.since].added.append(entry)
        for change in entry.changed:
            if change.edition in by_edition:
                by_edition[change.edition].revised.append((entry, change.note))
        if entry.deprecated and entry.deprecated.edition in by_edition:
            by_edition[entry.deprecated.edition].deprecated.append(entry)
        if entry.removed_in and entry.removed_in in by_edition:
            by_edition[entry.removed_in].removed.append(entry)
    return [by_edition[e] for e in shown]
