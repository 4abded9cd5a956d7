"""The print book as Typst markup, and its PDF (Typst: tagged PDF/UA-1, seconds per book).

`book_source()` turns the print book's content (the same data the print page renders, see
`printing.PrintBook.content`) into one Typst document: `assets/book.typ` holds the layout (page,
running heads from the entry in force, cross-references with page numbers, index, contents), this
module writes the content calls. Chinese setting follows clreq: a space between Han and Latin text
becomes a fixed quarter-em gap that justification never stretches (`#h(.25em)`), lines are
justified by inter-character spacing, and the last characters of a paragraph are joined with
WORD JOINERs so that no paragraph ends with one character alone on its last line.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from handbook.core.typography import HAN
from handbook.outputs.htmltree import Node, parse

CJK_PUNCT = "\u3000-\u303f\uff00-\uffef\u2014\u2026\u201c\u201d\u2018\u2019"
_HAN = re.compile(f"[{HAN}{CJK_PUNCT}]")
_HAN_ONLY = re.compile(f"[{HAN}]")
_LATIN = re.compile(r"[A-Za-z0-9%$@&(]")
_LATIN_END = re.compile(r"[A-Za-z0-9%$@&)]")
_GAP_AFTER_HAN = re.compile(f"(?<=[{HAN}]) +(?=[A-Za-z0-9%$@&(])")
_GAP_BEFORE_HAN = re.compile(f"(?<=[A-Za-z0-9%$@&)]) +(?=[{HAN}])")
_SPECIAL = re.compile(r"([\\#*_`$<>@\[\]~\"'=+/:.-])")
GAP = "\x01"
"""Marks a Han–Latin space until the markup is escaped; becomes a fixed, weak quarter-em gap."""
GAP_MARKUP = "#h(.25em, weak: true)"
WJ = "\u2060"
TAIL_CHARS = 3
"""Characters glued together at the end of a paragraph (two Han characters and the stop)."""


def esc(text: str) -> str:
    """Plain text as Typst markup: every markup character escaped, whitespace collapsed."""
    text = re.sub(r"\s+", " ", text)
    return _SPECIAL.sub(r"\\\1", text).replace(GAP, GAP_MARKUP)


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


def string(text: str) -> str:
    """A Typst string literal (JSON's escapes are Typst's, once control characters are gone)."""
    return json.dumps(_CONTROL.sub(" ", text), ensure_ascii=False)


def gaps(text: str) -> str:
    """Spaces between Han and Latin text (either order) replaced by the GAP marker."""
    return _GAP_BEFORE_HAN.sub(GAP, _GAP_AFTER_HAN.sub(GAP, text))


def glue_tail(text: str) -> str:
    """The last TAIL_CHARS characters of a paragraph joined by WORD JOINERs, when they are Han text
    and punctuation (no space to break at), so the last line never holds one character alone."""
    stripped = text.rstrip()
    tail = stripped[-TAIL_CHARS:]
    if len(tail) < TAIL_CHARS or not all(_HAN.match(c) for c in tail) or not _HAN_ONLY.search(tail):
        return text
    return stripped[:-TAIL_CHARS] + WJ.join(tail) + text[len(stripped):]


def inline_text(text: str, *, tail: bool = False) -> str:
    """A run of plain text (front matter, labels) as markup, with clreq gaps (and the glued tail)."""
    text = gaps(re.sub(r"\s+", " ", text))
    return esc(glue_tail(text) if tail else text)


@dataclass
class _Piece:
    """Inline markup with the visible characters at its edges (to decide the gaps between pieces)."""

    markup: str
    first: str
    last: str
    raw: str | None = None
    """For plain text: the text itself, escaped only when the paragraph is finished."""


class Converter:
    """HTML of the print book (sanitised fragments) → Typst markup."""

    def __init__(self, anchors: set[str]) -> None:
        self.anchors = anchors

    def fragment(self, html: str) -> str:
        """A sanitised HTML fragment (an entry body, the changelog) as Typst block markup."""
        return self.blocks(parse(html).children)

    # -- blocks ----------------------------------------------------------------------------------

    def blocks(self, nodes: list[Node]) -> str:
        out: list[str] = []
        run: list[Node] = []
        for node in nodes:
            if not node.tag or node.tag in _INLINE:
                run.append(node)
                continue
            out.append(self.paragraph(run))
            run = []
            out.append(self.block(node))
        out.append(self.paragraph(run))
        return "\n\n".join(o for o in out if o.strip())

    def block(self, node: Node) -> str:
        tag = node.tag
        if tag == "p":
            return self.paragraph(node.children)
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            level = min(6, int(tag[1]) + 1)
            return f"#subhead({level})[{self.inline(node.children)}]"
        if tag in ("ul", "ol"):
            items = [c for c in node.children if c.tag == "li"]
            body = ", ".join(f"[{self.blocks(li.children)}]" for li in items)
            if tag == "ul":
                return f"#list({body})"
            start = node.attrs.get("start", "1")
            return f"#enum(start: {int(start) if start.isdigit() else 1}, {body})"
        if tag == "table":
            return self.table(node)
        if tag == "blockquote":
            return f"#quote(block: true)[{self.blocks(node.children)}]"
        if tag == "pre":
            return f"#raw({string(node.plain())}, block: true)"
        if tag == "hr":
            return "#line(length: 100%, stroke: 0.4pt + luma(180))"
        if tag == "dl":
            pairs = []
            children = [c for c in node.children if c.tag in ("dt", "dd")]
            for dt, dd in zip(children[::2], children[1::2], strict=False):
                pairs.append(f"([{self.inline(dt.children)}], [{self.blocks(dd.children)}])")
            return f"#terms({', '.join(pairs)})" if pairs else ""
        if tag == "div" and "admonition" in node.attrs.get("class", ""):
            return f"#aside[{self.blocks(node.children)}]"
        return self.blocks(node.children)  # div, section, details, figure…: their content

    def table(self, node: Node) -> str:
        rows: list[tuple[bool, list[Node]]] = []
        for part in node.children:
            for tr in ([part] if part.tag == "tr" else [c for c in part.children if c.tag == "tr"]):
                cells = [c for c in tr.children if c.tag in ("td", "th")]
                rows.append((part.tag == "thead" or all(c.tag == "th" for c in cells), cells))
        if not rows:
            return ""
        columns = max(len(cells) for _, cells in rows)
        head = [cells for is_head, cells in rows if is_head]
        body = [cells for is_head, cells in rows if not is_head]

        def cells_markup(cells: list[Node]) -> str:
            padded = [f"[{self.inline(c.children)}]" for c in cells] + ["[]"] * (columns - len(cells))
            return ", ".join(padded)

        parts = [f"table.header({cells_markup(r)})" for r in head[:1]] + [cells_markup(r) for r in body]
        return f"#data-table({columns}, {', '.join(parts)})"

    # -- inline ----------------------------------------------------------------------------------

    def paragraph(self, nodes: list[Node]) -> str:
        """A paragraph: inline markup, gaps, the last characters glued."""
        pieces = self.pieces(nodes)
        for n in range(len(pieces) - 1, -1, -1):
            piece = pieces[n]
            if piece.raw is not None and piece.raw.strip():
                piece.raw = glue_tail(piece.raw)
                break
            if piece.raw is None:
                break
        return self.join(pieces).strip()

    def inline(self, nodes: list[Node]) -> str:
        return self.join(self.pieces(nodes)).strip()

    def join(self, pieces: list[_Piece]) -> str:
        """The pieces' markup, spaces between Han and Latin across piece edges made gaps."""
        out = []
        for n, piece in enumerate(pieces):
            if piece.raw is None:
                out.append(piece.markup)
                continue
            text = gaps(re.sub(r"\s+", " ", piece.raw))
            before = pieces[n - 1].last if n else ""
            after = pieces[n + 1].first if n + 1 < len(pieces) else ""
            if text.startswith(" ") and between(before, text.lstrip()[:1] or after):
                text = GAP + text.lstrip(" ")
            if text.endswith(" ") and between(text.rstrip()[-1:] or before, after):
                text = text.rstrip(" ") + GAP
            out.append(esc(text))
        return "".join(out)

    def pieces(self, nodes: list[Node]) -> list[_Piece]:
        out: list[_Piece] = []
        for node in nodes:
            if not node.tag:
                if node.text:
                    text = node.text
                    out.append(_Piece("", text.strip()[:1], text.strip()[-1:], raw=text))
                continue
            markup = self.element(node)
            plain = node.plain().strip()
            out.append(_Piece(markup, plain[:1], plain[-1:]))
        return out

    def element(self, node: Node) -> str:
        tag = node.tag
        inner = self.inline(node.children)
        if tag in ("strong", "b"):
            return f"#strong[{inner}]"
        if tag in ("em", "i", "cite", "dfn", "var"):
            return f"#emph[{inner}]"
        if tag in ("code", "kbd", "samp"):
            return f"#raw({string(node.plain())})"
        if tag == "br":
            return "#linebreak()"
        if tag == "sup":
            return f"#super[{inner}]"
        if tag == "sub":
            return f"#sub[{inner}]"
        if tag in ("del", "s"):
            return f"#strike[{inner}]"
        if tag in ("u", "ins"):
            return f"#underline[{inner}]"
        if tag == "mark":
            return f"#highlight[{inner}]"
        if tag == "img":
            alt = node.attrs.get("alt", "")
            return esc(alt)
        if tag == "a":
            href = node.attrs.get("href", "")
            if href.startswith("#") and href[1:] in self.anchors:
                return f"#link(<{href[1:]}>)[{inner}]"
            if href.startswith(("http://", "https://", "mailto:")):
                return f"#link({string(href)})[{inner}]"
            return inner
        return inner  # span, abbr, small, time, q…: their content


