"""The handbook as an EPUB 3 per script and edition, for reading apps on phones.

Made from the same content as the print page and the PDF (`PrintBook.content`): a cover, how to use,
one XHTML document per category (its terms), the case studies, the changelog and the pinyin index;
a nav document with every part and term, landmarks, and cross-references and index entries that
link into the right document. Reflowable CSS, horizontal CJK setting; a space between Han and Latin
text becomes a FOUR-PER-EM SPACE (a quarter em that justification does not stretch). The archive is
deterministic: fixed order, fixed timestamps, `mimetype` first and stored.
"""
from __future__ import annotations

import uuid
import zipfile
from dataclasses import dataclass
from datetime import datetime
from html import escape
from importlib import resources
from pathlib import Path
from typing import Any

from handbook.outputs import typeset
from handbook.outputs.htmltree import Node, element, parse

QUARTER_EM = "\u2005"
CONTAINER = """<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>
"""


def epub_name(edition: str, code: str) -> str:
    """`handbook-<edition>-<script>.epub`."""
    return f"handbook-{edition}-{code}.epub"


def e(text: str) -> str:
    """Text escaped for XHTML, Han–Latin spaces made quarter-em spaces."""
    return escape(typeset.gaps(text).replace(typeset.GAP, QUARTER_EM), quote=False)


@dataclass(frozen=True)
class Chapter:
    """One XHTML document of the book."""

    name: str
    title: str
    body: str
    kind: str = "bodymatter"


