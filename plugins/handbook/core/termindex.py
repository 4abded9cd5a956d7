"""Which terms a text mentions, at any glossary size (pure: no Markdown, no MkDocs).

`TermIndex` maps each surface form (titles and aliases, with their converted forms) to a term and
finds mentions leftmost-longest with Aho–Corasick: "私域流量池" links 私域流量 (or a longer term),
never 私域 + 流量池; cost is linear in the text whatever the number of terms. ASCII names do not
match inside a longer ASCII word (CDP in CDPR) but do next to Chinese (SCRM系统). House-style spaces
between Chinese and Latin/digits are ignored when matching ("VIP 服务群" matches VIP服务群).
Editors' stop-phrases (proper nouns such as the company 小裂变) are matched like names and dropped,
so the name inside them (裂变) is not found there.
The linter uses the same index for its overlap and orphan rules, the Markdown linker to link.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from typing import Any, NamedTuple

from handbook.core.model import Corpus, Term
from handbook.core.textmatch import Matcher
from handbook.core.urls import entry_url
from handbook.core.variants import Variant

_HOUSE_SPACE = re.compile(r"(?<=[\u3400-\u9fff]) (?=[A-Za-z0-9])|(?<=[A-Za-z0-9%]) (?=[\u3400-\u9fff])")
STOP = ""
"""The matcher's value for a stop-phrase: the longer match wins over the names inside it, then is dropped."""
EXPLICIT = re.compile(r"\[\[(!?)([^\[\]\n|]+?)(?:\|([^\[\]\n]+?))?\]\]")


def _is_ascii_word(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch == "_")


def ascii_edge_ok(text: str, start: int, end: int) -> bool:
    """False when an ASCII name would cut through a longer ASCII word (CDP in CDPR)."""
    if _is_ascii_word(text[start]) and start > 0 and _is_ascii_word(text[start - 1]):
        return False
    return not (_is_ascii_word(text[end - 1]) and end < len(text) and _is_ascii_word(text[end]))


def squeeze(text: str) -> tuple[str, list[int] | None]:
    """Text without the house-style spaces between Chinese and Latin/digits, and where each kept
    character came from (None when nothing was removed): "VIP 服务群" matches the name VIP服务群."""
    if " " not in text:
        return text, None
    cuts = [m.start() for m in _HOUSE_SPACE.finditer(text)]
    if not cuts:
        return text, None
    removed = set(cuts)
    kept = [i for i in range(len(text)) if i not in removed]
    return "".join(text[i] for i in kept), kept


def spaced_pattern(forms: set[str]) -> re.Pattern[str] | None:
    """A pattern finding any of these (squeezed) forms in text as written, house-style spaces
    included ("VIP服务群" finds "VIP 服务群"); None for no forms. Faster than squeezing every text."""
    if not forms:
        return None
    alternatives = []
    for form in sorted(forms, key=len, reverse=True):
        parts = [re.escape(form[0])] if form else []
        for before, after in zip(form, form[1:], strict=False):
            spaced = (_is_cjk(before) and after.isascii() and after.isalnum()) or \
                     ((before.isascii() and before.isalnum() or before == "%") and _is_cjk(after))
            parts.append((" ?" if spaced else "") + re.escape(after))
        alternatives.append("".join(parts))
    return re.compile("|".join(alternatives))


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff"


def squeezed_names(data: dict[str, Any]) -> list[str]:
    """A term's title and aliases as its raw front matter gives them, squeezed (for lint rules that
    run before entries are built)."""
    return [squeeze(n)[0] for n in [data.get("title"), *(data.get("aliases") or [])] if isinstance(n, str)]


def character_frequency(corpus: Corpus, sample: int = 300_000) -> list[str]:
    """The corpus's characters, most frequent first (from up to `sample` characters of bodies)."""
    counts: Counter[str] = Counter()
    seen = 0
    for entry in corpus.entries():
        counts.update(entry.body)
        seen += len(entry.body)
        if seen >= sample:
            break
    return [ch for ch, _ in counts.most_common() if ch != "\x01"]


def normalise_ref(text: str) -> str:
    """How an explicit reference is looked up: NFKC, case-folded, spaces removed."""
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


class Target(NamedTuple):
    """What a link to an entry needs: its site URL and its page's source path (`terms/<id>.md`)."""

    id: str
    title: str
    summary: str
    url: str
    src: str = ""
    kind: str = "term"
    """"term" or "case": only terms are linked automatically; explicit references reach cases too."""


