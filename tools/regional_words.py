"""Count the mainland words of a region's list (`regions/<region>.yml`) in a built Traditional
edition: page text (readable attributes included), the search index, the exports, the print page
and, when given, PDF text. Product names (`kind: name` in the table), titles of works in 《》 and text
editors protected with -{…}- are not counted.

    .venv/bin/python tools/regional_words.py site [--region tw] [--pdf site/downloads/x.pdf]
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from handbook.core.settings import Settings
from handbook.core.variants import HANT, MARKUP, WORK_TITLE, Variant, load_table
from handbook.core.vocabulary import RegionList, names

REPO = Path(__file__).resolve().parent.parent
_NAMED = re.compile(r"^(\s+-?\s*(?:publisher|author|title)|brand):\s*(.+)$", re.M)
"""A source's publisher, author or title (indented under `sources:`), or a case's brand."""
_SKIP = {"script", "style", "code", "pre", "svg"}
_TEXT_ATTRS = ("title", "alt", "aria-label", "placeholder", "content")


class _Text(HTMLParser):
    """The readable text of a page: text nodes outside code and scripts, and readable attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
        self.parts.extend(v for k, v in attrs if k in _TEXT_ATTRS and v)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP and self.skip:
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def page_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return "\n".join(parser.parts)


@dataclass
class Count:
    """Mainland words found: per word, and the places (file) each was first seen."""

    words: Counter[str] = field(default_factory=Counter)
    places: dict[str, str] = field(default_factory=dict)
    files: set[str] = field(default_factory=set)

    def add(self, where: str, word: str, context: str) -> None:
        self.words[word] += 1
        self.places.setdefault(word, f"{where}: …{context}…")
        self.files.add(where)

    @property
    def total(self) -> int:
        return sum(self.words.values())


def edition(region: str) -> tuple[Variant, RegionList, list[str]]:
    """The region's converter, word list and protected texts (names and editors' -{…}- spans)."""
    settings = Settings(region=region)
    variant = Variant(HANT, settings.opencc_config, region=region, table=load_table(REPO / "conversions.yml"),
                      titles_config=settings.characters_config)
    protected = names(variant)
    for folder in ("terms", "cases", "docs"):
        for path in (REPO / folder).glob("*.md"):
            text = path.read_text("utf-8")
            protected += [variant.convert(m.group(0)) for m in MARKUP.finditer(text)]
            # sources name publishers, authors and works: names, shown in character forms only
            protected += [variant.exact(m.group(2).strip().strip("\"'")) for m in _NAMED.finditer(text)]
    return variant, RegionList.load(REPO, region), protected


def texts(site: Path, pdfs: list[Path]) -> list[tuple[str, str]]:
    """(place, text) of everything a Traditional reader gets."""
    root = site / "zh-Hant"
    found = [(p.relative_to(site).as_posix(), page_text(p.read_text("utf-8"))) for p in sorted(root.rglob("*.html"))]
    for index in sorted(root.rglob("*.json")):
        found.append((index.relative_to(site).as_posix(), _json_strings(json.loads(index.read_text("utf-8")))))
    for export in sorted((site / "downloads").glob("*")) if (site / "downloads").is_dir() else []:
        if export.suffix in (".json", ".csv", ".tbx"):
            text = export.read_text("utf-8")
            found.append((export.relative_to(site).as_posix(), _hant_part(export.suffix, text)))
    # the PDF is set from the print page: its titles of works, which a page or line may break
    titles = {re.sub(r"\s+", "", m.group(0)) for where, text in found if "print" in where
              for m in WORK_TITLE.finditer(text)}
    for pdf in pdfs:
        out = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True)
        found.append((pdf.name, _unbroken(out.stdout, titles)))
    return found


def _unbroken(text: str, titles: set[str]) -> str:
    """PDF text as running text: lines and justification gaps break words and titles of works, so
    all white space goes, and so do the print page's titles of works (whatever breaks them)."""
    text = re.sub(r"[\s\u2060]+", "", text)  # and the word joiners that keep last lines whole
    for title in sorted(titles, key=len, reverse=True):
        text = text.replace(title, "《》")
    # a title a page break cuts holds the running head and page number: still a title
    return re.sub(r"《[^《》]{0,160}》", "《》", text)


def _json_strings(data: object) -> str:
    if isinstance(data, str):  # search entries carry zero-width spaces between words
        return unescape(re.sub(r"<[^>]+>", " ", data)).replace("\u200b", "")
    if isinstance(data, dict):
        return "\n".join(_json_strings(v) for v in data.values())
    if isinstance(data, list):
        return "\n".join(_json_strings(v) for v in data)
    return ""


def _hant_part(suffix: str, text: str) -> str:
    """The Traditional fields of an export (they hold both scripts)."""
    if suffix == ".json":
        data = json.loads(text)
        return _json_strings([_pick_hant(t) for t in data.get("terms", []) + data.get("cases", [])])
    if suffix == ".tbx":
        return "\n".join(re.findall(r'<langSec xml:lang="zh-Hant">(.*?)</langSec>', text, re.S))
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))  # CSV: the zh_hant columns
    return "\n".join(v for row in rows for k, v in row.items() if k and k.endswith("zh_hant") and v)


def _pick_hant(entry: dict[str, Any]) -> list[object]:
    return [v["zh-Hant"] for k, v in entry.items() if isinstance(v, dict) and "zh-Hant" in v and k != "url"]


def count(site: Path, region: str = "tw", pdfs: list[Path] | None = None) -> Count:
    """The mainland words in a built site's Traditional edition."""
    _, words, protected = edition(region)
    protected += [re.sub(r"\s+", "", name) for name in protected]  # as PDF text has them
    result = Count()
    for where, text in texts(site, pdfs or []):
        for offset, pair in words.find(text, protected):
            result.add(where, pair.mainland, text[max(0, offset - 8):offset + 10].replace("\n", " "))
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--region", default="tw")
    parser.add_argument("--pdf", type=Path, action="append", default=[])
    args = parser.parse_args()
    result = count(args.site, args.region, args.pdf)
    print(f"{result.total} mainland words on {len(result.files)} files")
    for word, n in result.words.most_common():
        print(f"{n}\t{word}\t{result.places[word]}")
    return 1 if result.total else 0


if __name__ == "__main__":
    sys.exit(main())
