"""`scripts/serve`: answer a save by rebuilding only the pages it affects.

MkDocs' own reload rebuilds the whole site, and its `--dirty` mode only skips unchanged *source
files*; this site's pages are generated from `terms/` and `cases/`, so neither helps. After every
successful full build the plugin hands its `SiteBuild` (which, in `serve`, remembers every rendered
page: see `RenderedPage`) and MkDocs' files, navigation and template environment to a `Preview`.
When an editor saves an entry, `Preview.rebuild`:

1. finds which files changed since the last good build (content hashes); anything other than an
   edited entry (a new or deleted file, `docs/`, `mkdocs.yml`, the conversion table, the theme)
   makes a full build, as before;
2. loads and checks the project as a full build does; a broken file is reported with file and
   line, nothing is written, and the next save is again compared with the last good build;
3. renders again only the pages whose output can differ: the edited entries' pages; generated pages
   whose Markdown changed (lists, indexes, related entries, cases); pages whose text holds a name
   that now links elsewhere, or that link an entry whose title or summary changed; pages whose search
   segmentation changes with jieba's dictionary; then the term pages whose 被引用于 list or
   previous/next term changed. The edited entry's page is written first, in Simplified, then its
   Traditional twin; then the other pages, the print pages, downloads and both search indexes.

Correctness is checked by `tests/test_preview.py`: after a sequence of edits the preview's site is
byte-identical to a clean build of the same sources. Any unexpected failure falls back to a full build.
"""
from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.nav import Navigation

from handbook.adapter.sitebuild import ContentError, RenderedPage, SiteBuild, checked_project
from handbook.core.corpus import DIRS as CORPUS_DIRS
from handbook.core.termindex import EXPLICIT, normalise_ref, spaced_pattern
from handbook.core.urls import DOWNLOADS
from handbook.core.variants import HANS
from handbook.outputs.pages import GeneratedPage

if TYPE_CHECKING:
    from handbook.adapter.plugin import HandbookPlugin

log = logging.getLogger("mkdocs.plugins.handbook")


Fingerprint = dict[str, tuple[int, int, str]]
"""Path → (modification time, size, content hash) of every file a preview depends on."""


def fingerprint(root: Path, config: MkDocsConfig, table: str, previous: Fingerprint | None = None) -> Fingerprint:
    """Entries, hand-written pages, configuration, the theme's custom folder and other watched
    paths; a file whose time and size did not change keeps its previous hash, so a save costs one
    `stat` per file and one read."""
    paths = [(Path(config.config_file_path).resolve(), Path(config.config_file_path)), ((root / table).resolve(), root / table)]
    folders = [*(root / d for d in CORPUS_DIRS.values()), Path(config.docs_dir), *(Path(w) for w in config.watch)]
    if config.theme.custom_dir:
        folders.append(Path(config.theme.custom_dir))
    for folder in folders:
        if folder.is_file():
            paths.append((folder.resolve(), folder))
        elif folder.is_dir():
            base = folder.resolve()  # once per folder, not per file
            paths += [(base / p.relative_to(folder), p) for p in folder.rglob("*") if p.is_file()]
    out: Fingerprint = {}
    for resolved, path in paths:
        key = str(resolved)
        try:
            stat = path.stat()
            seen = (previous or {}).get(key)
            if seen is not None and seen[:2] == (stat.st_mtime_ns, stat.st_size):
                out[key] = seen
            else:
                out[key] = (stat.st_mtime_ns, stat.st_size, hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest())
        except OSError:
            continue
    return out


@dataclass
class LastBuild:
    """The last good build: its state and MkDocs' objects, and the sources it was built from."""

    site: SiteBuild
    config: MkDocsConfig
    nav: Navigation
    env: Any
    sources: Fingerprint


