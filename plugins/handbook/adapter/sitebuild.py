"""One build of the site: the state MkDocs events share, created per build and never reused.

MkDocs keeps one plugin object across `mkdocs serve` rebuilds; everything a build computes lives
here instead, in an object the plugin creates in `on_config` and drops in `on_shutdown` or when the
next build starts. The plugin's event methods only call into it.

Flow of one build (see ARCHITECTURE.md): the project is loaded and checked once; MkDocs renders every
page once, in Simplified, with protected spans still marked; each rendered page is written as it is
(markers stripped) and, converted by `outputs.htmlconvert`, as the Traditional page under `zh-Hant/`.
After the last page: the print page of the Traditional book, the search index of both scripts, one
sitemap for both scripts, the completeness check, then the staging folder replaces `site/`.
"""
from __future__ import annotations

import html as htmllib
import logging
import re
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import InitVar, dataclass, field
from pathlib import Path
from typing import Any

from handbook.adapter import material
from handbook.adapter.staging import Staging
from handbook.adapter.twins import Worker, second_process
from handbook.core import pinyin
from handbook.core.model import Entry
from handbook.core.problems import Problem
from handbook.core.project import Project
from handbook.core.settings import Settings
from handbook.core.termindex import TermIndex
from handbook.core.urls import DOWNLOADS, HANT_PREFIX, PRINT, relative_url
from handbook.core.variants import HANS, HANT, Variant, strip_sentinels
from handbook.lint.context import Context
from handbook.lint.registry import rule_docs
from handbook.lint.runner import build_rules, errors, run
from handbook.markdown import sanitize
from handbook.markdown.extension import HandbookExtension
from handbook.markdown.linking import Linker, PageState
from handbook.outputs import completeness, search, seo, sharecards
from handbook.outputs.downloads import Publication, downloads_html, publish
from handbook.outputs.htmlconvert import PageConverter
from handbook.outputs.pages import BACKLINKS_PLACEHOLDER, GeneratedPage, PageBuilder, backlinks_html

log = logging.getLogger("mkdocs.plugins.handbook")
_STARTED = time.perf_counter()

VARIANT_NAMES = {HANS: "简体中文", HANT: "繁體中文"}
CARDS = "cards/"
"""Share images: `cards/<kind>s/<id>.jpg` per entry, `cards/site.jpg` for other pages; per script."""
SITE_CARD = CARDS + "site.jpg"
LOCALES = {HANS: "zh_CN", HANT: "zh_TW"}
DOWNLOADS_SLOT = '<div id="hb-downloads-slot"></div>'
"""Where a page's download list goes while the PDFs are still being set (filled in after the last page)."""