_INLINE = frozenset({"a", "abbr", "b", "br", "cite", "code", "del", "dfn", "em", "i", "img", "ins", "kbd", "mark",
                     "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var"})


def between(left: str, right: str) -> bool:
    """True when a space between these two visible characters is a Han–Latin gap."""
    return bool(left and right and ((_HAN_ONLY.match(left) and _LATIN.match(right))
                                    or (_LATIN_END.match(left) and _HAN_ONLY.match(right))))


# -- the book ------------------------------------------------------------------------------------

def _content(text: str, *, tail: bool = False) -> str:
    return f"[{inline_text(text, tail=tail)}]"


def _title(text: str) -> str:
    """A heading's text: plain spaces (headings are not justified, and the PDF's bookmarks and the
    running heads must read exactly the title)."""
    return f"[{esc(text)}]"


def _refs(refs: Iterable[dict[str, str]]) -> str:
    return "(" + "".join(f"(<{r['anchor']}>, {_content(r['title'])}), " for r in refs) + ")"


def _sources(sources: list[dict[str, str]]) -> str:
    items = []
    for s in sources:
        url = f"link({string(s['url'])})[{esc(s['url'])}]" if s.get("url") else "none"
        items.append(f"({_content(s['text'])}, {url})")
    return "(" + "".join(i + ", " for i in items) + ")"