class TermIndex:
    """Surface forms → terms for one build; explicit references resolve by id, title or alias."""

    def __init__(self, corpus: Corpus, edition: str, variants: list[Variant] | None = None,
                 full: Corpus | None = None, stop_phrases: list[str] | tuple[str, ...] = ()) -> None:
        self.targets = {t.id: Target(t.id, t.title, t.summary, entry_url(t), t.src_uri) for t in corpus.terms.values()}
        self._by_name: dict[str, str] = {}
        surfaces: dict[str, str] = {}
        for phrase in stop_phrases:  # proper nouns that contain a name (小裂变 ⊃ 裂变): matched, never linked
            for form in {phrase, *(v.convert(phrase) for v in variants or [])}:
                surfaces.setdefault(squeeze(form)[0], STOP)
        for term in corpus.terms.values():
            for name in term.names:
                self._by_name.setdefault(normalise_ref(name), term.id)
                if self.autolinks(term, edition):
                    for form in {name, *(v.convert(name) for v in variants or [])}:
                        surfaces.setdefault(squeeze(form)[0], term.id)
        for ident in self.targets:
            self._by_name.setdefault(normalise_ref(ident), ident)
        self.cases = {c.id: Target(c.id, c.title, c.summary, entry_url(c), c.src_uri, "case") for c in corpus.cases.values()}
        """Case studies, by id: `[[maoye-baihuo|茂业百货的试点]]` links a case page."""
        self.outside: set[str] = set()
        """Names of entries in the full corpus that this edition does not have (added later or removed)."""
        if full is not None:
            for term in full.terms.values():
                if term.id not in self.targets:
                    self.outside.update(normalise_ref(n) for n in (term.id, *term.names))
            self.outside.update(normalise_ref(c) for c in full.cases if c not in self.cases)
            self.outside -= set(self._by_name) | set(self.cases)
        self.surfaces = surfaces
        """Every form that links automatically (squeezed) → its term id."""
        self.matcher: Matcher[str] = Matcher(surfaces.items(), prime=character_frequency(corpus))

    def changes(self, other: TermIndex) -> tuple[set[str], set[str], set[str]]:
        """What differs from another index: the linking forms that link elsewhere (or no longer, or
        newly), the explicit-reference keys that resolve elsewhere, and the ids whose link target
        (title, summary, URL) changed. A page is linked differently only if its text holds one of
        the first, an explicit reference to one of the second, or a link to one of the third."""
        forms = {f for f in self.surfaces.keys() | other.surfaces.keys() if self.surfaces.get(f) != other.surfaces.get(f)}
        refs = {k for k in self._by_name.keys() | other._by_name.keys() if self._by_name.get(k) != other._by_name.get(k)}
        mine, theirs = {**self.targets, **self.cases}, {**other.targets, **other.cases}
        ids = {i for i in mine.keys() | theirs.keys() if mine.get(i) != theirs.get(i)}
        return forms, refs, ids

    @staticmethod
    def autolinks(term: Term, edition: str) -> bool:
        """Terms that link themselves: not opted out, not deprecated."""
        return term.autolink and not term.is_deprecated(edition)

    def resolve(self, ref: str) -> Target | None:
        """The entry an explicit reference names: a term's id, title or alias, or a case's id; or None."""
        key = normalise_ref(ref)
        ident = self._by_name.get(key)
        if ident:
            return self.targets.get(ident)
        return self.cases.get(key)

    def outside_edition(self, ref: str) -> bool:
        """True when an explicit reference names an entry of another edition: shown as plain text here."""
        return normalise_ref(ref) in self.outside

    def ambiguities(self, text: str) -> Iterator[tuple[tuple[int, int, str], tuple[int, int, str]]]:
        """Places where the linked name hides an overlapping name (see Matcher.ambiguities)."""
        squeezed, where = squeeze(text)
        for chosen, hidden in self.matcher.ambiguities(squeezed, ascii_edge_ok):
            yield _unsqueeze(chosen, where), _unsqueeze(hidden, where)

    def find(self, text: str) -> Iterator[tuple[int, int, Target]]:
        """Mentions in a text: (start, end, target), leftmost-longest, ASCII-edge guarded."""
        squeezed, where = squeeze(text)
        for start, end, _, ident in self.matcher.find(squeezed, ascii_edge_ok):
            if ident == STOP:
                continue
            if where is not None:
                start, end = where[start], where[end - 1] + 1
            yield start, end, self.targets[ident]


def _unsqueeze(span: tuple[int, int, str], where: list[int] | None) -> tuple[int, int, str]:
    start, end, key = span
    return (start, end, key) if where is None else (where[start], where[end - 1] + 1, key)


