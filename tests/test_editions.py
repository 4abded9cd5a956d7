"""Editions: an earlier edition built from today's sources, the changelog, deprecation."""
from __future__ import annotations

import re

import pytest

from conftest import build_real_site
from handbook.core import corpus as corpus_mod
from helpers import REPO, term_text

pytestmark = pytest.mark.build
FULL = corpus_mod.load(REPO)
OUTSIDE_1_0 = {"maoye-baihuo", "feizhimi", "qiaqia", "quchenshi", "ur"}
"""Case studies taken from articles outside the 1.0 glossary: first published in 1.1."""


def test_edition_1_0_build_has_exactly_the_105_terms(tmp_path):
    site = build_real_site(tmp_path, HANDBOOK_EDITION="1.0", HANDBOOK_PDF="0")
    for root in (site, site / "zh-Hant"):
        terms = {p.parent.name for p in (root / "terms").glob("*/index.html")}
        assert terms == {t.id for t in FULL.terms.values() if t.since == "1.0"}
        assert len(terms) == 105
        cases = {p.parent.name for p in (root / "cases").glob("*/index.html")}
        assert cases == {c.id for c in FULL.cases.values() if c.since == "1.0"}
        assert not cases & OUTSIDE_1_0
    numbers = sorted(t.number for t in FULL.terms.values() if t.since == "1.0")
    assert numbers == list(range(1, 106))
    changelog = (site / "changelog" / "index.html").read_text("utf-8")
    assert "1.0 版" in changelog and "1.1 版" not in changelog
    home = (site / "index.html").read_text("utf-8")
    assert "handbook-1.0-zh-Hans.pdf" not in home  # PDFs were switched off for this build
    qiye = (site / "terms" / "siyu" / "index.html").read_text("utf-8")
    assert 'href="../qiye-weixin/"' not in qiye  # 企业微信 is a 1.1 term: not linked in 1.0
    api = (site / "terms" / "api" / "index.html").read_text("utf-8")
    assert "三联中读的案例" in api and "cases/sanlian-zhongdu/" not in api  # a 1.1 case: plain text in 1.0


def section(html: str, heading: str) -> str:
    part = html.split(f">{heading}<", 1)[1]
    return part.split("<h2", 1)[0]


def test_changelog_lists_exactly_the_additions_and_revisions(real_site):
    html = (real_site / "changelog" / "index.html").read_text("utf-8")
    v11 = html.split('id="v1-1"', 1)[1].split('id="v1-0"', 1)[0]
    groups = dict(re.findall(r"<h3>([^<（]+)（(\d+)）</h3>", v11))
    added = {t.title for t in FULL.terms.values() if t.since == "1.1"}
    revised = {t.title for t in FULL.entries() if any(c.edition == "1.1" for c in t.changed)}
    cases = {c.title for c in FULL.cases.values() if c.since == "1.1"}
    assert groups == {"新增术语": str(len(added)), "新增案例": str(len(cases)), "修订": str(len(revised))}
    listed = set(re.findall(r'title="[^"]*">([^<]+)</a>', v11))
    assert added <= listed and revised <= listed and cases <= listed
    assert {c.title for c in FULL.cases.values() if c.id in OUTSIDE_1_0} <= cases
    assert len(added) >= 40 and len(revised) >= 10


def test_current_edition_build_has_every_case_including_the_five_added_in_1_1(real_site):
    for root in (real_site, real_site / "zh-Hant"):
        cases = {p.parent.name for p in (root / "cases").glob("*/index.html")}
        assert cases == set(FULL.cases) and OUTSIDE_1_0 <= cases


def test_deprecated_term_shows_its_replacement_and_is_not_autolinked(project):
    project.write("terms/jiuci.md", term_text("jiuci", "旧词", ["siyu", "shequn"],
                                              deprecated={"edition": "1.1", "by": "siyu"}))
    project.write("docs/index.md", "# 首页\n\n旧词已经停用，触点仍在用。\n")
    result = project.build()
    assert result.returncode == 0, result.stderr
    page = (project.root / "site" / "terms" / "jiuci" / "index.html").read_text("utf-8")
    assert "本条已于 1.1 版停用，请改用" in page and 'href="../siyu/"' in page
    assert "1.0 收录 / 1.1 停用" in page
    home = (project.root / "site" / "index.html").read_text("utf-8")
    assert 'href="terms/jiuci/"' not in home and 'href="terms/chudian/"' in home


def test_edition_1_1_build_has_exactly_the_terms_and_cases_of_1_1(tmp_path):
    site = build_real_site(tmp_path, HANDBOOK_EDITION="1.1", HANDBOOK_PDF="0")
    editions = {"1.0", "1.1"}
    for root in (site, site / "zh-Hant"):
        terms = {p.parent.name for p in (root / "terms").glob("*/index.html")}
        assert terms == {t.id for t in FULL.terms.values() if t.since in editions}
        assert len(terms) == 155
        cases = {p.parent.name for p in (root / "cases").glob("*/index.html")}
        assert cases == {c.id for c in FULL.cases.values() if c.since in editions}
        assert len(cases) == 17
    changelog = (site / "changelog" / "index.html").read_text("utf-8")
    assert "1.1 版" in changelog and "1.2 版" not in changelog
    siyu = (site / "terms" / "siyu" / "index.html").read_text("utf-8")
    # 私域 gained 1.2 relations and text in 1.2; in the 1.1 build those terms are neither listed nor linked
    assert 'href="../qiye-weixin/"' in siyu
    assert 'href="../siyu-hegui/"' not in siyu and 'href="../jiekou-xuke/"' not in siyu
    assert (site / "downloads" / "glossary-1.1.json").is_file()


def test_changelog_lists_the_additions_and_revisions_of_1_2(real_site):
    html = (real_site / "changelog" / "index.html").read_text("utf-8")
    v12 = html.split('id="v1-2"', 1)[1].split('id="v1-1"', 1)[0]
    groups = dict(re.findall(r"<h3>([^<（]+)（(\d+)）</h3>", v12))
    added = {t.title for t in FULL.terms.values() if t.since == "1.2"}
    added_cases = {c.title for c in FULL.cases.values() if c.since == "1.2"}
    revised = {t.title for t in FULL.entries() if any(c.edition == "1.2" for c in t.changed)}
    assert groups == {"新增术语": str(len(added)), "新增案例": str(len(added_cases)), "修订": str(len(revised))}
    listed = set(re.findall(r'title="[^"]*">([^<]+)</a>', v12))
    assert added <= listed and added_cases <= listed and revised <= listed
    assert len(FULL.terms) >= 180 and len(FULL.cases) >= 20
    assert len(added) >= 25 and len(added_cases) >= 3 and len(revised) >= 8
