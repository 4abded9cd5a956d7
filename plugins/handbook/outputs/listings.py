"""Listings every output shares: the pinyin A–Z index of names, and what changed in each edition.

The site's index page and the print book's index come from `index_groups`; the site's changelog
page and the print book's changelog from `changes` and `change_groups` (one source, one set of labels).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from handbook.core import pinyin
from handbook.core.model import Corpus, Entry, Term, edition_key


@dataclass(frozen=True)
class IndexItem:
    """One line of the A–Z index: a term's title, or one of its aliases pointing at the term."""

    name: str
    term: Term
    alias: bool
    initial: str


@dataclass(frozen=True)
class IndexGroup:
    """The names filed under one initial letter (or "#")."""

    label: str
    items: list[IndexItem]

    @property
    def anchor(self) -> str:
        """The in-page id of the group: the letter in lower case, or "num" for "#"."""
        return "num" if self.label == "#" else self.label.lower()


def index_groups(corpus: Corpus) -> list[IndexGroup]:
    """Every title and alias of the corpus in pinyin order, grouped by initial."""
    items: list[tuple[tuple[object, ...], IndexItem]] = []
    for term in corpus.terms.values():
        items.append((pinyin.sort_key(term.title, term.pinyin),
                      IndexItem(term.title, term, False, pinyin.initial(term.title, term.pinyin))))
        for alias in term.aliases:
            items.append((pinyin.sort_key(alias), IndexItem(alias, term, True, pinyin.initial(alias))))
    items.sort(key=lambda pair: pair[0])
    groups: dict[str, list[IndexItem]] = {}
    for _, item in items:
        groups.setdefault(item.initial, []).append(item)
    return [IndexGroup(label, entries) for label, entries in groups.items()]


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


CHANGE_LABELS = ("新增术语", "新增案例", "修订", "停用", "删除")


def change_groups(ch: EditionChanges) -> list[tuple[str, list[tuple[Entry, str]]]]:
    """The changes of an edition under their labels, each entry with its note; empty groups left out."""
    groups: list[tuple[str, list[tuple[Entry, str]]]] = [
        (CHANGE_LABELS[0], [(e, "") for e in ch.added if e.kind == "term"]),
        (CHANGE_LABELS[1], [(e, "") for e in ch.added if e.kind == "case"]),
        (CHANGE_LABELS[2], list(ch.revised)),
        (CHANGE_LABELS[3], [(e, e.deprecated.by if e.deprecated else "") for e in ch.deprecated]),
        (CHANGE_LABELS[4], [(e, "") for e in ch.removed]),
    ]
    return [(label, entries) for label, entries in groups if entries]
