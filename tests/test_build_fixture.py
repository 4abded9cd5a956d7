"""End to end on a small fixture project: `mkdocs build` makes both variants, links, backlinks."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers import Project, term_text


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("fixture")
    project = Project(root)
    project.write("docs/index.md", "# 测试手册\n\n这里是首页，提到私域流量。首页还会介绍这本手册的编写方法、阅读顺序和下载方式，"
                                   "也顺带提到 SCRM系统。\n\n```\n私域 在代码里\n```\n")  # 30+ characters apart: both linked
    project.write("terms/scrm.md", term_text("scrm", "SCRM", ["siyu", "shequn"], english="Social CRM",
                                             body="## 释义\n\nSCRM 连接私域与社群，不是 CDPR。\n\n## 实践要点\n\n在社群中使用 [[siyu|私域]] 和 [[!触点]]。\n"))
    result = project.build()
    assert result.returncode == 0, result.stderr
    return root / "site"


def read(site: Path, rel: str) -> str:
    return (site / rel).read_text("utf-8")


def test_every_page_exists_in_both_variants(built):
    for rel in ["index.html", "terms/index.html", "cases/index.html", "terms/siyu/index.html",
                "terms/scrm/index.html", "cases/pinpai/index.html", "categories/index.html",
                "categories/basics/index.html"]:
        assert (built / rel).is_file(), rel
        assert (built / "zh-Hant" / rel).is_file(), rel


def test_lang_hreflang_and_switch_land_on_the_same_page(built):
    hans, hant = read(built, "terms/siyu/index.html"), read(built, "zh-Hant/terms/siyu/index.html")
    assert '<html lang="zh-Hans"' in hans and '<html lang="zh-Hant"' in hant
    for page in (hans, hant):  # hreflang links are absolute, the same in both scripts
        assert '<link rel="alternate" href="https://handbook.example.org/zh-Hant/terms/siyu/" hreflang="zh-Hant">' in page
        assert '<link rel="alternate" href="https://handbook.example.org/terms/siyu/" hreflang="zh-Hans">' in page
    assert 'href="../../zh-Hant/terms/siyu/" hreflang="zh-Hant" lang="zh-Hant" class="md-select__link' in hans


def test_mentions_are_linked_with_tooltips_but_not_in_code_or_self(built):
    home = read(built, "index.html")
    assert re.search(r'<a class="hb-term" href="terms/siyu/" title="私域是一个用于测试的术语。">私域流量</a>', home)
    assert '<a class="hb-term" href="terms/scrm/"' in home
    assert "私域 在代码里" in home and "hb-term" not in home.split("<pre")[1].split("</pre>")[0]
    scrm = read(built, "terms/scrm/index.html")
    assert 'href="../scrm/"' not in scrm.split('<h2 id="参见"')[0]  # no self link
    assert "CDPR" in scrm and 'data-hb-id' not in scrm  # sanitizer drops internal attributes
    assert '<a class="hb-term hb-ref" href="../siyu/" title="私域是一个用于测试的术语。">私域</a>' in scrm
    assert '<span class="hb-nolink">触点</span>' in scrm


def test_backlinks_list_the_pages_that_mention_a_term(built):
    siyu = read(built, "terms/siyu/index.html")
    section = siyu.split('id="被引用于"')[1].split("<h2")[0]
    assert 'href="../../"' in section and 'href="../scrm/"' in section
    assert "hb-backlinks" in section


def test_traditional_variant_converts_text_not_urls(built):
    hant = read(built, "zh-Hant/terms/scrm/index.html")
    assert "連線私域與社群" in re.sub(r"<[^>]+>", "", hant)
    assert 'href="../siyu/"' in hant and 'title="私域是一個用於測試的術語。"' in hant
    assert "<title>SCRM - 測試手冊</title>" in hant


def search_text(site: Path) -> str:
    import json

    rows = [row for chunk in sorted((site / "search" / "docs").glob("*.json"))
            for row in json.loads(chunk.read_text("utf-8"))]
    return " ".join(title + " " + snippet for _, title, snippet in rows)


def test_search_index_per_variant(built):
    hans, hant = search_text(built), search_text(built / "zh-Hant")
    assert "用于测试" in hans and "用於測試" in hant and "用于测试" not in hant


def test_no_external_requests_in_pages(built):
    page = read(built, "terms/siyu/index.html")
    for src in re.findall(r'(?:src|href)="(https?://[^"]+)"', page):
        assert not re.search(r"fonts\.googleapis|fonts\.gstatic|cdn|unpkg|jsdelivr", src), src
    assert "fonts.googleapis.com" not in page


def test_autolink_false_and_explicit_references_in_docs(tmp_path):
    project = Project(tmp_path)
    project.write("terms/shequn.md", term_text("shequn", "社群", ["siyu", "chudian"], autolink=False))
    project.write("docs/index.md", "# 首页\n\n社群不会自动链接，[[社群]] 会。\n")
    assert project.build().returncode == 0
    home = (tmp_path / "site" / "index.html").read_text("utf-8")
    assert home.count('href="terms/shequn/"') == 1 and 'class="hb-term hb-ref" href="terms/shequn/"' in home
    project.write("docs/index.md", "# 首页\n\n第二行\n\n见 [[不存在的词]]。\n")
    result = project.build()
    assert result.returncode == 1
    assert "index.md:5: error explicit-link 术语链接 [[不存在的词]] 指向不存在的术语" in result.stderr


def test_completeness_check_names_what_is_missing(built):
    import shutil

    from handbook.core import corpus as corpus_mod
    from handbook.core.variants import HANS, HANT, Variant
    from handbook.outputs.completeness import missing
    from handbook.outputs.downloads import Publication

    root = built.parent
    site = root / "site-copy"
    shutil.copytree(built, site)
    shutil.rmtree(site / "zh-Hant" / "terms" / "chudian")
    corpus = corpus_mod.load(root)
    gaps = missing(site, corpus, {HANS: Variant(HANS), HANT: Variant(HANT)},
                   Publication(root / ".cache" / "downloads" / "1.1"), "1.1")
    assert "term chudian（触点）：zh-Hant 网站缺少页面 terms/chudian/" in gaps


REBUILD = """
import sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

