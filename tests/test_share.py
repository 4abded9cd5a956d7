"""Sharing: Open Graph and Twitter metadata, share images, absolute hreflang links and JSON-LD on a
small fixture project built end to end (both scripts), with `site_url` set per deployment."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image

from helpers import REPO, Project

SITE = "https://deploy.example.net/handbook/"
PAGES = ["", "terms/", "categories/", "cases/", "terms/siyu/", "cases/pinpai/"]


class _Head(HTMLParser):
    """Meta properties, hreflang links, JSON-LD and the body's images of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.hreflang: dict[str, str] = {}
        self.images: list[dict[str, str | None]] = []
        self.json_ld: list[str] = []
        self._in_ld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "meta" and (a.get("property") or a.get("name")):
            self.meta.setdefault(a.get("property") or a.get("name") or "", a.get("content") or "")
        elif tag == "link" and a.get("rel") == "alternate" and a.get("hreflang"):
            self.hreflang[a["hreflang"] or ""] = a.get("href") or ""
        elif tag == "img":
            self.images.append(a)
        self._in_ld = tag == "script" and a.get("type") == "application/ld+json"

    def handle_data(self, data: str) -> None:
        if self._in_ld:
            self.json_ld.append(data)
            self._in_ld = False


def head(site: Path, rel: str) -> _Head:
    parser = _Head()
    parser.feed((site / rel / "index.html").read_text("utf-8"))
    return parser


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("share")
    project = Project(root)
    yml = (root / "mkdocs.yml").read_text("utf-8")
    (root / "mkdocs.yml").write_text(yml.replace("site_url: https://handbook.example.org/",
                                                 'site_url: !ENV [HANDBOOK_SITE_URL, "https://handbook.example.org/"]'),
                                     "utf-8")
    result = project.build(env={"HANDBOOK_SITE_URL": SITE})
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.mark.parametrize("prefix,locale", [("", "zh_CN"), ("zh-Hant/", "zh_TW")])
@pytest.mark.parametrize("rel", PAGES)
def test_every_page_has_share_metadata(built, rel, prefix, locale):
    page = head(built, prefix + rel)
    for key in ("og:title", "og:description", "og:url", "og:image", "twitter:card", "twitter:image"):
        assert page.meta.get(key), (rel, key)
    assert page.meta["og:url"] == SITE + prefix + rel  # site_url came from HANDBOOK_SITE_URL
    assert page.meta["og:locale"] == locale
    assert page.meta["twitter:card"] == "summary_large_image"
    image = page.meta["og:image"]
    assert image.startswith(SITE + prefix + "cards/")
    file = built / image[len(SITE):]
    with Image.open(file) as img:
        assert img.size == (1200, 630)
    first = page.images[0]  # WeChat takes the first large image of the body
    assert first["src"] and (built / prefix / rel / first["src"]).resolve() == file.resolve()
    assert int(first["width"] or 0) >= 300 and int(first["height"] or 0) >= 300


def test_term_and_case_cards_are_their_own_and_in_each_script(built):
    hans, hant = built / "cards/terms/siyu.jpg", built / "zh-Hant/cards/terms/siyu.jpg"
    assert hans.read_bytes() != hant.read_bytes()
    assert (built / "cards/cases/pinpai.jpg").read_bytes() != hans.read_bytes()
    assert head(built, "terms/siyu/").meta["og:image"] == SITE + "cards/terms/siyu.jpg"
    assert head(built, "zh-Hant/terms/siyu/").meta["og:image"] == SITE + "zh-Hant/cards/terms/siyu.jpg"


def test_traditional_metadata_is_converted(built):
    hans, hant = head(built, "terms/siyu/"), head(built, "zh-Hant/terms/siyu/")
    assert hans.meta["og:site_name"] == "测试手册" and hant.meta["og:site_name"] == "測試手冊"
    assert hant.meta["og:description"] != hans.meta["og:description"]
    assert hant.meta["og:locale:alternate"] == "zh_CN"


@pytest.mark.parametrize("rel", ["terms/siyu/", "zh-Hant/terms/siyu/", "", "zh-Hant/"])
def test_hreflang_links_are_absolute_with_x_default(built, rel):
    page = head(built, rel)
    path = rel.removeprefix("zh-Hant/")
    assert page.hreflang == {"zh-Hans": SITE + path, "zh-Hant": SITE + "zh-Hant/" + path, "x-default": SITE + path}


