"""Nothing silently dropped: every term and case is in both scripts' pages, search indexes, PDFs,
EPUBs, print pages and the exports. Run by the build before the new site replaces the old one."""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

from handbook.core.model import Corpus
from handbook.core.urls import HANT_PREFIX, entry_url
from handbook.core.variants import HANS, HANT, Variant
from handbook.outputs import search
from handbook.outputs.downloads import Publication
from handbook.outputs.exports import file_names


def missing(site_dir: Path, corpus: Corpus, variants: dict[str, Variant], publication: Publication,
            edition: str) -> list[str]:
    """One line per entry missing from a place it must appear in (empty when complete)."""
    problems: list[str] = []
    roots = {HANS: site_dir, HANT: site_dir / HANT_PREFIX}
    for code, root in roots.items():
        locations = search.locations(root / search.FOLDER)
        print_html = publication.print_html.get(code, "")
        bookmarks = next((set(d.bookmarks) for d in publication.downloads if d.code == code and d.name.endswith(".pdf")), None)
        epub = next((_epub_text(d.path) for d in publication.downloads if d.code == code and d.name.endswith(".epub")), "")
        for entry in corpus.entries():
            url = entry_url(entry)
            name = f"{entry.kind} {entry.id}（{entry.title}）"
            if not (root / url / "index.html").is_file():
                problems.append(f"{name}：{code} 网站缺少页面 {url}")
            if url not in locations:
                problems.append(f"{name}：{code} 搜索索引中没有它")
            if print_html and f'id="{entry.kind}-{entry.id}"' not in print_html:
                problems.append(f"{name}：{code} 打印版中没有它")
            if epub and f'id="{entry.kind}-{entry.id}"' not in epub:
                problems.append(f"{name}：{code} EPUB 中没有它")
            if bookmarks is not None and variants[code].convert(entry.title) not in bookmarks:
                problems.append(f"{name}：{code} PDF 的书签中没有它")
    export = publication.folder / file_names(edition)["json"]
    data = json.loads(export.read_text("utf-8")) if export.exists() else {"terms": [], "cases": []}
    exported = {("term", t["id"]) for t in data["terms"]} | {("case", c["id"]) for c in data["cases"]}
    for entry in corpus.entries():
        if (entry.kind, entry.id) not in exported:
            problems.append(f"{entry.kind} {entry.id}（{entry.title}）：导出的 JSON 中没有它")
    return problems


def _epub_text(path: Path) -> str:
    """Every XHTML document of an EPUB, concatenated."""
    with zipfile.ZipFile(path) as book:
        return "".join(book.read(n).decode("utf-8") for n in book.namelist() if n.endswith(".xhtml"))
