"""The MkDocs adapter: events only. Every decision is made by the pure modules it calls.

One `mkdocs build` produces the whole site: the zh-Hans variant at the site root, then (in
`on_post_build`) a nested build of the zh-Hant variant into `zh-Hant/`, sharing the corpus that
was loaded and validated once. The build writes into a staging folder and replaces `site/` only
when everything succeeded, so a failed build leaves the previous site untouched.
"""
from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

from . import completeness, pinyin, sanitize, searchfix, seo
from .config import HandbookConfig
from .corpus import DIRS as CORPUS_DIRS
from .downloads import Publication, downloads_html, publish
from .linking import Linker, TermIndex
from .markdown_ext import HandbookExtension
from .pages import BACKLINKS_PLACEHOLDER, PageBuilder, backlinks_html
from .settings import SettingsError
from .site import THEME_LANGUAGE, VARIANT_NAMES, ContentError, Handbook, Staging, alternates, search_indexes
from .urls import HANT_PREFIX
from .variants import HANS, HANT, TableError, Variant

log = logging.getLogger("mkdocs.plugins.handbook")


@contextmanager
def _timed(phase: str) -> Iterator[None]:
    """`with _timed("phase"):` logs how long a phase took (DEBUG level: `mkdocs build -v`)."""
    start = time.perf_counter()
    yield
    log.debug(f"handbook: {phase} took {time.perf_counter() - start:.2f} s")


DOWNLOADS_MARKER = "<!-- handbook:downloads -->"
THEME_DIR = Path(__file__).parent / "theme"


