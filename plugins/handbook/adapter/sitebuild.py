"""One build of the site: the state MkDocs events share, created per build and never reused.

MkDocs keeps one plugin object across `mkdocs serve` rebuilds; everything a build computes lives
here instead, in an object the plugin creates in `on_config` and drops in `on_shutdown` or when the
next build starts. The plugin's event methods only call into it.

Flow of one build (see ARCHITECTURE.md): the project is loaded and checked once; MkDocs renders every
page once, in Simplified, with protected spans still marked; each rendered page is written as it is
(markers stripped) and, converted by `outputs.htmlconvert`, as the Traditional page under `zh-Hant/`.
After the last page: the print page of the Traditional book, both search indexes, one sitemap for both
scripts, the completeness check, then the staging folder replaces `site/`.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from handbook.adapter import material
from handbook.adapter.staging import Staging
from handbook.core import pinyin
from handbook.core.problems import Problem
from handbook.core.project import Project
from handbook.core.settings import Settings
from handbook.core.termindex import TermIndex
from handbook.core.urls import HANT_PREFIX, PRINT, relative_url
from handbook.core.variants import HANS, HANT, Variant, strip_sentinels
from handbook.lint.context import Context
from handbook.lint.registry import rule_docs
from handbook.lint.runner import build_rules, errors, run
from handbook.markdown.extension import HandbookExtension
from handbook.markdown.linking import Linker, PageState
from handbook.outputs import completeness, seo
from handbook.outputs.downloads import Publication, publish
from handbook.outputs.htmlconvert import PageConverter
from handbook.outputs.pages import GeneratedPage, PageBuilder, backlinks_html

log = logging.getLogger("mkdocs.plugins.handbook")

VARIANT_NAMES = {HANS: "简体中文", HANT: "繁體中文"}
SEARCH_INDEX = "search/search_index.json"


class ContentError(Exception):
    """The content has errors; `problems` lists them all, each with file and line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = "\n".join(p.format() for p in problems)
        super().__init__(f"内容有 {len(problems)} 个错误，网站未生成：\n{lines}")


def checked_project(root: Path, settings: Settings) -> Project:
    """The project, loaded and checked; raises ContentError listing every build-blocking problem."""
    project = Project.load(root, settings)
    blocking = errors(run(Context(project.full, settings, root), rules=build_rules()))
    if blocking:
        raise ContentError(blocking)
    return project


@contextmanager
def timed(phase: str) -> Iterator[None]:
    """`with timed("phase"):` logs how long a phase took (DEBUG level: `mkdocs build -v`)."""
    start = time.perf_counter()
    yield
    log.debug(f"handbook: {phase} took {time.perf_counter() - start:.2f} s")


def alternates(page_url: str) -> list[dict[str, Any]]:
    """The language switch of a Simplified page: links to the page in each script, relative to it
    (the Traditional page gets its own when it is converted, see `PageConverter.relative`)."""
    return [{"lang": HANS, "name": VARIANT_NAMES[HANS], "href": "./" if page_url else "./", "current": True},
            {"lang": HANT, "name": VARIANT_NAMES[HANT], "href": relative_url(HANT_PREFIX + page_url, page_url),
             "current": False}]


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

    def __post_init__(self) -> None:
        settings = self.project.settings
        self.hans = Variant(HANS, settings.opencc, keep_markup=True)
        """The rendering script: Simplified, protected spans kept for the conversion."""
        self.hant = self.project.variant(HANT)
        self.index = TermIndex(self.project.corpus, settings.edition, [self.hans])
        self.linker = Linker(self.index, settings.link_scope)
        self.extension = HandbookExtension(self.hans, self.linker)
        self.converter = PageConverter(self.hant, self.site_url, HANT_PREFIX, own_files=("search/",),
                                       json_hooks={"__config": material.convert_config})
        self.term_pages = {t.src_uri: t.id for t in self.project.corpus.terms.values()}
        order = sorted(self.project.corpus.terms.values(), key=lambda t: pinyin.sort_key(t.title, t.pinyin))
        self.order = [t.id for t in order]
        self.position = {ident: n for n, ident in enumerate(self.order)}

    @property
    def settings(self) -> Settings:
        return self.project.settings

    # -- before the pages ------------------------------------------------------------------------

    def publish(self, *, pdf: bool) -> Publication:
        """Downloads (PDFs, exports) and the print pages of both scripts, once per build."""
        folder = self.project.root / ".cache" / "downloads" / self.settings.edition
        with timed("downloads and print edition"):
            self.publication = publish(self.project, folder, pdf=pdf, site_url=self.site_url)
        return self.publication

    def generated_pages(self) -> list[GeneratedPage]:
        """The Markdown of every page the handbook adds (terms, cases, indexes, changelog, rules)."""
        builder = PageBuilder(self.project.corpus, self.hans, self.settings.edition, self.settings.editions,
                              self.project.full, rule_docs())
        with timed("generating pages"):
            return builder.all_pages()

    # -- per page --------------------------------------------------------------------------------

    def begin_page(self, url: str, src_uri: str) -> PageState:
        """Tell the linker which page renders next (its own term is never linked)."""
        return self.linker.begin_page(url, self.term_pages.get(src_uri), src_uri)

    def page_linked(self, url: str, title: str) -> None:
        """Record the terms the page just rendered links to (for their 被引用于 lists)."""
        for term_id in sorted(self.linker.page.linked):
            self.backlinks.setdefault(term_id, {})[url] = title

    def backlinks_of(self, src_uri: str, page_url: str) -> str | None:
        """The 被引用于 list of a term page, or None for other pages."""
        term_id = self.term_pages.get(src_uri)
        if term_id is None:
            return None
        return backlinks_html(self.backlinks.get(term_id, {}), page_url, self.hans)

    def neighbours(self, term_id: str) -> tuple[str | None, str | None]:
        """Source paths of the terms before and after one in the A–Z index (pinyin order)."""
        n = self.position[term_id]
        before = self.order[n - 1] if n > 0 else None
        after = self.order[n + 1] if n + 1 < len(self.order) else None
        terms = self.project.corpus.terms
        return (terms[before].src_uri if before else None, terms[after].src_uri if after else None)

    def json_ld(self, src_uri: str, site_name: str) -> str | None:
        """schema.org JSON-LD of a term page (Simplified, converted with the page)."""
        term_id = self.term_pages.get(src_uri)
        if term_id is None:
            return None
        return seo.defined_term(self.project.corpus.terms[term_id], self.hans, self.site_url, site_name)

    def finish_page(self, html: str, url: str, dest_path: str) -> str:
        """Write the Traditional page converted from a rendered page; the Simplified page's HTML."""
        converted = self.converter.page(html, url)
        target = self.site_dir / HANT_PREFIX / dest_path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(converted, "utf-8")
        return strip_sentinels(html)

    # -- after the last page -----------------------------------------------------------------------

    def finish(self) -> list[str]:
        """Everything written once per build after the pages; returns the completeness gaps."""
        self.write_print_page()
        with timed("search indexes"):
            material.write_search_indexes(self.site_dir, SEARCH_INDEX, HANT_PREFIX, self.hant)
        with timed("sitemap"):
            seo.write_sitemaps(self.site_dir, self.site_url, HANT_PREFIX)
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