class ContentError(Exception):
    """The content has errors; `problems` lists them all, each with file and line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = "\n".join(p.format() for p in problems)
        super().__init__(f"内容有 {len(problems)} 个错误，网站未生成：\n{lines}")


def checked_project(root: Path, settings: Settings, paths: set[str] | None = None) -> Project:
    """The project, loaded and checked; raises ContentError listing every build-blocking problem
    (with `paths`, the problems in those files: the rest of the corpus passed before)."""
    project = Project.load(root, settings)
    blocking = errors(run(Context(project.full, settings, root), rules=build_rules(), paths=paths))
    if blocking:
        raise ContentError(blocking)
    return project


@contextmanager
def timed(phase: str) -> Iterator[None]:
    """`with timed("phase"):` logs how long a phase took (DEBUG level: `mkdocs build -v`)."""
    start = time.perf_counter()
    yield
    end = time.perf_counter()
    log.debug(f"handbook: {phase} took {end - start:.2f} s (done {end - _STARTED:.1f} s after start)")


def alternates(page_url: str, site_url: str = "") -> list[dict[str, Any]]:
    """The language switch of a Simplified page: links to the page in each script, relative to it
    (the Traditional page gets its own when it is converted, see `PageConverter.relative`), and
    absolute (for hreflang links, the same in both scripts' pages; relative without a site_url)."""
    base = site_url.rstrip("/") + "/" if site_url else ""
    hans_href, hant_href = "./", relative_url(HANT_PREFIX + page_url, page_url)
    return [{"lang": HANS, "name": VARIANT_NAMES[HANS], "href": hans_href, "current": True,
             "absolute": base + page_url if base else hans_href},
            {"lang": HANT, "name": VARIANT_NAMES[HANT], "href": hant_href, "current": False,
             "absolute": base + HANT_PREFIX + page_url if base else hant_href}]


@dataclass
class RenderedPage:
    """One rendered page as `scripts/serve` remembers it, to tell which pages a change affects."""

    url: str
    title: str = ""
    markdown: str = ""
    """The Markdown MkDocs rendered (after `on_page_markdown`)."""
    content: str = ""
    """The page's HTML body before its 被引用于 list was filled in."""
    links: frozenset[str] = frozenset()
    """The terms it links (the 被引用于 lists it appears in)."""
    targets: frozenset[str] = frozenset()
    """Every entry it links, terms and cases (`data-hb-id`)."""
    downloads: bool = False
    """The page lists the downloads (it changes with the publication)."""
    context: tuple[Any, ...] = ()
    """What its template showed besides the page itself: 被引用于 list, previous and next term."""


_LINKED_ID = re.compile(r'data-hb-id="([^"]+)"')


@dataclass
class SiteBuild:
    """Everything one build of both scripts computes, from `on_config` to `on_post_build`."""

    project: Project
    site_dir: Path
    site_url: str
    command: str = "build"
    staging: Staging | None = None
    publication: Publication | None = None
    backlinks: dict[str, dict[str, str]] = field(default_factory=dict)
    """Term id → {URL: title} of the pages that link to it."""
    term_pages: dict[str, str] = field(default_factory=dict)
    """Source path of a term page → term id."""
    files: Any = None
    """MkDocs' files of this build (set in `on_files`), to find the pages prev/next link to."""
    site_name: str = ""
    site_description: str = ""
    site_author: str = ""
    search_docs: dict[str, search.SearchDoc] = field(default_factory=dict)
    """URL → what readers' search finds on that page."""
    pages: dict[str, RenderedPage] | None = None
    """Source path → what the page rendered, kept by `scripts/serve` (None in other builds)."""
    twins: list[tuple[str, str, str]] | None = None
    """Rendered pages whose Traditional twin is still to be written (None: written at once)."""
    page_downloads: bool = False
    """The page rendering now lists the downloads."""
    writer: Worker | None = None
    """The process writing Traditional pages during a full build."""
    indexer: Worker | None = None
    """The process extracting the search text of each page and writing the search index."""
    painter: Worker | None = None
    """The process drawing the share images during a full build."""
    held: list[tuple[str, str, str]] = field(default_factory=list)
    """Rendered pages that list the downloads, written once the PDFs are set: (HTML, URL, path)."""
    held_search: list[tuple[str, str, str, str, float]] = field(default_factory=list)
    """Their search entries, indexed with the list filled in."""
    previous: InitVar[SiteBuild | None] = None
    """In `scripts/serve`, the last build with the same settings and conversion table: its
    converters are reused with what they remember (conversions are pure)."""

    def __post_init__(self, previous: SiteBuild | None) -> None:
        settings = self.project.settings
        self.page_env: Any = None
        if previous is not None:
            self.project.reuse_variants(previous.project)
            self.page_env = previous.page_env
            self.search_docs = dict(previous.search_docs)  # pages not rendered again keep theirs
        self.hans: Variant = previous.hans if previous else Variant(HANS, settings.opencc_config, region=settings.region,
                                                                     keep_markup=True)
        """The rendering script: Simplified, protected spans kept for the conversion."""
        self.hant = self.project.variant(HANT)
        self.index = TermIndex(self.project.corpus, settings.edition, [self.hans], self.project.full,
                               stop_phrases=settings.stop_phrases)
        self.linker = Linker(self.index, settings.link_scope, gap=settings.link_gap)
        self.extension = HandbookExtension(self.hans, self.linker)
        self.converter: PageConverter
        if previous is not None and previous.site_url == self.site_url:
            self.converter = previous.converter
        else:
            self.converter = PageConverter(self.hant, self.site_url, HANT_PREFIX, own_files=(f"{search.FOLDER}/", CARDS),
                                           json_hooks={"__config": material.convert_config},
                                           locales=(LOCALES[HANS], LOCALES[HANT]))
        self.term_pages = {t.src_uri: t.id for t in self.project.corpus.terms.values()}
        self.entries: dict[str, Entry] = {e.src_uri: e for e in self.project.corpus.entries()}
        order = sorted(self.project.corpus.terms.values(), key=lambda t: pinyin.sort_key(t.title, t.pinyin))
        self.order = [t.id for t in order]
        self.position = {ident: n for n, ident in enumerate(self.order)}

    def mark(self, moment: str) -> None:
        """Log (DEBUG) how long after the start a moment of the build came."""
        log.debug(f"handbook: {moment} {time.perf_counter() - _STARTED:.1f} s after start")

    @property
    def settings(self) -> Settings:
        return self.project.settings

    # -- before the pages ------------------------------------------------------------------------

    def publish(self, *, pdf: bool) -> Publication:
        """Downloads (PDFs, exports) and the print pages of both scripts, once per build. In a full
        build the PDFs are set in threads while the pages render, and the share images, Traditional
        pages and search index are made by forked processes (forked first: no threads yet)."""
        if self.command == "build" and second_process():
            self.painter = Worker(self, "handbook-cards")
            self.painter.call("draw_cards")
            self.writer = Worker(self, "handbook-zh-Hant")
            self.indexer = Worker(self, "handbook-search")
        folder = self.project.root / ".cache" / "downloads" / self.settings.edition
        with timed("downloads and print edition (PDFs set in the background)"):
            self.publication = publish(self.project, folder, pdf=pdf, site_url=self.site_url, background=True)
        return self.publication

    def downloads_block(self, page_url: str) -> str:
        """The download list of a page (Simplified), or its slot while the PDFs are being set."""
        if self.publication is not None and self.publication.pending:
            return DOWNLOADS_SLOT
        return downloads_html(self.publication, self.hans, self.settings.edition, page_url)

    def fill_downloads(self) -> None:
        """Wait for the PDFs, copy every download into the site and write the pages held for their list."""
        assert self.publication is not None
        with timed("waiting for the PDFs"):
            self.publication.wait()
        self.publication.copy_to(self.site_dir / DOWNLOADS)
        held, self.held = self.held, []
        searched, self.held_search = self.held_search, []
        for url, src_uri, title, html, boost in searched:
            self._index(url, src_uri, title, html.replace(DOWNLOADS_SLOT, self._filled(url)), boost)
        for html, url, dest_path in held:
            page = html.replace(DOWNLOADS_SLOT, self._filled(url))
            (self.site_dir / dest_path).write_text(self.finish_page(page, url, dest_path), "utf-8")

    def _filled(self, page_url: str) -> str:
        return sanitize.clean(downloads_html(self.publication, self.hans, self.settings.edition, page_url))

    def page_builder(self) -> PageBuilder:
        """The generator of the handbook's pages (its templates compiled once per `serve` session)."""
        builder = PageBuilder(self.project.corpus, self.hans, self.settings.edition, self.settings.editions,
                              self.project.full, rule_docs(), self.page_env)
        self.page_env = builder.env
        return builder

    def generated_pages(self) -> list[GeneratedPage]:
        """The Markdown of every page the handbook adds (terms, cases, indexes, changelog, rules)."""
        with timed("generating pages"):
            return self.page_builder().all_pages()

    # -- per page --------------------------------------------------------------------------------

    def begin_page(self, url: str, src_uri: str) -> PageState:
        """Tell the linker which page renders next (its own term is never linked)."""
        return self.linker.begin_page(url, self.term_pages.get(src_uri), src_uri)

    def page_linked(self, url: str, title: str, src_uri: str = "", markdown: str = "", content: str = "") -> None:
        """Record the terms the page just rendered links to (for their 被引用于 lists); in
        `scripts/serve`, remember the page (see `RenderedPage`)."""
        for term_id in sorted(self.linker.page.linked):
            self.backlinks.setdefault(term_id, {})[url] = title
        if self.pages is not None:
            old = self.pages.get(src_uri)
            self.pages[src_uri] = RenderedPage(
                url, title, markdown, content, frozenset(self.linker.page.linked),
                frozenset(_LINKED_ID.findall(content)), self.page_downloads,
                old.context if old else ())

    def relink(self) -> None:
        """The 被引用于 lists again from the remembered pages (after some were rendered anew)."""
        assert self.pages is not None
        self.backlinks = {}
        for record in self.pages.values():
            for term_id in sorted(record.links):
                self.backlinks.setdefault(term_id, {})[record.url] = record.title

    def add_search_page(self, url: str, src_uri: str, title: str, html: str, meta: Mapping[str, Any]) -> None:
        """Index a rendered page for readers' search, unless its front matter says `search:
        exclude: true` (contributors' pages); `search: boost: N` weighs it."""
        found = meta.get("search")
        options: Mapping[str, Any] = found if isinstance(found, Mapping) else {}
        if options.get("exclude"):
            return
        boost = options.get("boost", 1.0)
        weight = float(boost) if isinstance(boost, (int, float)) else 1.0
        if DOWNLOADS_SLOT in html:
            self.held_search.append((url, src_uri, title, html, weight))
        else:
            self._index(url, src_uri, title, html, weight)

    def _index(self, url: str, src_uri: str, title: str, html: str, boost: float) -> None:
        if self.indexer is not None:  # the text is extracted in another process
            self.indexer.call("index_page", url, src_uri, title, html, boost)
        else:
            self.index_page(url, src_uri, title, html, boost)

    def index_page(self, url: str, src_uri: str, title: str, html: str, boost: float) -> None:
        """What readers' search finds on a rendered page."""
        entry = self.entries.get(src_uri)
        names = list(getattr(entry, "names", [])[1:])
        doc = search.SearchDoc(url, htmllib.unescape(title), search.page_text(html), names,
                               entry.summary if entry is not None else "", boost)
        search.prepare(doc, [self.hans, self.hant])  # now, while pages render, not after the last one
        self.search_docs[url] = doc

    def write_search_index(self) -> None:
        """The readers' search index of both scripts (shards shared, written at the root); files
        that did not change are left as they are, so a `scripts/serve` rebuild rewrites few."""
        index = search.build_index(search.documents(self.search_docs.values()), [self.hans, self.hant],
                                   {HANT: "../../search/"})
        written = search.write_index(index, {HANS: self.site_dir, HANT: self.site_dir / HANT_PREFIX})
        log.debug(f"handbook: search index: {len(index.shards)} shards, {written} files written")

    def backlinks_of(self, src_uri: str, page_url: str) -> str | None:
        """The 被引用于 list of a term page, or None for other pages."""
        term_id = self.term_pages.get(src_uri)
        if term_id is None:
            return None
        return backlinks_html(self.backlinks.get(term_id, {}), page_url, self.hans)

    def with_backlinks(self, src_uri: str, page_url: str, content: str) -> str:
        """A page's HTML with its 被引用于 list filled in (term pages; others as they are)."""
        html = self.backlinks_of(src_uri, page_url)
        return content if html is None else content.replace(BACKLINKS_PLACEHOLDER, html, 1)

    def template_inputs(self, src_uri: str) -> tuple[Any, ...]:
        """What a page's template shows of other pages: for a term, its 被引用于 list and the
        source path and title of the terms before and after it (titles as last rendered)."""
        term_id = self.term_pages.get(src_uri)
        if term_id is None or self.pages is None:
            return ()
        before, after = self.neighbours(term_id)
        links = tuple(sorted(self.backlinks.get(term_id, {}).items()))
        titles = [self.pages[src].title if src in self.pages else None for src in (before, after)]
        return (links, before, titles[0], after, titles[1])

    def neighbours(self, term_id: str) -> tuple[str | None, str | None]:
        """Source paths of the terms before and after one in the A–Z index (pinyin order)."""
        n = self.position[term_id]
        before = self.order[n - 1] if n > 0 else None
        after = self.order[n + 1] if n + 1 < len(self.order) else None
        terms = self.project.corpus.terms
        return (terms[before].src_uri if before else None, terms[after].src_uri if after else None)

    def json_ld(self, src_uri: str, site_name: str) -> str | None:
        """schema.org JSON-LD of a term page and of the A–Z index (Simplified, converted with the page)."""
        if src_uri == "terms/index.md":
            return seo.defined_term_set(self.hans, self.site_url, site_name, self.settings.edition)
        term_id = self.term_pages.get(src_uri)
        if term_id is None:
            return None
        term = self.project.corpus.terms[term_id]
        return seo.defined_term(term, self.hans, self.site_url, site_name, image=self._absolute(self.card_path(term)))

    # -- share images --------------------------------------------------------------------------------

    def card_path(self, entry: Entry | None) -> str:
        """The site path of an entry's share image (the site's card for other pages)."""
        return f"{CARDS}{entry.kind}s/{entry.id}{sharecards.SUFFIX}" if entry is not None else SITE_CARD

    def _absolute(self, path: str) -> str:
        return self.site_url.rstrip("/") + "/" + path if self.site_url else "/" + path

    def share(self, src_uri: str, page_url: str) -> dict[str, Any]:
        """What a page's share metadata needs: its image (absolute and relative), type and locale."""
        entry = self.entries.get(src_uri)
        path = self.card_path(entry)
        return {"image": self._absolute(path), "image_relative": relative_url(path, page_url),
                "type": "article" if entry is not None else "website", "width": sharecards.WIDTH,
                "height": sharecards.HEIGHT, "mime": sharecards.MIME, "locale": LOCALES[HANS], "locale_alternate": LOCALES[HANT]}

    def write_cards(self) -> None:
        """The share images of both scripts (drawn only when their text changed)."""
        with timed("share images"):
            writer = sharecards.CardWriter(self.project.root / ".cache" / "cards")
            writer.write(self.cards(self.site_name))
            log.debug(f"handbook: share images: {writer.drawn} drawn, {writer.reused} from the cache")

    def draw_cards(self) -> None:
        """Draw the share images the cache lacks (a full build's painter process; `write_cards`
        copies them into the site after the last page, when MkDocs no longer cleans the folder)."""
        with timed("drawing share images"):
            writer = sharecards.CardWriter(self.project.root / ".cache" / "cards")
            for _, card in self.cards(self.site_name):
                writer.cached(card)
            log.debug(f"handbook: share images: {writer.drawn} drawn, {writer.reused} from the cache")

    def cards(self, site_name: str) -> list[tuple[Path, sharecards.Card]]:
        """Every share image of the build in both scripts: where it goes and what it shows."""
        out = []
        labels = {"term": "术语", "case": "案例"}
        for variant, root in ((self.hans, self.site_dir), (self.hant, self.site_dir / HANT_PREFIX)):
            convert = variant.convert
            for entry in self.project.corpus.entries():
                card = sharecards.Card(variant.code, convert(entry.title), convert(entry.summary),
                                       convert(site_name), convert(labels[entry.kind]))
                out.append((root / self.card_path(entry), card))
            out.append((root / SITE_CARD, sharecards.Card(variant.code, convert(site_name),
                                                          convert(self.site_description), convert(self.site_author))))
        return out

    def finish_page(self, html: str, url: str, dest_path: str) -> str:
        """Write the Traditional page converted from a rendered page (or queue it, see `twins`; in a
        full build on a machine with two cores, a second process writes it); returns the Simplified
        page's HTML."""
        if DOWNLOADS_SLOT in html:
            self.held.append((html, url, dest_path))
        elif self.twins is not None:
            self.twins.append((html, url, dest_path))
        elif self.writer is not None:
            self.writer.call("write_twin", html, url, dest_path)
        else:
            self.write_twin(html, url, dest_path)
        return strip_sentinels(html)

    def twins_written(self) -> None:
        """Wait for the workers to write every Traditional page and the search index (raises if one
        failed)."""
        for label, worker in (("the Traditional pages", self.writer), ("the search index", self.indexer)):
            if worker is not None:
                with timed(f"waiting for {label}"):
                    worker.close()
        self.writer = self.indexer = None

    def abandon_twins(self) -> None:
        """The build failed: stop the forked processes and the PDF layout."""
        for worker in (self.writer, self.indexer, self.painter):
            if worker is not None:
                worker.abort()
        self.writer = self.indexer = self.painter = None
        if self.publication is not None:
            self.publication.abandon()

    def write_twin(self, html: str, url: str, dest_path: str) -> None:
        """The Traditional page converted from a rendered Simplified page."""
        converted = self.converter.page(html, url)
        target = self.site_dir / HANT_PREFIX / dest_path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(converted, "utf-8")

    def write_twins(self) -> None:
        """Write the queued Traditional pages."""
        queued, self.twins = self.twins or [], []
        for html, url, dest_path in queued:
            self.write_twin(html, url, dest_path)

    # -- after the last page -----------------------------------------------------------------------

    def finish(self) -> list[str]:
        """Everything written once per build after the pages (while the last Traditional pages are
        still being written); returns the completeness gaps."""
        self.mark("every page written")
        self.fill_downloads()
        self.write_print_page()
        if self.painter is not None:
            painter, self.painter = self.painter, None
            with timed("waiting for the share images"):
                painter.close()
        self.write_cards()
        if self.indexer is not None:
            self.indexer.call("write_search_index")
        else:
            with timed("search index"):
                self.write_search_index()
        with timed("sitemap"):
            seo.write_sitemaps(self.site_dir, self.site_url, HANT_PREFIX)
        self.twins_written()
        with timed("completeness check"):
            return self.completeness()

    def write_print_page(self) -> None:
        """The Traditional print book at `zh-Hant/print/` (the Simplified one is a generated file)."""
        if self.publication is not None and HANT in self.publication.print_html:
            target = self.site_dir / HANT_PREFIX / PRINT / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(self.publication.print_html[HANT], "utf-8")

    def completeness(self) -> list[str]:
        """One line per entry missing from either script's pages, search index, print book, PDF or exports."""
        assert self.publication is not None
        variants = {HANS: self.project.variant(HANS), HANT: self.hant}
        return completeness.missing(self.site_dir, self.project.corpus, variants, self.publication,
                                    self.settings.edition)
