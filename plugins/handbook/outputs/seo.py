"""What search engines and other tools read: schema.org JSON-LD and one sitemap for both scripts."""
from __future__ import annotations

import gzip
import json
import xml.etree.ElementTree as ET
from pathlib import Path

from handbook.core.model import Term
from handbook.core.urls import HANT_PREFIX, TERMS_INDEX, entry_url
from handbook.core.variants import HANS, HANT, Variant

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


def defined_term(term: Term, variant: Variant, site_url: str, set_name: str, image: str = "") -> str:
    """schema.org DefinedTerm (in its DefinedTermSet) for a term page, safe inside <script>.

    Only properties whose schema.org domain includes the type: `inLanguage` belongs to the set (a
    CreativeWork), not to the DefinedTerm (an Intangible)."""
    base = site_url.rstrip("/") + "/" if site_url else ""
    prefix = HANT_PREFIX if variant.converts else ""
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "DefinedTerm",
        "@id": f"{base}{prefix}{entry_url(term)}",
        "name": variant.convert(term.title),
        "description": variant.convert(term.summary),
        "termCode": term.id,
        "inDefinedTermSet": _term_set(variant, base + prefix, set_name),
    }
    names = [variant.convert(a) for a in term.aliases] + ([term.english] if term.english else [])
    if names:
        data["alternateName"] = names
    if base:
        data["url"] = data["@id"]
    if image:
        data["image"] = image
    return _script_json(data)


def defined_term_set(variant: Variant, site_url: str, set_name: str, edition: str) -> str:
    """schema.org DefinedTermSet for the A–Z index page, safe inside <script>."""
    base = site_url.rstrip("/") + "/" if site_url else ""
    prefix = HANT_PREFIX if variant.converts else ""
    data: dict[str, object] = {"@context": "https://schema.org", **_term_set(variant, base + prefix, set_name),
                               "inLanguage": variant.code, "version": edition}
    return _script_json(data)


def _term_set(variant: Variant, root: str, set_name: str) -> dict[str, object]:
    data: dict[str, object] = {"@type": "DefinedTermSet", "@id": f"{root}{TERMS_INDEX}",
                               "name": variant.convert(set_name)}
    if root:
        data["url"] = data["@id"]
    return data


def _script_json(data: dict[str, object]) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def write_sitemaps(site_dir: Path, site_url: str, prefix: str) -> None:
    """One sitemap at the root listing every page in both scripts, each with its hreflang twin.

    MkDocs writes the Simplified pages' sitemap; the Traditional site has the same pages under
    `prefix`, so its entries are derived from it."""
    ET.register_namespace("", SITEMAP_NS)
    ET.register_namespace("xhtml", XHTML_NS)
    hans_file = site_dir / "sitemap.xml"
    if not hans_file.exists():
        return
    base = site_url.rstrip("/") + "/"
    pages = _pages(hans_file, base)
    root = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    for rel in sorted(pages):
        loc, lastmod = pages[rel]
        twins = {HANS: loc, HANT: base + prefix + rel if loc.startswith(base) else loc}
        for code in (HANS, HANT):
            url = ET.SubElement(root, f"{{{SITEMAP_NS}}}url")
            ET.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = twins[code]
            if lastmod:
                ET.SubElement(url, f"{{{SITEMAP_NS}}}lastmod").text = lastmod
            for other in (HANS, HANT):
                ET.SubElement(url, f"{{{XHTML_NS}}}link", {"rel": "alternate", "hreflang": other, "href": twins[other]})
    ET.indent(root)
    data = b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"
    hans_file.write_bytes(data)
    with open(hans_file.with_suffix(".xml.gz"), "wb") as raw, \
            gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz:
        gz.write(data)


def _pages(path: Path, base: str) -> dict[str, tuple[str, str]]:
    """Page path relative to its script's root → (loc, lastmod)."""
    out = {}
    for url in ET.parse(path).getroot().findall(f"{{{SITEMAP_NS}}}url"):
        loc = url.findtext(f"{{{SITEMAP_NS}}}loc", "")
        rel = loc[len(base):] if loc.startswith(base) else loc
        out[rel] = (loc, url.findtext(f"{{{SITEMAP_NS}}}lastmod", ""))
    return out