def book_source(content: dict[str, Any]) -> str:
    """The whole book as one Typst document (layout from `assets/book.typ`)."""
    anchors = {t["anchor"] for p in content["categories"] for t in p["terms"]} | {c["anchor"] for c in content["cases"]}
    conv = Converter(anchors)
    labels = content["L"]
    date = content["date"]
    head = {
        "serif": content["fonts"][0], "sans": content["fonts"][1], "region": content["region"],
        "page-before": content["page_words"][0], "page-after": content["page_words"][1],
    }
    out = ["// Generated by handbook.outputs.typeset from the print book's content; layout in book.typ.",
           *(f"#let {k} = {string(v)}" for k, v in head.items()),
           f"#let book-title = {string(content['full_title'])}",
           f"#set document(title: book-title, author: {string(content['author'])}, "
           f"description: {string(content['description'])}, "
           f"keywords: ({''.join(string(k) + ', ' for k in content['keywords'])}), "
           f"date: datetime(year: {date.year}, month: {date.month}, day: {date.day}))",
           resources.files(__package__).joinpath("assets", "book.typ").read_text("utf-8")]
    facts = ", ".join(f"({_content(k)}, {_content(v)})" for k, v in content["cover_facts"])
    out.append(f"#cover({_content(content['cover_kicker'])}, {_content(content['book_title'])}, "
               f"{_content(content['subtitle'])}, ({facts},), {_content(content['author'])})")
    out.append(f"#front-heading({_content(labels['howto'])}, <howto>)")
    out.append(conv.fragment(content["howto"]))
    out.append(f"#front-heading({_content(labels['toc'])}, <toc>, outlined: false)")
    out.append("#contents()")
    for part in content["categories"]:
        out.append(f"#part-heading({_title(part['title'])}, <{part['anchor']}>)")
        for t in part["terms"]:
            out.append(_entry(conv, t, labels, meta=_term_meta(t, labels), refs=[
                (labels["cases_of"] + "：", t["cases"]), (labels["see"], t["related"])]))
    out.append(f"#part-heading({_content(labels['cases'])}, <cases>)")
    for n, c in enumerate(content["cases"]):
        if n:
            out.append("#pagebreak(weak: true)")
        meta = " · ".join(x for x in (c["brand"], c["industry"], c["period"]) if x)
        out.append(_entry(conv, c, labels, meta=_content(meta), refs=[(labels["case_terms"], c["terms"])], metrics=c["metrics"]))
    out.append(f"#part-heading({_content(labels['changelog'])}, <changelog>)")
    out.append(conv.fragment(content["changelog"]).replace("#subhead(3)", "#changelog-heading"))
    out.append(f"#part-heading({_content(labels['index'])}, <index>)")
    groups = []
    for g in content["index"]:
        items = "".join(f"({_content(i['name'])}, {_content(i['title']) if i['alias'] else 'none'}, <{i['anchor']}>), "
                        for i in g["items"])
        groups.append(f"({_content(g['label'])}, ({items}))")
    out.append(f"#book-index(({', '.join(groups)},))")
    return "\n\n".join(out) + "\n"


