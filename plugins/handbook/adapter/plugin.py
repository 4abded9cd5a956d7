"""The MkDocs adapter: events only. Each event hands its work to the build's `SiteBuild` or to a pure module.

One `mkdocs build` produces the whole site: every page is rendered once, in Simplified; as each page
is written, its Traditional twin is written under `zh-Hant/` (see `sitebuild.py`). The build writes
into a staging folder and replaces `site/` only when everything succeeded, so a failed build leaves
the previous site untouched.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler
from mkdocs.utils.templates import TemplateContext

from handbook.adapter import material
from handbook.adapter.config import HandbookConfig
from handbook.adapter.preview import Preview
from handbook.adapter.sitebuild import VARIANT_NAMES, ContentError, SiteBuild, alternates, checked_project, timed
from handbook.adapter.staging import Staging
from handbook.core.corpus import DIRS as CORPUS_DIRS
from handbook.core.settings import SettingsError
from handbook.core.variants import HANS, HANT, TableError, strip_sentinels
from handbook.markdown import sanitize

log = logging.getLogger("mkdocs.plugins.handbook")

DOWNLOADS_MARKER = "<!-- handbook:downloads -->"
THEME_DIR = Path(__file__).parent / "theme"


class HandbookPlugin(BasePlugin[HandbookConfig]):
    """Adds the handbook's pages, linking and the Traditional site to a Material site."""

    def __init__(self) -> None:
        self.command = "build"
        self.site: SiteBuild | None = None
        """The current build's state; a new one for every build (`mkdocs serve` reuses this object)."""
        self.warnings = CountHandler()
        self.warnings.setLevel(logging.WARNING)
        self.preview: Preview | None = None
        """`scripts/serve`'s memory of the last good build, to rebuild only what a save affects."""
        self._nav: Navigation | None = None
        self._env: Any = None

    def _site(self) -> SiteBuild:
        if self.site is None:
            raise PluginError("handbook: the build has no state (on_config did not run)")
        return self.site

    # -- configuration -------------------------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        if command == "serve" and not dirty:
            self.preview = Preview(self)

    @event_priority(100)  # before other plugins see the configuration
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent
        self.site = None
        try:
            settings = self.config.settings()
            with timed("loading and checking the corpus"):
                project = checked_project(root, settings)
            staging = Staging(Path(config.site_dir)) if self.command == "build" else None
            site_dir = staging.path if staging else Path(config.site_dir)
            self.site = SiteBuild(project, site_dir, config.site_url or "", self.command, staging,
                                  site_name=config.site_name, site_description=config.site_description or "",
                                  site_author=config.site_author or config.site_name)
            if self.preview is not None:
                self.site.pages = {}
        except (SettingsError, TableError, ContentError) as err:
            raise PluginError(str(err)) from None
        if staging is not None:
            config.site_dir = str(staging.path)
        config.theme.dirs.insert(0 if not config.theme.custom_dir else 1, str(THEME_DIR))
        config.theme["language"] = HANS
        config.extra_css.insert(0, "assets/stylesheets/handbook.css")
        config.extra_javascript.append("assets/javascripts/hb-reader.js")  # tap tooltips, letter bar
        config.extra["alternate"] = [{"name": VARIANT_NAMES[c], "lang": c, "link": "./"} for c in (HANS, HANT)]
        if os.environ.get("MIKE_DOCS_VERSION"):  # published with mike: an edition selector on every page
            config.extra["version"] = {"provider": "mike", "default": "latest"}
            config.extra_javascript.append("assets/javascripts/hb-versions.js")  # the Traditional site's selector
        config.markdown_extensions.append(self.site.extension)  # type: ignore[arg-type]
        if "material/search" in config.plugins or "search" in config.plugins:
            log.info("手册自带搜索（search/manifest.json）；Material 的 search 插件多余，可从 mkdocs.yml 删除")
        config.extra_javascript.append("assets/javascripts/hb-search.js")
        logging.getLogger("mkdocs").addHandler(self.warnings)
        return config

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        """`scripts/serve` rebuilds when an editor saves a term, a case or the conversion table."""
        root = Path(config.config_file_path).parent
        watched = [root / folder for folder in CORPUS_DIRS.values()] + [root / self.config.settings().conversion_table]
        for path in watched:
            if path.exists():
                server.watch(str(path))
        if self.preview is not None:
            self.preview.attach(server, builder)
        return server

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        site = self._site()
        site.publish(pdf=site.settings.pdf and self.command != "serve")

    # -- pages ---------------------------------------------------------------------------------

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        site = self._site()
        assert site.publication is not None
        if HANS in site.publication.print_html:
            files.append(File.generated(config, "print/index.html", content=site.publication.print_html[HANS]))
        material.patch_material_bundle(files, config)
        for file in files.documentation_pages():
            if file.generated_by is None:
                file.edit_uri = f"{Path(config.docs_dir).name}/{file.src_uri}"
        for page in site.generated_pages():
            if files.get_file_from_path(page.src_uri) is not None:
                raise PluginError(f"{config.docs_dir}/{page.src_uri}: 与自动生成的页面 {page.url} 冲突，请改名或删除")
            file = File.generated(config, page.src_uri, content=page.markdown)
            file.edit_uri = page.edit_uri
            files.append(file)
        site.files = files
        return files

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        self._nav = nav
        return nav

    def on_pre_page(self, page: Page, /, *, config: MkDocsConfig, files: Files) -> Page:
        """In `serve`, a page rendered again starts from the title it was given (by the nav, or
        none), not the one escaped last time."""
        if self.preview is not None:
            given = vars(page)
            if "hb_given_title" not in given:
                page.hb_given_title = given.get("title")  # type: ignore[attr-defined]
            elif page.hb_given_title is None:  # type: ignore[attr-defined]
                given.pop("title", None)
            else:
                page.title = page.hb_given_title  # type: ignore[attr-defined]
        return page

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        site = self._site()
        site.begin_page(page.url, page.file.src_uri)
        site.page_downloads = DOWNLOADS_MARKER in markdown
        if site.page_downloads:
            markdown = markdown.replace(DOWNLOADS_MARKER, site.downloads_block(page.url))
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        site = self._site()
        if site.linker.page.unresolved:
            raise PluginError(_unresolved_message(page, site.linker.page.unresolved))
        title = page.title or page.url
        sanitize.escape_titles(page.meta, page)  # Material prints titles and descriptions unescaped
        html = sanitize.clean(html)
        site.add_search_page(page.url, page.file.src_uri, page.title or "", html, page.meta)
        site.page_linked(page.url, title, page.file.src_uri, page.markdown or "", html)
        return html

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        site = self._site()
        site.mark("every page's Markdown rendered")
        for file in files.documentation_pages():
            if file.page is not None and file.page.content:
                file.page.content = site.with_backlinks(file.src_uri, file.page.url, file.page.content)
        self._env = env
        return env

    @event_priority(-50)  # after Material's search plugin indexed the page
    def on_page_context(self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext:
        site = self._site()
        context["hb_alternates"] = alternates(page.url, site.site_url)  # type: ignore[typeddict-unknown-key]
        context["hb_share"] = site.share(page.file.src_uri, page.url)  # type: ignore[typeddict-unknown-key]
        context["hb_jsonld"] = site.json_ld(page.file.src_uri, config.site_name)  # type: ignore[typeddict-unknown-key]
        term_id = site.term_pages.get(page.file.src_uri)
        if term_id:
            before, after = site.neighbours(term_id)
            page.previous_page, page.next_page = _page(before, site.files), _page(after, site.files)
        if site.pages is not None and page.file.src_uri in site.pages:
            record = site.pages[page.file.src_uri]
            record.context = site.template_inputs(page.file.src_uri)
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Write the Traditional twin of the page; the Simplified page loses its markers."""
        return self._site().finish_page(output, page.url, page.file.dest_uri)

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        """The 404 page has a Traditional twin too."""
        if template_name.endswith(".html"):
            return self._site().finish_page(output_content, "", template_name)
        return strip_sentinels(output_content)

    # -- after the last page -------------------------------------------------------------------

    @event_priority(-100)  # after every other plugin wrote its files (search index, sitemap)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        site = self._site()
        try:
            gaps = site.finish()
        except RuntimeError as err:
            raise PluginError(str(err)) from None
        if gaps:
            raise PluginError("构建不完整，网站未更新：\n" + "\n".join(gaps))
        if site.staging is not None:
            if config.strict and self.warnings.get_counts():
                site.staging.abandon()
                raise PluginError("严格模式下出现警告，网站未更新（见上方警告）")
            with timed("replacing the site"):
                site.staging.commit()
            log.info(f"网站已生成：{site.staging.site_dir}")
        if self.preview is not None:
            self.preview.adopt(site, config, self._nav, self._env)

    def on_build_error(self, *, error: Exception) -> None:
        if self.site is not None:
            self.site.abandon_twins()
        if self.site is not None and self.site.staging is not None:
            self.site.staging.abandon()
        if self.preview is not None:
            self.preview.forget()

    def on_shutdown(self) -> None:
        logging.getLogger("mkdocs").removeHandler(self.warnings)
        self.site = None


def _page(src_uri: str | None, files: Files | None) -> Page | None:
    """The page object of a source path (for prev/next links), if it is part of this build."""
    if src_uri is None or files is None:
        return None
    file = files.get_file_from_path(src_uri)
    return file.page if file is not None else None


def _unresolved_message(page: Page, refs: list[str]) -> str:
    """`path:line: …` for explicit references in a hand-written page that name no term."""
    source = page.file.abs_src_path or page.file.src_uri
    lines = (page.markdown or "").split("\n")
    out = []
    for ref in refs:
        line = next((n for n, text in enumerate(lines, start=1) if ref in text), 1)
        out.append(f"{source}:{line}: error explicit-link 术语链接 {ref} 指向不存在的术语")
    return "\n".join(out)