def rebuild():  # what `mkdocs serve` does on every change: a fresh config, the same plugin objects
    build(load_config(config_file="mkdocs.yml", site_dir=sys.argv[1]))

rebuild()
term = Path("terms/siyu.md")
term.write_text(term.read_text("utf-8").replace("title: 私域", "title: 私域改"), "utf-8")
rebuild()
"""


def test_rebuild_in_one_process_as_serve_does_sees_the_edit_in_both_scripts(tmp_path):
    import os
    import subprocess
    import sys

    project = Project(tmp_path / "p")
    out = tmp_path / "served"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    result = subprocess.run([sys.executable, "-c", REBUILD, str(out)], cwd=project.root, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    hans, hant = read(out, "terms/siyu/index.html"), read(out, "zh-Hant/terms/siyu/index.html")
    assert '<html lang="zh-Hans"' in hans and ">私域改<" in hans.replace("\u200b", "")
    assert '<html lang="zh-Hant"' in hant and ">私域改<" in hant.replace("\u200b", "")


def test_serve_watches_terms_cases_and_the_conversion_table(tmp_path):
    from mkdocs.config import load_config

    project = Project(tmp_path)
    project.copy_real_table()
    config = load_config(config_file=str(tmp_path / "mkdocs.yml"))
    watched: list[str] = []

    class Server:
        def watch(self, path: str) -> None:
            watched.append(path)

    config.plugins["handbook"].on_serve(Server(), config=config, builder=None)
    assert watched == [str(tmp_path / "terms"), str(tmp_path / "cases"), str(tmp_path / "conversions.yml")]


def test_a_build_in_two_processes_writes_the_same_site(tmp_path):
    """The Traditional pages written by the second process are the ones one process writes."""
    import filecmp

    project = Project(tmp_path / "p")
    sites = {}
    for jobs in ("1", "2"):
        site = tmp_path / f"site-{jobs}"
        result = project.build("--site-dir", str(site), env={"HANDBOOK_JOBS": jobs})
        assert result.returncode == 0, result.stderr
        sites[jobs] = site
    files = sorted(p.relative_to(sites["1"]) for p in sites["1"].rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(sites["2"]) for p in sites["2"].rglob("*") if p.is_file())
    assert any(f.parts[0] == "zh-Hant" for f in files)
    assert [f for f in files if not filecmp.cmp(sites["1"] / f, sites["2"] / f, shallow=False)] == []