def _term_meta(t: dict[str, Any], labels: dict[str, str]) -> str:
    parts = [f"#english[{esc(t['english'])}]"] if t["english"] else []
    if t["aliases"]:
        parts.append(inline_text(f"{labels['aliases']}：{t['aliases']}"))
    parts.append(inline_text(t["history"]))
    return "[" + "#(meta-sep)".join(parts) + "]"


def _entry(conv: Converter, e: dict[str, Any], labels: dict[str, str], *, meta: str,
           refs: list[tuple[str, list[dict[str, str]]]], metrics: list[dict[str, str]] | None = None) -> str:
    """One term or case: its headword block, body, cross-references and sources."""
    table = ""
    if metrics is not None:
        head = ", ".join(_content(labels[k]) for k in ("metric", "figure", "period", "source"))
        rows = "".join(f"{_content(m['label'])}, {_content(m['figure'])}, {_content(m['period'])}, {_content(m['source'])}, "
                       for m in metrics)
        table = f"#metrics-table(({head}), ({rows}))\n\n"
    see = "\n\n".join(f"#see({_content(label)}, {_refs(items)})" for label, items in refs
                      if items)
    body = conv.fragment(e["body"])
    return (f"#entry({_title(e['title'])}, <{e['anchor']}>, {meta}, {_content(e['summary'], tail=True)}, "
            f"short: {'true' if e['short'] else 'false'}, sources-label: {_content(labels['sources'])}, "
            f"sources: {_sources(e['sources'])})[\n{table}{body}\n\n{see}\n]")


