"""Everything subscribers download, made once per build: the PDFs, EPUBs and print pages of both
scripts, and the JSON/CSV/TBX exports; plus the list the home page shows (with size and page count)."""
from __future__ import annotations

import shutil
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from handbook.core.project import Project
from handbook.core.urls import DOWNLOADS, PRINT, relative_url
from handbook.core.variants import HANS, HANT, Variant
from handbook.outputs.epub import epub_name, write_epub
from handbook.outputs.exports import Exporter, file_names, schema_text
from handbook.outputs.printing import SCRIPT_NAMES, BookInfo, PrintBook, build_date, pdf_name
from handbook.outputs.typeset import PdfResult, render_pdf


@dataclass(frozen=True)
class Download:
    """One file in `downloads/` (for a PDF: its script, page count and bookmark labels)."""

    name: str
    label: str
    path: Path
    pages: int | None = None
    code: str | None = None
    bookmarks: tuple[str, ...] = ()

    @property
    def size(self) -> int:
        return self.path.stat().st_size


@dataclass
class Publication:
    """The downloads of one build and the print page HTML of each script. The PDFs may still be
    being set (`pending`) while the site's pages render: `wait()` adds them to `downloads`."""

    folder: Path
    downloads: list[Download] = field(default_factory=list)
    print_html: dict[str, str] = field(default_factory=dict)
    jobs: list[tuple[int, str, Future[PdfResult]]] = field(default_factory=list)
    """PDFs being set: (their place in `downloads`, script, the layout job)."""
    pool: ThreadPoolExecutor | None = None

    @property
    def pending(self) -> bool:
        """True while PDFs are still being set."""
        return bool(self.jobs)

    def wait(self) -> Publication:
        """Wait for the PDFs and put each in its place (before its script's EPUB); raises the
        typesetter's error if one failed."""
        jobs, self.jobs = self.jobs, []
        try:
            for position, code, job in reversed(jobs):
                out = job.result()
                self.downloads.insert(position, Download(out.path.name, f"PDF {SCRIPT_NAMES[code]}", out.path, out.pages, code,
                                                         out.bookmarks))
        finally:
            self.abandon()
        return self

    def abandon(self) -> None:
        """Stop waiting: queued layouts are cancelled, a running one finishes in its thread."""
        for _, _, job in self.jobs:
            job.cancel()
        self.jobs = []
        if self.pool is not None:
            self.pool.shutdown(wait=True)
            self.pool = None

    def copy_to(self, folder: Path) -> None:
        """Copy every download into a site's `downloads/` folder (copies, not links: the next build
        rewrites the files in `folder` while this site may still be served)."""
        folder.mkdir(parents=True, exist_ok=True)
        for d in self.downloads:
            shutil.copyfile(d.path, folder / d.name)


def publish(handbook: Project, folder: Path, *, pdf: bool, info: BookInfo | None = None, site_url: str = "",
            background: bool = False) -> Publication:
    """Write every download into `folder` (PDFs reuse `.cache/pdf` when their input is unchanged);
    `site_url` makes the exports' URLs and the EPUB's identifier absolute. With `background`, the
    PDFs are still being set when this returns (see `Publication.wait`)."""
    folder.mkdir(parents=True, exist_ok=True)
    settings = handbook.settings
    edition = settings.edition
    variants = {code: handbook.variant(code) for code in (HANS, HANT)}
    result = Publication(folder)
    # Typst releases the GIL while it lays out: each script's PDF is set in a thread while the next
    # script's content, the EPUBs, the exports (and, in a build, the site's pages) are made.
    if pdf:
        result.pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="handbook-pdf")
    try:
        for code, variant in variants.items():
            if result.pool is None:
                break  # previews: no print edition (PDFs, EPUBs and print pages)
            book = PrintBook(handbook.corpus, variant, edition, settings.editions, info, full=handbook.full,
                             stop_phrases=settings.stop_phrases)
            result.print_html[code] = book.html()
            job = result.pool.submit(render_pdf, book.typst(), folder / pdf_name(edition, code),
                                     int(build_date().timestamp()), handbook.root / ".cache" / "pdf")
            result.jobs.append((len(result.downloads), code, job))
            epub = write_epub(book.content, folder / epub_name(edition, code), site_url)
            result.downloads.append(Download(epub.name, f"EPUB {SCRIPT_NAMES[code]}（手机阅读）", epub, None, code))
        exporter = Exporter(handbook.corpus, edition, variants[HANS], variants[HANT], site_url)
        names = file_names(edition)
        for kind, text, label in (("json", exporter.json(), "JSON 词表"), ("csv", exporter.csv(), "CSV 词表"),
                                  ("cases_csv", exporter.cases_csv(), "CSV 案例表"),
                                  ("tbx", exporter.tbx(), "TBX 术语库（ISO 30042）"), ("schema", schema_text(), "JSON Schema")):
            path = folder / names[kind]
            path.write_bytes(text.encode("utf-8"))  # bytes: the CSV's CRLF stays CRLF on every platform
            result.downloads.append(Download(names[kind], label, path))
    except BaseException:
        result.abandon()
        raise
    return result if background else result.wait()


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{max(1, round(n / 1024))} KB"


def downloads_html(publication: Publication | None, variant: Variant, edition: str, page_url: str) -> str:
    """The home page's download list for one script (raw HTML: the Traditional site links to files
    at the site root, outside its own build), links relative to the page."""
    prefix = "" if variant.code == HANS else "../"
    items = []
    if publication is None or not any(d.pages for d in publication.downloads):
        items.append(escape(variant.convert("PDF 和打印版网页只在完整构建（scripts/build）时生成。")))
    for d in publication.downloads if publication else []:
        href = relative_url(prefix + DOWNLOADS + d.name, page_url)
        facts = f"{edition} 版" + (f"，{d.pages} 页" if d.pages else "") + f"，{_size(d.size)}"
        items.append(f'<a href="{escape(href)}">{escape(variant.convert(d.label))}</a>'
                     f'<span class="hb-gloss">{escape(variant.convert(facts))}</span>')
    if publication is not None and variant.code in publication.print_html:
        items.append(f'<a href="{escape(relative_url(PRINT, page_url))}">{escape(variant.convert("打印版网页"))}</a>'
                     f'<span class="hb-gloss">{escape(variant.convert("整本书一页，可用浏览器打印"))}</span>')
    return '<ul class="hb-downloads">' + "".join(f"<li>{i}</li>" for i in items) + "</ul>"