class EpubBook:
    """The EPUB of one print book's content."""

    def __init__(self, content: dict[str, Any], identifier: str) -> None:
        self.c = content
        self.identifier = identifier
        self.labels: dict[str, str] = content["L"]
        self.files: dict[str, str] = {}
        """In-book anchor → the document that holds it."""
        for part in content["categories"]:
            self.files[part["anchor"]] = f"{part['anchor']}.xhtml"
            for t in part["terms"]:
                self.files[t["anchor"]] = f"{part['anchor']}.xhtml"
        self.files["cases"] = "cases.xhtml"
        for case in content["cases"]:
            self.files[case["anchor"]] = "cases.xhtml"

    def href(self, anchor: str) -> str:
        return f"{self.files[anchor]}#{anchor}" if anchor in self.files else "index.xhtml"

    def fragment(self, html: str) -> str:
        """A sanitised HTML fragment as XHTML: in-book links resolved to their documents, gaps fixed
        (written out as it is walked: the parsed tree is shared with the PDF and stays unchanged)."""
        return self._xhtml(parse(str(html)))

    def _xhtml(self, node: Node) -> str:
        kids = node.children
        out = []
        for n, kid in enumerate(kids):
            if not kid.tag:
                text = typeset.gaps(kid.text)
                before = kids[n - 1].plain().rstrip()[-1:] if n else ""
                after = kids[n + 1].plain().lstrip()[:1] if n + 1 < len(kids) else ""
                if text.startswith(" ") and typeset.between(before, text.lstrip()[:1] or after):
                    text = typeset.GAP + text.lstrip(" ")
                if text.endswith(" ") and typeset.between(text.rstrip()[-1:] or before, after):
                    text = text.rstrip(" ") + typeset.GAP
                out.append(escape(text.replace(typeset.GAP, QUARTER_EM), quote=False))
                continue
            attrs = {k: v for k, v in kid.attrs.items() if k != "style"}
            if kid.tag == "a" and attrs.get("href", "").startswith("#"):
                attrs["href"] = self.href(attrs["href"][1:])
            out.append(element(kid.tag, attrs, self._xhtml(kid)))
        return "".join(out)

    # -- documents -------------------------------------------------------------------------------

    def page(self, title: str, body: str, kind: str = "bodymatter") -> str:
        lang = self.c["lang"]
        return (f'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n'
                f'<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" '
                f'lang="{lang}" xml:lang="{lang}">\n<head><meta charset="utf-8"/><title>{e(title)}</title>'
                f'<link rel="stylesheet" type="text/css" href="style.css"/></head>\n'
                f'<body epub:type="{kind}">\n{body}\n</body>\n</html>\n')

    def refs(self, label: str, refs: list[dict[str, str]]) -> str:
        if not refs:
            return ""
        links = "；".join(f'<a href="{self.href(r["anchor"])}">{e(r["title"])}</a>' for r in refs)
        return f'<p class="see">{e(label)}{links}</p>'

    def sources(self, sources: list[dict[str, str]]) -> str:
        if not sources:
            return ""
        items = "".join(f"<li>{e(s['text'])}" + (f' <a class="url" href="{escape(s["url"])}">{escape(s["url"])}</a>'
                                                  if s["url"] else "") + "</li>" for s in sources)
        return f'<section class="sources"><h4>{e(self.labels["sources"])}</h4><ol>{items}</ol></section>'

    def term(self, t: dict[str, Any]) -> str:
        meta = []
        if t["english"]:
            meta.append(f'<span lang="en">{escape(t["english"])}</span>')
        if t["aliases"]:
            meta.append(e(f"{self.labels['aliases']}：{t['aliases']}"))
        meta.append(e(t["history"]))
        return (f'<section class="entry" id="{t["anchor"]}" aria-labelledby="{t["anchor"]}-h">\n'
                f'<h2 id="{t["anchor"]}-h">{e(t["title"])}</h2>\n<p class="meta">{" · ".join(meta)}</p>\n'
                f'<p class="summary">{e(t["summary"])}</p>\n<div class="body">{self.fragment(t["body"])}</div>\n'
                f'{self.refs(self.labels["cases_of"] + "：", t["cases"])}{self.refs(self.labels["see"], t["related"])}'
                f'{self.sources(t["sources"])}\n</section>')

    def case(self, c: dict[str, Any]) -> str:
        head = "".join(f"<th scope=\"col\">{e(self.labels[k])}</th>" for k in ("metric", "figure", "period", "source"))
        rows = "".join(f'<tr><td>{e(m["label"])}</td><td class="figure">{e(m["figure"])}</td><td>{e(m["period"])}</td>'
                       f'<td>{e(m["source"])}</td></tr>' for m in c["metrics"])
        meta = " · ".join(x for x in (c["brand"], c["industry"], c["period"]) if x)
        return (f'<section class="entry case" id="{c["anchor"]}" aria-labelledby="{c["anchor"]}-h">\n'
                f'<h2 id="{c["anchor"]}-h">{e(c["title"])}</h2>\n<p class="meta">{e(meta)}</p>\n'
                f'<p class="summary">{e(c["summary"])}</p>\n'
                f'<table class="metrics"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>\n'
                f'<div class="body">{self.fragment(c["body"])}</div>\n{self.refs(self.labels["case_terms"], c["terms"])}'
                f'{self.sources(c["sources"])}\n</section>')

    def chapters(self) -> list[Chapter]:
        c, lab = self.c, self.labels
        facts = "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in c["cover_facts"])
        cover = (f'<section class="cover" epub:type="cover"><p class="kicker">{e(c["cover_kicker"])}</p>'
                 f'<h1>{e(c["book_title"])}</h1><p class="subtitle">{e(c["subtitle"])}</p>'
                 f'<dl>{facts}</dl><p class="publisher">{e(c["author"])}</p></section>')
        out = [Chapter("cover.xhtml", c["book_title"], cover, "cover"),
               Chapter("howto.xhtml", lab["howto"], f'<h1>{e(lab["howto"])}</h1>{self.fragment(c["howto"])}', "preface")]
        for part in c["categories"]:
            body = "\n".join(self.term(t) for t in part["terms"])
            out.append(Chapter(f"{part['anchor']}.xhtml", part["title"], f'<h1>{e(part["title"])}</h1>\n{body}'))
        cases = "\n".join(self.case(x) for x in c["cases"])
        out.append(Chapter("cases.xhtml", lab["cases"], f'<h1 id="cases">{e(lab["cases"])}</h1>\n{cases}'))
        changelog = self.fragment(c["changelog"])
        out.append(Chapter("changelog.xhtml", lab["changelog"], f'<h1>{e(lab["changelog"])}</h1>{changelog}', "appendix"))
        groups = []
        for g in c["index"]:
            items = "".join(f'<li><a href="{self.href(i["anchor"])}">{e(i["name"])}</a>'
                            + (f' <span class="see">→ {e(i["title"])}</span>' if i["alias"] else "") + "</li>"
                            for i in g["items"])
            groups.append(f'<h2 id="index-{escape(g["anchor"])}">{e(g["label"])}</h2><ul>{items}</ul>')
        out.append(Chapter("index.xhtml", lab["index"], f'<h1>{e(lab["index"])}</h1>{"".join(groups)}', "backmatter"))
        return out

    def nav(self) -> str:
        c, lab = self.c, self.labels
        items = [f'<li><a href="howto.xhtml">{e(lab["howto"])}</a></li>']
        for part in c["parts"]:
            terms = "".join(f'<li><a href="{self.href(i["anchor"])}">{e(i["title"])}</a></li>' for i in part["items"])
            items.append(f'<li><a href="{self.files[part["anchor"]]}">{e(part["title"])}</a><ol>{terms}</ol></li>')
        items += [f'<li><a href="changelog.xhtml">{e(lab["changelog"])}</a></li>',
                  f'<li><a href="index.xhtml">{e(lab["index"])}</a></li>']
        first = self.files[c["parts"][0]["anchor"]] if c["parts"] else "howto.xhtml"
        body = (f'<nav epub:type="toc" id="toc"><h1>{e(lab["toc"])}</h1><ol>{"".join(items)}</ol></nav>\n'
                f'<nav epub:type="landmarks" id="landmarks" hidden="hidden"><ol>'
                f'<li><a epub:type="cover" href="cover.xhtml">{e(c["book_title"])}</a></li>'
                f'<li><a epub:type="toc" href="nav.xhtml">{e(lab["toc"])}</a></li>'
                f'<li><a epub:type="bodymatter" href="{first}">{e(c["parts"][0]["title"] if c["parts"] else lab["howto"])}</a></li>'
                f'<li><a epub:type="index" href="index.xhtml">{e(lab["index"])}</a></li></ol></nav>')
        return self.page(lab["toc"], body, "frontmatter")

    def cover_svg(self) -> str:
        c = self.c
        return ('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<svg xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="0 0 600 900" width="600" height="900">'
                '<rect width="600" height="900" fill="#ffffff"/><rect x="0" y="0" width="600" height="14" fill="#00aa77"/>'
                f'<text x="60" y="300" font-family="sans-serif" font-size="26" fill="#00aa77">{e(c["cover_kicker"])}</text>'
                f'<text x="60" y="380" font-family="sans-serif" font-size="58" font-weight="bold" fill="#111111">{e(c["book_title"])}</text>'
                f'<text x="60" y="440" font-family="serif" font-size="28" fill="#333333">{e(c["subtitle"])}</text>'
                f'<text x="60" y="520" font-family="serif" font-size="24" fill="#555555">{e(c["script_name"])} · {e(c["counts"])}</text>'
                f'<text x="60" y="820" font-family="sans-serif" font-size="24" fill="#444444">{e(c["author"])}</text></svg>\n')

    def opf(self, chapters: list[Chapter]) -> str:
        c = self.c
        date: datetime = c["date"]
        manifest = ['<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>',
                    '<item id="css" href="style.css" media-type="text/css"/>',
                    '<item id="cover-image" href="cover.svg" media-type="image/svg+xml" properties="cover-image"/>']
        spine = []
        for n, ch in enumerate(chapters):
            manifest.append(f'<item id="c{n}" href="{ch.name}" media-type="application/xhtml+xml"/>')
            spine.append(f'<itemref idref="c{n}"/>')
            if n == 0:
                spine.append('<itemref idref="nav"/>')
        modified = date.strftime("%Y-%m-%dT%H:%M:%SZ")
        return f"""<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id" xml:lang="{c['lang']}">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="book-id">{self.identifier}</dc:identifier>
    <dc:title>{e(c['full_title'])}</dc:title>
    <dc:language>{c['lang']}</dc:language>
    <dc:creator>{e(c['author'])}</dc:creator>
    <dc:publisher>{e(c['author'])}</dc:publisher>
    <dc:description>{e(c['description'])}</dc:description>
    <dc:date>{date.strftime('%Y-%m-%d')}</dc:date>
    {''.join(f'<dc:subject>{e(k)}</dc:subject>' for k in c['keywords'])}
    <meta property="dcterms:modified">{modified}</meta>
    <meta property="schema:version">{e(c['edition'])}</meta>
    <meta property="schema:accessMode">textual</meta>
    <meta property="schema:accessModeSufficient">textual</meta>
    <meta property="schema:accessibilityFeature">structuralNavigation</meta>
    <meta property="schema:accessibilityFeature">tableOfContents</meta>
    <meta property="schema:accessibilityFeature">index</meta>
    <meta property="schema:accessibilityHazard">none</meta>
    <meta property="schema:accessibilitySummary">{e(self.labels['howto'])}</meta>
    <meta name="cover" content="cover-image"/>
  </metadata>
  <manifest>
    {chr(10).join('    ' + m for m in manifest).strip()}
  </manifest>
  <spine page-progression-direction="ltr">
    {chr(10).join('    ' + s for s in spine).strip()}
  </spine>
</package>
"""

    def write(self, target: Path) -> Path:
        """Write the archive (deterministic bytes for the same content)."""
        chapters = self.chapters()
        files: list[tuple[str, str]] = [
            ("META-INF/container.xml", CONTAINER), ("EPUB/package.opf", self.opf(chapters)),
            ("EPUB/nav.xhtml", self.nav()), ("EPUB/style.css", stylesheet()), ("EPUB/cover.svg", self.cover_svg()),
            *((f"EPUB/{ch.name}", self.page(ch.title, ch.body, ch.kind)) for ch in chapters)]
        target.parent.mkdir(parents=True, exist_ok=True)
        stamp = (1980, 1, 1, 0, 0, 0)
        with zipfile.ZipFile(target, "w") as archive:
            info = zipfile.ZipInfo("mimetype", stamp)
            archive.writestr(info, "application/epub+zip", compress_type=zipfile.ZIP_STORED)
            for name, text in files:
                info = zipfile.ZipInfo(name, stamp)
                info.external_attr = 0o644 << 16
                archive.writestr(info, text.encode("utf-8"), compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
        return target


def stylesheet() -> str:
    """The reflowable stylesheet (horizontal CJK setting; reading apps choose font and size)."""
    return resources.files(__package__).joinpath("assets", "epub.css").read_text("utf-8")


def identifier(site_url: str, edition: str, code: str) -> str:
    """A stable `urn:uuid:` for one edition and script (the same on every build)."""
    base = site_url.rstrip("/") + "/" if site_url else "handbook:"
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"{base}downloads/{epub_name(edition, code)}"))


def write_epub(content: dict[str, Any], target: Path, site_url: str = "") -> Path:
    """The EPUB of a print book's content at `target`."""
    return EpubBook(content, identifier(site_url, content["edition"], content["lang"])).write(target)
