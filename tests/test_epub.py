"""The real EPUBs: EPUBCheck (Debian's `epubcheck`), metadata, nav with every term, working links."""
from __future__ import annotations

import json
import re
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from handbook.core import corpus as corpus_mod
from handbook.core.variants import HANS, HANT
from helpers import REPO, current_edition, real_variant

pytestmark = pytest.mark.build
CORPUS = corpus_mod.load(REPO).for_edition(current_edition())
EPUBCHECK = Path("/usr/share/java/epubcheck.jar")
XHTML = "{http://www.w3.org/1999/xhtml}"
OPF = "{http://www.idpf.org/2007/opf}"
DC = "{http://purl.org/dc/elements/1.1/}"


def epub(site: Path, code: str) -> Path:
    return site / "downloads" / f"handbook-{current_edition()}-{code}.epub"


def test_epubcheck_finds_no_error_or_warning(real_site, tmp_path):
    """Both books at once (one JVM each, side by side): no fatal, error or warning."""
    if not EPUBCHECK.exists():
        pytest.fail("EPUBCheck is missing: scripts/test installs Debian's epubcheck")
    runs = {code: subprocess.Popen(["java", "-jar", str(EPUBCHECK), str(epub(real_site, code)), "--json",
                                    str(tmp_path / f"{code}.json")], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                   text=True) for code in (HANS, HANT)}
    for code, run in runs.items():
        output, _ = run.communicate(timeout=600)
        report = json.loads((tmp_path / f"{code}.json").read_text("utf-8"))
        problems = [m for m in report["messages"] if m["severity"] in ("FATAL", "ERROR", "WARNING")]
        assert problems == [] and run.returncode == 0, (code, problems[:5], output[-2000:])


@pytest.mark.parametrize("code", [HANS, HANT])
def test_package_metadata_nav_and_links(real_site, code):
    convert = real_variant(code).convert
    with zipfile.ZipFile(epub(real_site, code)) as book:
        names = book.namelist()
        assert names[0] == "mimetype" and book.getinfo("mimetype").compress_type == zipfile.ZIP_STORED
        opf = ET.fromstring(book.read("EPUB/package.opf"))
        meta = opf.find(f"{OPF}metadata")
        assert meta.findtext(f"{DC}language") == code
        assert convert("私域运营术语手册") in meta.findtext(f"{DC}title") and current_edition() in meta.findtext(f"{DC}title")
        assert meta.findtext(f"{DC}identifier").startswith("urn:uuid:")
        props = {m.get("property"): m.text for m in meta.findall(f"{OPF}meta") if m.get("property")}
        assert props["schema:version"] == current_edition() and re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", props["dcterms:modified"])
        items = opf.find(f"{OPF}manifest")
        assert any("cover-image" in (i.get("properties") or "") for i in items)
        documents = {n.removeprefix("EPUB/"): ET.fromstring(book.read(n)) for n in names if n.endswith(".xhtml")}
    ids = {name: {el.get("id") for el in doc.iter() if el.get("id")} for name, doc in documents.items()}
    nav = documents["nav.xhtml"]
    nav_text = "".join(nav.itertext())
    for entry in CORPUS.entries():
        assert convert(entry.title).replace(" ", "") in nav_text.replace(" ", "").replace("\u2005", ""), entry.id
    checked = 0
    for name, doc in documents.items():
        assert doc.get("lang") == code
        for a in doc.iter(f"{XHTML}a"):
            href = a.get("href", "")
            if href.startswith(("http://", "https://", "mailto:")):
                continue
            target, _, anchor = href.partition("#")
            target = target or name
            assert target in ids, (name, href)
            assert not anchor or anchor in ids[target], (name, href)
            checked += 1
    related = sum(len([r for r in t.related if r in CORPUS.terms]) for t in CORPUS.terms.values())
    assert checked > related  # the cross-references, the index and the nav


def test_han_latin_spaces_are_fixed_quarter_em_spaces(real_site):
    with zipfile.ZipFile(epub(real_site, HANS)) as book:
        text = book.read("EPUB/part-basics.xhtml").decode("utf-8")
    assert "\u2005" in text
    assert not re.search("[\u4e00-\u9fff] [A-Za-z0-9]|[A-Za-z0-9] [\u4e00-\u9fff]", re.sub(r"<[^>]+>", "", text))


def test_home_page_links_the_epubs_with_their_size(real_site):
    for root in (real_site, real_site / "zh-Hant"):
        home = (root / "index.html").read_text("utf-8")
        for code in (HANS, HANT):
            edition = re.escape(current_edition())
            assert re.search(rf'href="(\.\./)?downloads/handbook-{edition}-{code}\.epub"', home)
        assert re.search(rf"EPUB [^<]+</a><span[^>]*>{re.escape(current_edition())} 版，\d+ KB", home)