class HandbookPlugin(BasePlugin[HandbookConfig]):
    """Adds the handbook's pages, linking and the Traditional variant to a Material site."""

    def __init__(self) -> None:
        self.command = "build"
        self.code = HANS
        self.shared: Handbook | None = None
        self.handbook: Handbook | None = None
        self.staging: Staging | None = None
        self.publication: Publication | None = None
        self.warnings = CountHandler()
        self.warnings.setLevel(logging.WARNING)

    # -- configuration ---------------------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    @event_priority(100)  # before the search plugin reads its jieba dictionary
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent
        try:
            settings = self.config.settings()
            with _timed("loading and checking the corpus"):
                self.handbook = self.shared or Handbook.load(root, settings)
            self.variant = self.handbook.variant(self.code)
        except (SettingsError, TableError, ContentError) as err:
            raise PluginError(str(err)) from None
        config.theme.dirs.insert(0 if not config.theme.custom_dir else 1, str(THEME_DIR))
        config.theme["language"] = THEME_LANGUAGE[self.code]
        config.extra_css.insert(0, "assets/stylesheets/handbook.css")
        config.extra["alternate"] = [{"name": VARIANT_NAMES[c], "lang": c, "link": "./"} for c in (HANS, HANT)]
        config.extra["hb_variant"] = self.code
        if os.environ.get("MIKE_DOCS_VERSION"):  # published with mike: an edition selector on every page
            if self.code == HANS:
                config.extra["version"] = {"provider": "mike", "default": "latest"}
            else:  # Material's selector assumes <version>/ is the site root; see hb-versions.js
                config.extra_javascript.append("assets/javascripts/hb-versions.js")
        if self.code == HANT:
            config.site_name = self.variant.convert(config.site_name)
            if config.site_url:
                config.site_url = config.site_url.rstrip("/") + "/" + HANT_PREFIX
            if config.site_description:
                config.site_description = self.variant.convert(config.site_description)
            if config.copyright:
                config.copyright = self.variant.convert(config.copyright)
        self.index = TermIndex(self.handbook.corpus, settings.edition, [self.variant])
        self.linker = Linker(self.index, settings.link_scope)
        self.extension = HandbookExtension(self.variant, self.linker)
        config.markdown_extensions.append(self.extension)  # type: ignore[arg-type]
        self._configure_search(config)
        if self.code == HANS and self.command == "build":
            self.staging = Staging(Path(config.site_dir))
            config.site_dir = str(self.staging.path)
        logging.getLogger("mkdocs").addHandler(self.warnings)
        return config

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        """`scripts/serve` rebuilds when an editor saves a term, a case or the conversion table."""
        root = Path(config.config_file_path).parent
        watched = [root / folder for folder in CORPUS_DIRS.values()] + [root / self.config.settings().conversion_table]
        for path in watched:
            if path.exists():
                server.watch(str(path))
        return server

    def _configure_search(self, config: MkDocsConfig) -> None:
        assert self.handbook is not None
        for name, plugin in config.plugins.items():
            if name.endswith("search") and hasattr(plugin.config, "jieba_dict_user") and self.code == HANS:
                plugin.config.jieba_dict_user = str(self.handbook.write_jieba_dict([self.handbook.variant(HANS)]))

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        assert self.handbook is not None
        if self.code == HANT:
            # The Traditional index is the Simplified one converted (site.search_indexes), so
            # Material's search plugin keeps its UI here but does not index every page again.
            for name, plugin in config.plugins.items():
                if name.endswith("search") and hasattr(plugin, "search_index"):
                    plugin.search_index = _NoSearchIndex()
        if self.code == HANS:  # once per build; the nested zh-Hant build receives it
            folder = self.handbook.root / ".cache" / "downloads" / self.handbook.settings.edition
            pdf = self.handbook.settings.pdf and self.command != "serve"
            with _timed("downloads and print edition"):
                self.publication = publish(self.handbook, folder, pdf=pdf)

    # -- pages -----------------------------------------------------------------------------

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.handbook is not None and self.publication is not None
        if self.code in self.publication.print_html:
            files.append(File.generated(config, "print/index.html", content=self.publication.print_html[self.code]))
        self._patch_search_worker(files, config)
        if self.code == HANS:
            for download in self.publication.downloads:
                files.append(File.generated(config, f"downloads/{download.name}", abs_src_path=str(download.path)))
        for file in files.documentation_pages():
            if file.generated_by is None:
                file.edit_uri = f"{Path(config.docs_dir).name}/{file.src_uri}"
        settings = self.handbook.settings
        builder = PageBuilder(self.handbook.corpus, self.variant, settings.edition, settings.editions, self.handbook.full)
        self.term_pages: dict[str, str] = {t.src_uri: t.id for t in self.handbook.corpus.terms.values()}
        self.files = files
        self.backlinks: dict[str, dict[str, str]] = {}
        with _timed(f"generating pages ({self.code})"):
            generated = builder.all_pages()
        for page in generated:
            if files.get_file_from_path(page.src_uri) is not None:
                raise PluginError(f"{config.docs_dir}/{page.src_uri}: 与自动生成的页面 {page.url} 冲突，请改名或删除")
            file = File.generated(config, page.src_uri, content=page.markdown)
            file.edit_uri = page.edit_uri
            files.append(file)
        return files

    def _patch_search_worker(self, files: Files, config: MkDocsConfig) -> None:
        """Serve Material's search worker with the Chinese query segmentation fix (searchfix.py)."""
        for file in list(files):
            if searchfix.WORKER.match(file.src_uri):
                patched = searchfix.patch_worker(file.content_string)
                if patched is None:
                    log.info(f"Material 搜索脚本 {file.src_uri} 的分词代码已变化，未打补丁")
                    return
                files.remove(file)
                files.append(File.generated(config, file.src_uri, content=patched))

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        if self.variant.converts:
            for item in _walk(nav.items):
                if item.title:
                    item.title = self.variant.convert(item.title)
        return nav

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        self.linker.begin_page(page.url, self.term_pages.get(page.file.src_uri), page.file.src_uri)
        if DOWNLOADS_MARKER in markdown:
            assert self.handbook is not None
            block = downloads_html(self.publication, self.variant, self.handbook.settings.edition, page.url)
            markdown = markdown.replace(DOWNLOADS_MARKER, block)
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        state = self.linker.page
        if state.unresolved:
            raise PluginError(_unresolved_message(page, state.unresolved))
        for term_id in sorted(state.linked):
            self.backlinks.setdefault(term_id, {})[page.url] = page.title or page.url
        sanitize.escape_titles(page.meta, page)  # Material prints titles and descriptions unescaped
        return sanitize.clean(html)

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        for file in files.documentation_pages():
            term_id = self.term_pages.get(file.src_uri)
            if term_id and file.page is not None and file.page.content:
                html = backlinks_html(self.backlinks.get(term_id, {}), file.page.url, self.variant)
                file.page.content = file.page.content.replace(BACKLINKS_PLACEHOLDER, html, 1)
        return env

    def on_page_context(self, context: dict[str, Any], *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> dict[str, Any]:
        assert self.handbook is not None
        context["hb_alternates"] = alternates(page.url, self.code)
        term_id = self.term_pages.get(page.file.src_uri)
        if term_id:
            term = self.handbook.corpus.terms[term_id]
            context["hb_jsonld"] = seo.defined_term(term, self.variant, config.site_url or "", config.site_name)
            page.previous_page, page.next_page = self._neighbours(term_id)
        return context

    def _neighbours(self, term_id: str) -> tuple[Page | None, Page | None]:
        """The terms before and after this one in the A–Z index (pinyin order)."""
        assert self.handbook is not None
        if not hasattr(self, "_order"):
            terms = sorted(self.handbook.corpus.terms.values(), key=lambda t: pinyin.sort_key(t.title, t.pinyin))
            self._order = [t.id for t in terms]
            self._position = {ident: n for n, ident in enumerate(self._order)}
        n = self._position[term_id]

        def page_of(i: int) -> Page | None:
            if not 0 <= i < len(self._order):
                return None
            file = self.files.get_file_from_path(self.handbook.corpus.terms[self._order[i]].src_uri)
            return file.page if file is not None else None

        return page_of(n - 1), page_of(n + 1)

    # -- the other variant, then the swap --------------------------------------------------

    @event_priority(-100)  # after every other plugin wrote its files (search index, sitemap)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.code != HANS:
            return
        with _timed("zh-Hant build"):
            self._build_variant(config, HANT)
        assert self.handbook is not None and self.publication is not None
        site_dir = Path(config.site_dir)
        index = site_dir / "search" / "search_index.json"
        with _timed("converting the search index"):
            if index.exists():
                simplified, converted = search_indexes(index.read_text("utf-8"), self.handbook.variant(HANT))
                index.write_text(simplified, "utf-8")
                (site_dir / HANT_PREFIX / "search").mkdir(parents=True, exist_ok=True)
                (site_dir / HANT_PREFIX / "search" / "search_index.json").write_text(converted, "utf-8")
        with _timed("sitemap"):
            seo.merge_sitemaps(site_dir, config.site_url or "")
        with _timed("completeness check"):
            gaps = completeness.missing(site_dir, self.handbook.corpus, {c: self.handbook.variant(c) for c in (HANS, HANT)},
                                    self.publication, self.handbook.settings.edition)
        if gaps:
            raise PluginError("构建不完整，网站未更新：\n" + "\n".join(gaps))
        if self.staging is not None:
            if config.strict and self.warnings.get_counts():
                self.staging.abandon()
                raise PluginError("严格模式下出现警告，网站未更新（见上方警告）")
            with _timed("replacing the site"):
                self.staging.commit()
            log.info(f"网站已生成：{self.staging.site_dir}")

    def _build_variant(self, config: MkDocsConfig, code: str) -> None:
        inner = load_config(config_file=config.config_file_path, strict=config.strict,
                            site_dir=str(Path(config.site_dir) / HANT_PREFIX.rstrip("/")))
        plugin = next(p for p in inner.plugins.values() if isinstance(p, HandbookPlugin))
        # MkDocs keeps one instance of a plugin that has `on_startup` for every config it loads
        # (so `mkdocs serve` can rebuild): the inner build may run on this very object. Its state
        # is put back afterwards, or the next rebuild would start as the zh-Hant variant.
        outer_state = dict(vars(plugin))
        try:
            inner.plugins.on_startup(command=self.command, dirty=False)
            plugin.code, plugin.shared, plugin.publication = code, self.handbook, self.publication
            log.info(f"生成 {code} 版本")
            mkdocs_build(inner)
        finally:
            vars(plugin).clear()
            vars(plugin).update(outer_state)

    def on_build_error(self, *, error: Exception) -> None:
        if self.staging is not None:
            self.staging.abandon()

    def on_shutdown(self) -> None:
        logging.getLogger("mkdocs").removeHandler(self.warnings)


class _NoSearchIndex:
    """Stands in for Material's search index in the zh-Hant build (its index is written afterwards)."""

    def add_entry_from_context(self, page: Page) -> None:
        return None

    def generate_search_index(self, prev: object) -> str:
        return "{}"


def _unresolved_message(page: Page, refs: list[str]) -> str:
    """`path:line: …` for explicit references in a hand-written page that name no term."""
    source = page.file.abs_src_path or page.file.src_uri
    lines = (page.markdown or "").split("\n")
    out = []
    for ref in refs:
        line = next((n for n, text in enumerate(lines, start=1) if ref in text), 1)
        out.append(f"{source}:{line}: error explicit-link 术语链接 {ref} 指向不存在的术语")
    return "\n".join(out)


def _walk(items: list[Any]) -> list[Any]:
    out = []
    for item in items:
        out.append(item)
        if isinstance(item, Section):
            out.extend(_walk(item.children))
    return out
