"""Measure the Chinese setting of a printed book from its PDF (character positions, pdfplumber).

- stretched: body lines where the gap between a Han character and a Latin letter or digit (either
  order) is wider than half an em: a justified space instead of clreq's fixed quarter-em gap.
- stranded: entry headings followed on their page by fewer than three lines of body text (the
  headword block left at a page foot, the definition overleaf).
- one_char: body lines that hold one character (and its punctuation) alone: a paragraph's last line.

Used by tests/test_pdf.py with thresholds, and by hand on any PDF:
`.venv/bin/python tests/typography.py book.pdf [body_size heading_size]`.
"""
from __future__ import annotations

import re
import sys
from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import pdfplumber

HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
LATIN = re.compile("[A-Za-z0-9]")
PUNCT = re.compile("[\u3000-\u303f\uff00-\uffef\u2014\u2026\u201c\u201d\u2018\u2019.,;:!?()\\s\u2060]")


class Page(NamedTuple):
    """A page's size and its characters (pdfplumber's char dictionaries)."""

    width: float
    height: float
    chars: tuple[dict, ...]


@lru_cache(maxsize=4)
def pages(path: Path) -> tuple[Page, ...]:
    """Every page of a PDF, parsed once (pdfplumber takes ~40 s for a 313-page book; the tests of
    text, index and setting all read from this one parse)."""
    with pdfplumber.open(path) as doc:
        return tuple(Page(p.width, p.height, tuple(p.chars)) for p in doc.pages)


def _lines(page: Page) -> list[tuple[float, float, list[dict]]]:
    """(top, font size, chars left to right) of every text line, one font size per line."""
    rows: dict[tuple[int, float], list[dict]] = defaultdict(list)
    for ch in page.chars:
        if ch["text"] in (" ", "\xa0", "\u2060", ""):
            continue
        rows[(round(ch["bottom"]), round(ch["size"], 1))].append(ch)
    return sorted(((min(c["top"] for c in cs), size, sorted(cs, key=lambda c: c["x0"] + c["x1"]))
                   for (_, size), cs in rows.items()), key=lambda r: r[0])


def measure(path: Path, body_size: float = 9.5, heading_size: float = 12.0) -> dict[str, list[str]]:
    """The offending lines of each kind, as `p<page>: <text>`."""
    found: dict[str, list[str]] = {"stretched": [], "stranded": [], "one_char": []}
    for number, page in enumerate(pages(path), start=1):
        lines = _lines(page)
        for n, (_, size, chars) in enumerate(lines):
            text = "".join(c["text"] for c in chars)
            for a, b in zip(chars, chars[1:], strict=False) if abs(size - body_size) < 0.3 else ():
                mixed = (HAN.match(a["text"]) and LATIN.match(b["text"])) or (
                    LATIN.match(a["text"]) and HAN.match(b["text"]))
                if mixed and b["x0"] - a["x1"] > 0.5 * size:
                    found["stretched"].append(f"p{number}: {text}")
                    break
            if abs(size - body_size) < 0.3 and len(PUNCT.sub("", text)) == 1 and n > 0 \
                    and abs(lines[n - 1][1] - body_size) < 0.3 and HAN.search(text):
                found["one_char"].append(f"p{number}: {text}")
            if abs(size - heading_size) < 0.3:
                after = [ln for ln in lines[n + 1:] if abs(ln[1] - body_size) < 0.3]
                if len(after) < 3:
                    found["stranded"].append(f"p{number}: {text}")
    return found


if __name__ == "__main__":
    sizes = [float(x) for x in sys.argv[2:4]]
    result = measure(Path(sys.argv[1]), *sizes)
    for kind, items in result.items():
        print(f"{kind}: {len(items)}")
        for item in items[:8]:
            print("   ", item)
