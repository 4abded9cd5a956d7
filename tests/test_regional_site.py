"""The built Traditional edition reads as the region's Chinese (issue 16): no mainland word from the
region's list anywhere a reader looks (pages, search index, exports, PDF), and every product name
of a Simplified page reaches its Traditional page in the product's own form."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import build_real_site
from handbook.core.variants import MARKUP, strip_markup
from helpers import REPO
from regional_words import count, edition, page_text


def _report(found) -> str:
    return "\n".join(f"{n} {w} {found.places[w]}" for w, n in found.words.most_common())


def test_taiwan_edition_has_no_mainland_words(real_site: Path) -> None:
    pdfs = sorted((real_site / "downloads").glob("*zh-Hant*.pdf"))
    assert pdfs, "the Traditional PDF is missing"
    found = count(real_site, "tw", pdfs)
    assert found.total == 0, _report(found)


def test_product_names_reach_every_traditional_page(real_site: Path) -> None:
    variant, _, _ = edition("tw")
    names = [(e.hans, variant.convert(e.hans)) for e in variant.table if e.kind == "name"]
    # text editors protected with -{…}- stays as written in both scripts: not a product name to convert
    protected = [strip_markup(m.group(0)) for folder in ("terms", "cases", "docs")
                 for path in (REPO / folder).glob("*.md") for m in MARKUP.finditer(path.read_text("utf-8"))]
    checked = 0
    for page in sorted(real_site.rglob("*.html")):
        rel = page.relative_to(real_site)
        if rel.parts[0] == "zh-Hant":
            continue
        twin = real_site / "zh-Hant" / rel
        assert twin.exists(), rel
        hans, hant = page_text(page.read_text("utf-8")), page_text(twin.read_text("utf-8"))
        for span in protected:
            hans = hans.replace(span, "")
        for simplified, product in names:
            if simplified in hans:
                checked += 1
                assert hant.count(product) >= hans.count(simplified), (rel, simplified, product)
    assert checked > 100


def test_the_ui_and_the_page_agree_on_search(real_site: Path) -> None:
    home = (real_site / "zh-Hant" / "index.html").read_text("utf-8")
    assert "搜尋" in home and "搜索" not in page_text(home)


def test_a_word_the_table_misses_is_caught(real_site: Path, tmp_path: Path) -> None:
    """The counter is not blind: a page with a mainland word is reported with its place."""
    site = tmp_path / "site"
    (site / "zh-Hant").mkdir(parents=True)
    (site / "zh-Hant" / "index.html").write_text("<p>我們的營銷與<code>營銷</code>，視頻號。</p>", "utf-8")
    found = count(site, "tw")
    assert found.total == 1 and found.words["營銷"] == 1 and "zh-Hant/index.html" in found.places["營銷"]


@pytest.fixture(scope="module")
def hong_kong_site(tmp_path_factory) -> Path:
    return build_real_site(tmp_path_factory.mktemp("hk"), HANDBOOK_REGION="hk", HANDBOOK_PDF="0")


def test_hong_kong_edition_passes_with_its_own_list(hong_kong_site: Path) -> None:
    found = count(hong_kong_site, "hk")
    assert found.total == 0, _report(found)
    text = page_text((hong_kong_site / "zh-Hant" / "terms" / "siyu" / "index.html").read_text("utf-8"))
    assert "營運" in text and "分店" in text and "門市" not in text