class Preview:
    """Rebuilds only what a save affects (see the module docstring); owned by the plugin in `serve`."""

    def __init__(self, plugin: HandbookPlugin) -> None:
        self.plugin = plugin
        self.last: LastBuild | None = None
        self.full_build: Callable[[], None] | None = None
        self.server: Any = None
        self.timings: list[tuple[str, float]] = []
        """(what, seconds) of the last rebuild's phases, for `scripts/bench serve`."""

    # -- wiring --------------------------------------------------------------------------------

    def attach(self, server: Any, builder: Callable[[], None]) -> None:
        """Answer the server's rebuilds; MkDocs' builder stays the full build."""
        self.full_build = builder
        self.server = server
        server.builder = self.rebuild

    def adopt(self, site: SiteBuild, config: MkDocsConfig, nav: Navigation | None, env: Any) -> None:
        """Remember a full build that succeeded."""
        if site.pages is None or nav is None or env is None or site.files is None:
            self.last = None
            return
        root = site.project.root
        self.last = LastBuild(site, config, nav, env, fingerprint(root, config, site.settings.conversion_table))

    def forget(self) -> None:
        """A build failed: the next save rebuilds everything."""
        self.last = None

    # -- one save ------------------------------------------------------------------------------

    def rebuild(self) -> None:
        """What the server calls on every change."""
        start = time.perf_counter()
        self.timings = []
        last = self.last
        if last is None:
            return self._full("no previous build")
        root = last.site.project.root
        sources = fingerprint(root, last.config, last.site.settings.conversion_table, last.sources)
        changed = {p for p in sources.keys() | last.sources.keys()
                   if (sources[p][2] if p in sources else None) != (last.sources[p][2] if p in last.sources else None)}
        entries = {str((root / d).resolve()) for d in CORPUS_DIRS.values()}
        if not changed:
            log.info("预览：文件内容没有变化")
            last.sources = sources
            return
        if any(p not in sources or p not in last.sources or str(Path(p).parent) not in entries for p in changed):
            return self._full("files added, removed or outside terms/ and cases/")
        base = root.resolve()
        paths = {Path(p).relative_to(base).as_posix() for p in changed}
        try:
            project = checked_project(root, last.site.settings, paths)
        except ContentError as err:
            log.error(str(err))
            raise Abort("Aborted with a BuildError!") from None
        try:
            done = self._patch(last, project, paths, sources)
        except Exception as err:
            log.warning(f"预览：局部更新失败（{type(err).__name__}: {err}），改为完整构建")
            self.last = None
            return self._full("the partial rebuild failed")
        if not done:
            return self._full("the pages changed")
        log.info(f"预览已更新（{time.perf_counter() - start:.2f} 秒）")

    def _full(self, why: str) -> None:
        log.debug(f"preview: full build ({why})")
        self.last = None
        assert self.full_build is not None
        self.full_build()

    def _mark(self, what: str, since: float) -> float:
        now = time.perf_counter()
        self.timings.append((what, now - since))
        return now

    def _patch(self, last: LastBuild, project: Any, changed: set[str], sources: Fingerprint) -> bool:
        """Rebuild the pages the edited entries (`changed`: paths relative to the project) affect;
        False when the set of pages changed (a full build is due)."""
        t = time.perf_counter()
        config, old, files = last.config, last.site, last.site.files
        assert old.pages is not None
        site = SiteBuild(project, old.site_dir, old.site_url, old.command, None, previous=old,
                         site_name=old.site_name, site_description=old.site_description, site_author=old.site_author)
        site.pages = dict(old.pages)
        site.files = files
        before = {f.src_uri: f for f in files.documentation_pages()}
        edited = {e.src_uri for e in project.full.entries() if e.path in changed}
        was = {src for src, f in before.items() if f.generated_by is not None}
        builder = site.page_builder()
        entries = {e.src_uri for e in project.corpus.entries()}
        if entries != {e.src_uri for e in old.project.corpus.entries()} or \
                {t.category for t in project.corpus.terms.values()} != {t.category for t in old.project.corpus.terms.values()}:
            return False  # an entry left or joined this edition, a category was emptied or filled
        generated = {src: GeneratedPage(src, before[src].page.url, before[src].content_string) for src in was}
        generated.update((p.src_uri, p) for p in builder.affected_entry_pages(edited, old.project.corpus))
        first = [src for src in before if src in edited]
        t = self._mark("load, check, generate", t)

        self.plugin.site = site
        extensions: list[Any] = config.markdown_extensions
        extensions[extensions.index(old.extension)] = site.extension  # pages link with the new index
        site.twins = []
        doc_files = files.documentation_pages()
        built: set[str] = set()

        def render(srcs: Iterable[str]) -> None:
            for src in srcs:
                file = before[src]
                if src in generated:
                    file.content_string = generated[src].markdown
                _populate_page(file.page, config, files)

        def build(srcs: Iterable[str], show: bool = False) -> None:
            for src in srcs:
                page = before[src].page
                record = site.pages[src]  # type: ignore[index]
                page.content = site.with_backlinks(src, page.url, record.content)
                _build_page(page, config, doc_files, last.nav, last.env)
                if show:
                    self._show()
                site.write_twins()
                built.add(src)

        # The edited entries first, Simplified then Traditional; then everything else.
        site.relink()
        render(first)
        site.relink()
        build(first, show=True)
        t = self._mark("edited page", t)
        for listing in builder.listing_pages():
            if listing.src_uri not in was or before[listing.src_uri].page.url != listing.url:
                raise RuntimeError(f"the listing page {listing.src_uri} is new")  # cannot happen: checked above
            generated[listing.src_uri] = listing
        dirty = self._affected(old, site, generated, before)
        rest = [src for src in before if src in dirty and src not in edited]
        dirty |= edited
        log.debug(f"preview: {len(dirty)} pages to render again: {sorted(dirty)[:20]}")
        site.publish(pdf=False)
        render(rest)
        site.relink()
        pages = site.pages
        # pages whose template shows other pages that changed (被引用于, previous and next term)
        dirty |= {src for src in before if site.template_inputs(src) != pages[src].context}
        build([src for src in before if src in dirty and (src not in built or site.template_inputs(src) != pages[src].context)])
        for src in before:
            if src in dirty:
                before[src].page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
        t = self._mark(f"{len(built)} pages", t)

        self._publication(site, files)
        site.write_cards()
        site.write_search_index()
        self._mark("publication, search", t)
        self.last = LastBuild(site, config, last.nav, last.env, sources)
        self._show(again=True)
        return True

    def _show(self, *, again: bool = False) -> None:
        """Let the server answer requests now (it holds them while a rebuild runs) and reload the
        browsers: after the edited page, and `again` once everything else is written.

        Uses MkDocs' LiveReloadServer's epochs (MkDocs 1.6); without them the server reloads once, at the end."""
        server = self.server
        if server is None or not hasattr(server, "_epoch_cond") or not hasattr(server, "_wanted_epoch"):
            return
        if again:  # a new version of the site: the server's own reload after this rebuild shows it
            server._wanted_epoch = max(server._wanted_epoch + 1, round(time.monotonic() * 1000))
            return
        with server._epoch_cond:
            server._visible_epoch = server._wanted_epoch
            server._epoch_cond.notify_all()

    @staticmethod
    def _affected(old: SiteBuild, site: SiteBuild, generated: dict[str, Any], before: dict[str, Any]) -> set[str]:
        """Pages whose rendered body can differ from the last build (before backlinks and neighbours):
        generated pages whose Markdown changed, pages listing the downloads, pages that link an entry
        whose link changed, pages whose text holds a name that links differently now or an explicit
        reference that resolves differently (readers' search keys depend on each page's own text only)."""
        assert old.pages is not None
        forms, refs, ids = old.index.changes(site.index)
        names = spaced_pattern(forms)

        def affected(src: str, file: Any) -> bool:
            record: RenderedPage = old.pages[src]  # type: ignore[index]
            text = generated[src].markdown if src in generated else record.markdown
            if (src in generated and text != file.content_string) or record.downloads or ids & record.targets:
                return True
            if names is not None and names.search(text):
                return True
            return bool(refs and "[[" in text and {normalise_ref(m.group(2)) for m in EXPLICIT.finditer(text)} & refs)

        return {src for src, file in before.items() if affected(src, file)}

    @staticmethod
    def _publication(site: SiteBuild, files: Any) -> None:
        """The print pages of both scripts and the downloads, as a full build writes them."""
        assert site.publication is not None
        if HANS in site.publication.print_html:
            file = files.get_file_from_path("print/index.html")
            if file is not None:
                file.content_string = site.publication.print_html[HANS]
                file.copy_file()
        site.publication.copy_to(site.site_dir / DOWNLOADS)
        site.write_print_page()
