"""Link every mention of a term, in Chinese text, at any glossary size.

`TermIndex` maps each surface form (titles and aliases, with their converted forms) to a term and
finds mentions leftmost-longest with Aho–Corasick: "私域流量池" links 私域流量 (or a longer term),
never 私域 + 流量池; cost is linear in the text whatever the number of terms. ASCII names do not
match inside a longer ASCII word (CDP in CDPR) but do next to Chinese (SCRM系统).

`Linker` is the Python-Markdown side (Sphinx's collect-then-resolve: the index is built from the
whole corpus before any page renders): a treeprocessor that links text nodes only — never in code,
pre, links, headings, admonition titles, image alt text or attributes, never a page to itself —
and an inline processor for explicit references `[[术语]]`, `[[id]]`, `[[id|显示文字]]` and
`[[!文字]]` (suppress the link here).
"""
from __future__ import annotations

import posixpath
import re
import unicodedata
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator, NamedTuple

from markdown import Markdown
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from .model import Corpus, Term
from .textmatch import Matcher
from .urls import entry_url, relative_url
from .variants import KEEP_CLOSE, KEEP_OPEN, Variant

SCOPES = ("section", "page", "all")
SKIP_TAGS = frozenset({"a", "code", "pre", "kbd", "samp", "script", "style", "img", "abbr", "summary",
                       "button", "textarea", "svg", "math", "h1", "h2", "h3", "h4", "h5", "h6"})
SKIP_CLASSES = frozenset({"admonition-title", "hb-nolink", "headerlink", "hb-card"})
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_HOUSE_SPACE = re.compile(r"(?<=[\u3400-\u9fff]) (?=[A-Za-z0-9])|(?<=[A-Za-z0-9%]) (?=[\u3400-\u9fff])")
EXPLICIT = re.compile(r"\[\[(!?)([^\[\]\n|]+?)(?:\|([^\[\]\n]+?))?\]\]")
_KEPT = re.compile(f"{KEEP_OPEN}.*?{KEEP_CLOSE}", re.S)


def _is_ascii_word(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch == "_")


def ascii_edge_ok(text: str, start: int, end: int) -> bool:
    """False when an ASCII name would cut through a longer ASCII word (CDP in CDPR)."""
    if _is_ascii_word(text[start]) and start > 0 and _is_ascii_word(text[start - 1]):
        return False
    if _is_ascii_word(text[end - 1]) and end < len(text) and _is_ascii_word(text[end]):
        return False
    return True


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


def squeezed_names(data: dict[str, Any]) -> list[str]:
    """A term's title and aliases as its raw front matter gives them, squeezed (for lint rules that
    run before entries are built)."""
    return [squeeze(n)[0] for n in [data.get("title"), *(data.get("aliases") or [])] if isinstance(n, str)]


def character_frequency(corpus: Corpus, sample: int = 300_000) -> list[str]:
    """The corpus's characters, most frequent first (from up to `sample` characters of bodies)."""
    from collections import Counter

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
    """What a link to a term needs: its site URL and its page's source path (`terms/<id>.md`)."""

    id: str
    title: str
    summary: str
    url: str
    src: str = ""


class TermIndex:
    """Surface forms → terms for one build; explicit references resolve by id, title or alias."""

    def __init__(self, corpus: Corpus, edition: str, variants: list[Variant] | None = None) -> None:
        self.targets = {t.id: Target(t.id, t.title, t.summary, entry_url(t), t.src_uri) for t in corpus.terms.values()}
        self._by_name: dict[str, str] = {}
        surfaces: dict[str, str] = {}
        for term in corpus.terms.values():
            for name in term.names:
                self._by_name.setdefault(normalise_ref(name), term.id)
                if self.autolinks(term, edition):
                    for form in {name, *(v.convert(name) for v in variants or [])}:
                        surfaces.setdefault(squeeze(form)[0], term.id)
        for ident in self.targets:
            self._by_name.setdefault(normalise_ref(ident), ident)
        self.matcher: Matcher[str] = Matcher(surfaces.items(), prime=character_frequency(corpus))

    @staticmethod
    def autolinks(term: Term, edition: str) -> bool:
        """Terms that link themselves: not opted out, not deprecated."""
        return term.autolink and not term.is_deprecated(edition)

    def resolve(self, ref: str) -> Target | None:
        """The term an explicit reference names (id, title or alias), or None."""
        ident = self._by_name.get(normalise_ref(ref))
        return self.targets.get(ident) if ident else None

    def ambiguities(self, text: str) -> Iterator[tuple[tuple[int, int, str], tuple[int, int, str]]]:
        """Places where the linked name hides an overlapping name (see Matcher.ambiguities)."""
        squeezed, where = squeeze(text)
        for chosen, hidden in self.matcher.ambiguities(squeezed, ascii_edge_ok):
            yield _unsqueeze(chosen, where), _unsqueeze(hidden, where)

    def find(self, text: str) -> Iterator[tuple[int, int, Target]]:
        """Mentions in a text: (start, end, target), leftmost-longest, ASCII-edge guarded."""
        squeezed, where = squeeze(text)
        for start, end, _, ident in self.matcher.find(squeezed, ascii_edge_ok):
            if where is not None:
                start, end = where[start], where[end - 1] + 1
            yield start, end, self.targets[ident]


def _unsqueeze(span: tuple[int, int, str], where: list[int] | None) -> tuple[int, int, str]:
    start, end, key = span
    return (start, end, key) if where is None else (where[start], where[end - 1] + 1, key)