# -- the PDF -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PdfResult:
    """A written PDF, what the home page says about it, and its bookmark labels (for checks)."""

    path: Path
    pages: int
    size: int
    bookmarks: tuple[str, ...] = ()


def outline_labels(data: bytes) -> tuple[int, tuple[str, ...]]:
    """Page count and every bookmark title of a PDF, read from the page tree's count and the
    outline's titles (without resolving each bookmark's destination page: 2.5× faster)."""
    import io

    import pypdf

    root: Any = pypdf.PdfReader(io.BytesIO(data)).trailer["/Root"]
    labels: list[str] = []

    def walk(item: Any) -> None:
        while item is not None:
            node = item.get_object()
            labels.append(str(node["/Title"]))
            if "/First" in node:
                walk(node["/First"])
            item = node.get("/Next")

    outlines: Any = root.get("/Outlines")
    walk(outlines.get_object().get("/First") if outlines is not None else None)
    return int(root["/Pages"]["/Count"]), tuple(labels)


_TYPST_CHILD = """
import json, sys, typst
source = sys.stdin.buffer.read()
try:
    data = typst.compile(source, format="pdf", pdf_standards=["ua-1"], timestamp=int(sys.argv[1]))
except typst.TypstError as err:
    sys.stderr.write(json.dumps({"message": err.message, "hints": list(err.hints), "diagnostic": str(err.diagnostic)}))
    sys.exit(3)
sys.stdout.buffer.write(data)
"""


def compile_pdf(source: str, timestamp: int) -> bytes:
    """Typst source → tagged PDF/UA-1 bytes; fonts from the system (Debian's Noto CJK). Typst runs
    in a child process: the 1.4 GB a 1,000-term book takes to lay out is returned to the system as
    soon as the PDF exists, instead of staying with the build (two books are set at once)."""
    out = subprocess.run([sys.executable, "-c", _TYPST_CHILD, str(timestamp)], input=source.encode("utf-8"),
                         capture_output=True)
    if out.returncode == 3:  # the content is escaped: this is a bug of ours, say where
        err = json.loads(out.stderr.decode("utf-8"))
        raise RuntimeError(f"PDF 排版失败（Typst）：{err['message']} {'; '.join(err['hints'])}\n{err['diagnostic']}")
    if out.returncode != 0:
        raise RuntimeError(f"PDF 排版失败（Typst 进程退出码 {out.returncode}）：{out.stderr.decode('utf-8', 'replace')[-800:]}")
    return out.stdout


def render_pdf(source: str, target: Path, timestamp: int, cache_dir: Path | None = None) -> PdfResult:
    """Lay out the Typst source and write the PDF; reuse a cached PDF of identical input."""
    from importlib.metadata import version as installed

    version = installed("typst")
    key = hashlib.sha256(f"{source}{version}{timestamp}".encode()).hexdigest()[:24]
    use_cache = cache_dir is not None and os.environ.get("HANDBOOK_PDF_CACHE", "1") != "0"
    cached = cache_dir / f"{key}.pdf" if use_cache and cache_dir else None
    target.parent.mkdir(parents=True, exist_ok=True)
    if cached is not None and cached.exists():
        data = cached.read_bytes()
    else:
        data = compile_pdf(source, timestamp)
        if cached is not None:
            cached.parent.mkdir(parents=True, exist_ok=True)
            cached.write_bytes(data)
    target.write_bytes(data)
    pages, labels = outline_labels(data)
    return PdfResult(target, pages, len(data), labels)