# schema.org properties allowed on each type (their domains include the type or a supertype).
ALLOWED = {
    "DefinedTerm": {"@context", "@type", "@id", "url", "name", "description", "termCode", "inDefinedTermSet",
                    "alternateName", "image", "sameAs", "identifier"},
    "DefinedTermSet": {"@context", "@type", "@id", "url", "name", "description", "inLanguage", "version",
                       "hasDefinedTerm", "image", "dateModified"},
}


def _check_types(node: object) -> None:
    if isinstance(node, dict):
        kind = node.get("@type")
        if kind in ALLOWED:
            assert set(node) <= ALLOWED[kind], (kind, set(node) - ALLOWED[kind])
        for value in node.values():
            _check_types(value)
    elif isinstance(node, list):
        for value in node:
            _check_types(value)


@pytest.mark.parametrize("prefix", ["", "zh-Hant/"])
def test_json_ld_urls_types_and_properties(built, prefix):
    term = json.loads(head(built, prefix + "terms/siyu/").json_ld[0])
    assert term["@type"] == "DefinedTerm"
    assert term["@id"] == term["url"] == SITE + prefix + "terms/siyu/"
    assert term["inDefinedTermSet"]["url"] == SITE + prefix + "terms/"
    assert term["image"] == SITE + prefix + "cards/terms/siyu.jpg"
    assert term["name"] == "私域"
    term_set = json.loads(head(built, prefix + "terms/").json_ld[0])
    assert term_set["@type"] == "DefinedTermSet" and term_set["url"] == SITE + prefix + "terms/"
    assert term_set["inLanguage"] == ("zh-Hant" if prefix else "zh-Hans")
    for data in (term, term_set):
        _check_types(data)
        assert "zh-Hant/zh-Hant/" not in json.dumps(data)


def test_json_ld_check_rejects_a_property_outside_its_domain():
    with pytest.raises(AssertionError):
        _check_types({"@type": "DefinedTerm", "inLanguage": "zh-Hans"})


def test_site_url_of_the_real_config_comes_from_the_environment(monkeypatch):
    from mkdocs.config import load_config

    monkeypatch.setenv("HANDBOOK_SITE_URL", SITE)
    assert load_config(str(REPO / "mkdocs.yml")).site_url == SITE
    monkeypatch.delenv("HANDBOOK_SITE_URL")
    assert load_config(str(REPO / "mkdocs.yml")).site_url == "https://handbook.example.org/"


def test_cards_are_cached_by_content(tmp_path):
    from handbook.outputs.sharecards import Card, CardWriter

    writer = CardWriter(tmp_path / "cache")
    card = Card("zh-Hant", "私域", "品牌自己掌握的客戶關係。", "手冊", "術語")
    writer.write([(tmp_path / "a.jpg", card), (tmp_path / "b.jpg", card),
                  (tmp_path / "c.jpg", Card("zh-Hans", "私域", "品牌自己掌握的客户关系。", "手册", "术语"))])
    assert (writer.drawn, writer.reused) == (2, 1)
    assert (tmp_path / "a.jpg").read_bytes() == (tmp_path / "b.jpg").read_bytes() != (tmp_path / "c.jpg").read_bytes()


def test_card_text_wraps_and_ends_with_an_ellipsis():
    from handbook.outputs.sharecards import font, wrap

    face = font("zh-Hans", "Regular", 38)
    lines = wrap("私域运营，" * 60, face, 600, 3)
    assert len(lines) == 3 and lines[-1].endswith("…")
    assert all(face.getlength(line) <= 600 + 38 for line in lines)
    assert not any(line.startswith("，") for line in lines)


def test_hidden_share_image_is_not_downloaded_by_readers(built):
    html = (built / "terms/siyu/index.html").read_text("utf-8")
    tag = re.search(r'<div class="hb-share-image" hidden><img [^>]*></div>', html)
    assert tag and 'loading="lazy"' in tag.group(0)


def test_material_bundle_fetches_no_sitemap_next_to_the_absolute_hreflang_links(built):
    """Material fetches `sitemap.xml` beside every `link rel=alternate`: with absolute hreflang links
    that would be another host. The served bundle no longer selects those links."""
    bundles = list((built / "assets/javascripts").glob("bundle.*.min.js"))
    assert len(bundles) == 1
    js = bundles[0].read_text("utf-8")
    assert '"link[rel=alternate]"' not in js and '"link[rel=alternate][data-md-sitemap]"' in js
    from handbook.adapter.material import patch_bundle

    assert patch_bundle("no such code") is None
