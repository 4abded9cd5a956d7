"""Link every mention of a term in rendered Markdown (Python-Markdown treeprocessor and inline pattern).

The index that finds mentions is `core.termindex.TermIndex`. `Linker` is the Python-Markdown side (Sphinx's collect-then-resolve: the index is built from the
whole corpus before any page renders): a treeprocessor that links text nodes only — never in code,
pre, links, headings, admonition titles, image alt text or attributes, never a page to itself —
and an inline processor for explicit references `[[术语]]`, `[[id]]`, `[[id|显示文字]]` and
`[[!文字]]` (suppress the link here).
"""
from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from markdown import Markdown
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from handbook.core.termindex import EXPLICIT, Target, TermIndex, normalise_ref
from handbook.core.urls import relative_url
from handbook.core.variants import KEEP_CLOSE, KEEP_OPEN, WORK_TITLE

SCOPES = ("section", "page", "all")
SKIP_TAGS = frozenset({"a", "code", "pre", "kbd", "samp", "script", "style", "img", "abbr", "summary",
                       "button", "textarea", "svg", "math", "h1", "h2", "h3", "h4", "h5", "h6"})
SKIP_CLASSES = frozenset({"admonition-title", "hb-nolink", "headerlink", "hb-card"})
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
BLOCKS = frozenset({"p", "li", "td", "th", "dd", "dt", "blockquote", "div", "details", "figcaption", "section",
                    *HEADINGS})
"""Elements whose text is one run for the density cap (`link_gap`)."""
LINK_GAP = 30
"""Default minimum number of characters between two automatic links in one paragraph (see Linker)."""
_KEPT = re.compile(f"{KEEP_OPEN}.*?{KEEP_CLOSE}", re.S)


@dataclass
class PageState:
    """The page being rendered: its URL, its own term (never linked) and what it linked."""

    url: str = ""
    term_id: str | None = None
    src: str = ""
    linked: set[str] = field(default_factory=set)
    unresolved: list[str] = field(default_factory=list)


class Linker:
    """Links terms in Markdown pages; one per build and variant, told which page is rendering.

    Density: `scope` says how often one term is linked ("page": its first mention on a page, the
    default; "section": again under each heading; "all": every mention). `gap` caps the links of
    different terms: an automatic link starts at least `gap` characters after the end of the previous
    automatic link in the same paragraph, list item or table cell (0: no cap). A skipped mention
    leaves the term free to be linked further on. 30 characters is about one clause of Chinese
    prose: a dense definition keeps one link per clause instead of one every few words, and a
    reader on a phone (about 18 characters a line at 390 px) sees at most one link in two lines.
    """

    def __init__(self, index: TermIndex, scope: str = "page",
                 href: Callable[[Target, str], str] | None = None, gap: int = LINK_GAP) -> None:
        if scope not in SCOPES:
            raise ValueError(f"link scope must be one of {SCOPES}")
        if gap < 0:
            raise ValueError("link gap must be 0 or more")
        self.index = index
        self.scope = scope
        self.gap = gap
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
        if target.kind == "term":
            self.page.linked.add(target.id)
        return el

    def treeprocessor(self, md: Markdown) -> LinkTreeprocessor:
        return LinkTreeprocessor(md, self)

    def inline_processor(self, md: Markdown) -> ExplicitReferenceProcessor:
        return ExplicitReferenceProcessor(md, self)


class ExplicitReferenceProcessor(InlineProcessor):
    """`[[术语]]`, `[[id]]`, `[[id|显示文字]]` force a link; `[[!文字]]` suppresses one."""

    def __init__(self, md: Markdown, linker: Linker) -> None:
        super().__init__(EXPLICIT.pattern, md)
        self.linker = linker

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element, int, int]:  # type: ignore[override]  # noqa: N802
        suppress, ref, label = m.group(1), m.group(2).strip(), (m.group(3) or "").strip()
        if suppress:
            el = etree.Element("span", {"class": "hb-nolink"})
            el.text = AtomicString(label or ref)
            return el, m.start(0), m.end(0)
        target = self.linker.index.resolve(ref)
        if target is None and self.linker.index.outside_edition(ref):
            el = etree.Element("span", {"class": "hb-nolink"})  # an entry of a later edition: plain text here
            el.text = AtomicString(label or ref)
            return el, m.start(0), m.end(0)
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
        self.offset = 0
        """Characters of the current block's text before the text being linked."""
        self.last_end: int | None = None
        """Where the block's last automatic link ended (None: no link in this block yet)."""

    def run(self, root: etree.Element) -> None:
        self.seen = set()
        self.offset, self.last_end = 0, None
        self._walk(root)

    def _skipped(self, el: etree.Element) -> bool:
        if el.tag in SKIP_TAGS:
            return True
        classes = set((el.get("class") or "").split())
        return bool(classes & SKIP_CLASSES)

    def _walk(self, el: etree.Element) -> None:
        children = list(el)  # links inserted below are not walked again
        if el.text:
            pieces = self._link(el.text) if not isinstance(el.text, AtomicString) else []
            self.offset += len(el.text)
            if pieces:
                el.text = pieces[0]
                for offset, (anchor, tail) in enumerate(pieces[1:]):
                    anchor.tail = tail
                    el.insert(offset, anchor)
        for child in children:
            if child.tag in HEADINGS and self.linker.scope == "section":
                self.seen = set()
            linked = child.get("data-hb-id")
            if linked:  # an explicit reference counts as the first mention
                self.seen.add(linked)
            block = child.tag in BLOCKS
            outer = (self.offset, self.last_end)
            if block:
                self.offset, self.last_end = 0, None
            if not self._skipped(child):
                self._walk(child)
            else:
                self.offset += sum(len(t) for t in child.itertext())
                if child.tag == "a":  # any link, explicit or written, counts for the density cap
                    self.last_end = self.offset
            if block:
                self.offset, self.last_end = outer
            if child.tail:
                pieces = self._link(child.tail) if not isinstance(child.tail, AtomicString) else []
                self.offset += len(child.tail)
                if pieces:
                    child.tail = pieces[0]
                    at = list(el).index(child) + 1
                    for offset, (anchor, tail) in enumerate(pieces[1:]):
                        anchor.tail = tail
                        el.insert(at + offset, anchor)

    def _link(self, text: str) -> list[Any]:
        """[leading text, (anchor, text after it), …] or [] when nothing is linked."""
        protected = [(m.start(), m.end()) for m in _KEPT.finditer(text)] if KEEP_OPEN in text else []
        if "《" in text:  # a title of a work is a name: nothing inside it is linked
            protected += [(m.start(), m.end()) for m in WORK_TITLE.finditer(text)]
        out: list[Any] = []
        pos = 0
        for start, end, target in self.linker.index.find(text):
            if any(a <= start < b for a, b in protected):
                continue
            if target.id == self.linker.page.term_id:
                continue
            if self.linker.scope != "all" and target.id in self.seen:
                continue
            if self.linker.gap and self.last_end is not None and self.offset + start - self.last_end < self.linker.gap:
                continue  # too close to the previous link: the next mention may be linked
            self.seen.add(target.id)
            self.last_end = self.offset + end
            if not out:
                out.append(text[:start])
            else:
                out[-1] = (out[-1][0], text[pos:start])
            out.append((self.linker.anchor(target, text[start:end]), ""))
            pos = end
        if out:
            out[-1] = (out[-1][0], text[pos:])
        return out