@dataclass
class PageState:
    """The page being rendered: its URL, its own term (never linked) and what it linked."""

    url: str = ""
    term_id: str | None = None
    src: str = ""
    linked: set[str] = field(default_factory=set)
    unresolved: list[str] = field(default_factory=list)


class Linker:
    """Links terms in Markdown pages; one per build and variant, told which page is rendering."""

    def __init__(self, index: TermIndex, scope: str = "section",
                 href: Callable[[Target, str], str] | None = None) -> None:
        if scope not in SCOPES:
            raise ValueError(f"link scope must be one of {SCOPES}")
        self.index = index
        self.scope = scope
        self.href = href or self.source_href
        self.page = PageState()

    def begin_page(self, url: str, term_id: str | None = None, src: str = "") -> PageState:
        """Start rendering a page; returns its state (links found, unresolved references)."""
        self.page = PageState(url, term_id, src)
        return self.page

    def source_href(self, target: Target, page_url: str) -> str:
        """A link from the page's source file to the term's source file (`../terms/x.md`), which
        MkDocs turns into a URL and validates; falls back to the site URL without a source path."""
        if not self.page.src:
            return relative_url(target.url, page_url)
        folder = posixpath.dirname(self.page.src)
        return relative_url(target.src, f"{folder}/" if folder else "")

    def anchor(self, target: Target, text: str, *, explicit: bool = False) -> etree.Element:
        """The `<a>` of a term link, relative to the current page, with the summary as tooltip."""
        el = etree.Element("a", {"class": "hb-term hb-ref" if explicit else "hb-term",
                                 "href": self.href(target, self.page.url), "title": target.summary,
                                 "data-hb-id": target.id})
        el.text = AtomicString(text)
        self.page.linked.add(target.id)
        return el

    def treeprocessor(self, md: Markdown) -> "LinkTreeprocessor":
        return LinkTreeprocessor(md, self)

    def inline_processor(self, md: Markdown) -> "ExplicitReferenceProcessor":
        return ExplicitReferenceProcessor(md, self)


class ExplicitReferenceProcessor(InlineProcessor):
    """`[[术语]]`, `[[id]]`, `[[id|显示文字]]` force a link; `[[!文字]]` suppresses one."""

    def __init__(self, md: Markdown, linker: Linker) -> None:
        super().__init__(EXPLICIT.pattern, md)
        self.linker = linker

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element, int, int]:  # noqa: N802
        suppress, ref, label = m.group(1), m.group(2).strip(), (m.group(3) or "").strip()
        if suppress:
            el = etree.Element("span", {"class": "hb-nolink"})
            el.text = AtomicString(label or ref)
            return el, m.start(0), m.end(0)
        target = self.linker.index.resolve(ref)
        if target is None:
            self.linker.page.unresolved.append(m.group(0))
            el = etree.Element("span", {"class": "hb-nolink hb-unresolved"})
            el.text = AtomicString(label or ref)
            return el, m.start(0), m.end(0)
        text = label or (target.title if normalise_ref(ref) == normalise_ref(target.id) else ref)
        if target.id == self.linker.page.term_id:
            el = etree.Element("span", {"class": "hb-nolink"})
            el.text = AtomicString(text)
            return el, m.start(0), m.end(0)
        return self.linker.anchor(target, text, explicit=True), m.start(0), m.end(0)


class LinkTreeprocessor(Treeprocessor):
    """Links mentions in text nodes, in document order, within the configured scope."""

    def __init__(self, md: Markdown, linker: Linker) -> None:
        super().__init__(md)
        self.linker = linker
        self.seen: set[str] = set()

    def run(self, root: etree.Element) -> None:
        self.seen = set()
        self._walk(root)

    def _skipped(self, el: etree.Element) -> bool:
        if el.tag in SKIP_TAGS:
            return True
        classes = set((el.get("class") or "").split())
        return bool(classes & SKIP_CLASSES)

    def _walk(self, el: etree.Element) -> None:
        if el.text and not isinstance(el.text, AtomicString):
            pieces = self._link(el.text)
            if pieces:
                el.text = pieces[0]
                for offset, (anchor, tail) in enumerate(pieces[1:]):
                    anchor.tail = tail
                    el.insert(offset, anchor)
        for child in list(el):
            if child.tag in HEADINGS and self.linker.scope == "section":
                self.seen = set()
            if child.get("data-hb-id"):  # an explicit reference counts as the first mention
                self.seen.add(child.get("data-hb-id"))
            if not self._skipped(child):
                self._walk(child)
            if child.tail and not isinstance(child.tail, AtomicString):
                pieces = self._link(child.tail)
                if pieces:
                    child.tail = pieces[0]
                    at = list(el).index(child) + 1
                    for offset, (anchor, tail) in enumerate(pieces[1:]):
                        anchor.tail = tail
                        el.insert(at + offset, anchor)

    def _link(self, text: str) -> list[Any]:
        """[leading text, (anchor, text after it), …] or [] when nothing is linked."""
        protected = [(m.start(), m.end()) for m in _KEPT.finditer(text)] if KEEP_OPEN in text else []
        out: list[Any] = []
        pos = 0
        for start, end, target in self.linker.index.find(text):
            if any(a <= start < b for a, b in protected):
                continue
            if target.id == self.linker.page.term_id:
                continue
            if self.linker.scope != "all" and target.id in self.seen:
                continue
            self.seen.add(target.id)
            if not out:
                out.append(text[:start])
            else:
                out[-1] = (out[-1][0], text[pos:start])
            out.append((self.linker.anchor(target, text[start:end]), ""))
            pos = end
        if out:
            out[-1] = (out[-1][0], text[pos:])
        return out
