"""A reader in a real browser (Debian's Chromium driven by Playwright) on the real handbook.

Every request the browser makes is logged; none may go to a host other than the local server.
Screenshots of the home page, a term page and search results in both scripts are written to
tests/.artifacts/ for a human to look at.
"""
from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

pytestmark = [pytest.mark.build, pytest.mark.browser]
ARTIFACTS = Path(__file__).parent / ".artifacts"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass


@pytest.fixture(scope="module")
def server(real_site):
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(real_site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser(chromium):
    return chromium


@pytest.fixture(scope="module")
def requests_seen():
    return []


@pytest.fixture
def page(browser, requests_seen):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    p = context.new_page()
    p.on("request", lambda r: requests_seen.append(r.url))
    yield p
    context.close()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


@pytest.mark.parametrize("prefix,lang,title", [("", "zh-Hans", "私域运营术语手册"), ("zh-Hant/", "zh-Hant", "私域營運術語手冊")])
def test_home_page_in_each_script(page, server, prefix, lang, title):
    page.goto(f"{server}/{prefix}")
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("article h1").first.inner_text().replace("¶", "").strip() == title
    shot(page, f"home-{lang}")


def open_search(page) -> None:
    """Open search the way a reader does: the input in the header (wide) or the magnifier (phone)."""
    if page.viewport_size["width"] >= 960:  # Material's 60em breakpoint: the box sits in the header
        page.locator("input.md-search__input").click()
    else:
        page.locator("label.md-header__button[for=__search]").click()


def result_links(page) -> list[str]:
    page.locator(".md-search-result__item a").first.wait_for(timeout=15000)
    return page.locator(".md-search-result__item a").evaluate_all("els => els.map(e => e.getAttribute('href'))")


@pytest.mark.parametrize("prefix,query,href", [("", "私域流量", "terms/siyu/"), ("zh-Hant/", "企業微信", "terms/qiye-weixin/")])
def test_search_finds_a_term(page, server, prefix, query, href):
    page.goto(f"{server}/{prefix}")
    open_search(page)
    page.locator("input.md-search__input").fill(query)
    links = result_links(page)
    assert links[0].endswith(href), links[:5]
    text = page.locator(".md-search-result").inner_text()
    assert "在该页上还有" not in text and "在該頁上還有" not in text
    shot(page, f"search-{'zh-Hant' if prefix else 'zh-Hans'}")


def test_search_starts_from_text_an_input_method_commits(page, server):
    """An input method commits text without key events: CDP Input.insertText sends only `input`."""
    page.goto(f"{server}/terms/")
    page.evaluate("window.hbKeys = 0; for (const t of ['keydown', 'keyup', 'keypress'])"
                  " document.addEventListener(t, () => window.hbKeys++, true)")
    open_search(page)
    cdp = page.context.new_cdp_session(page)
    cdp.send("Input.insertText", {"text": "企业微信"})
    assert result_links(page)[0].endswith("terms/qiye-weixin/")
    assert page.evaluate("window.hbKeys") == 0


SEARCH = "async (queries) => { const out = []; for (const q of queries) out.push((await hbSearch.search(q)).map(r => r.url)); return out; }"


def run_queries(page, server, prefix: str, queries: list[str]) -> list[list[str]]:
    page.goto(f"{server}/{prefix}")
    return page.evaluate(SEARCH, queries)


@pytest.mark.parametrize("code,prefix", [("zh-Hans", ""), ("zh-Hant", "zh-Hant/")])
def test_search_ranks_each_title_and_alias_first(page, server, code, prefix):
    from handbook.core import corpus as corpus_mod
    from helpers import REPO, current_edition, real_variant

    convert = real_variant(code).convert
    corpus = corpus_mod.load(REPO).for_edition(current_edition())
    queries = [(convert(name), term.id) for term in corpus.terms.values() for name in term.names]
    results = run_queries(page, server, prefix, [q for q, _ in queries])
    first = sum(r[:1] == [f"terms/{ident}/"] for r, (_, ident) in zip(results, queries, strict=True))
    top3 = sum(f"terms/{ident}/" in r[:3] for r, (_, ident) in zip(results, queries, strict=True))
    assert first >= 0.95 * len(queries) and top3 >= 0.95 * len(queries), (first, top3, len(queries))


TYPED = [  # as people type them: lower case, abbreviations, full-width letters, prefixes, short questions
    ("scrm", "scrm"), ("gmv", "gmv"), ("Ltv", "ltv"), ("ｋｏｃ", "koc"), ("roi", "roi"), ("wecom", "qiye-weixin"),
    ("rfm模型", "rfm"), ("unionid", "unionid"), ("企微", "qiye-weixin"), ("公号", "gongzhonghao"),
    ("什么是私域？", "siyu"), ("私域是什么", "siyu"), ("企业微信是什么意思", "qiye-weixin"), ("什么是gmv", "gmv"),
    ("社群裂变怎么做", "liebian"), ("用户分层", "fenceng-yunying"), ("朋友圈", "pengyouquan"), ("获客成本", "cac"),
    ("裂", "liebian"), ("企业微", "qiye-weixin"),
]


@pytest.mark.parametrize("code,prefix", [("zh-Hans", ""), ("zh-Hant", "zh-Hant/")])
def test_search_answers_queries_as_people_type_them(page, server, code, prefix):
    from helpers import real_variant

    convert = real_variant(code).convert
    results = run_queries(page, server, prefix, [convert(q) for q, _ in TYPED])
    missed = [(q, r[:3]) for (q, ident), r in zip(TYPED, results, strict=True) if f"terms/{ident}/" not in r[:3]]
    assert len(missed) <= 1, missed


@pytest.mark.parametrize("prefix", ["", "zh-Hant/"])
def test_a_query_in_the_other_script_finds_the_same_term(page, server, prefix):
    """企业微信 and 企業微信, 私域流量 and its Traditional form, give the same first result on both sites."""
    from helpers import real_variant

    hant = real_variant("zh-Hant").convert
    pairs = [("企业微信", "terms/qiye-weixin/"), ("私域流量", "terms/siyu/"), ("社群运营", None), ("会员日", None)]
    queries = [q for text, _ in pairs for q in (text, hant(text))]
    results = run_queries(page, server, prefix, queries)
    for n, (text, expected) in enumerate(pairs):
        simplified, traditional = results[2 * n], results[2 * n + 1]
        assert simplified and simplified[0] == traditional[0], (text, simplified[:3], traditional[:3])
        if expected:
            assert simplified[0] == expected


def test_readers_search_leaves_out_contributor_pages(page, server):
    results = run_queries(page, server, "", ["参与编写", "检查规则", "拉取请求"])
    assert not any(url.startswith(("contributing/", "rules/")) for r in results for url in r), results


PAGES = ["", "terms/", "categories/", "terms/qiye-weixin/", "terms/siyu/", "cases/maoye-baihuo/", "changelog/",
         "about/"]


@pytest.mark.parametrize("prefix", ["", "zh-Hant/"])
def test_no_index_no_sitemap_and_no_404_before_search_is_opened(browser, server, prefix):
    """Loading a page fetches neither the search index nor a sitemap, and nothing answers 404;
    opening search then fetches only the small manifest."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    seen: list[tuple[int, str]] = []
    page.on("response", lambda r: seen.append((r.status, urlsplit(r.url).path)))
    for path in PAGES:
        page.goto(f"{server}/{prefix}{path}", wait_until="networkidle")
    assert [s for s in seen if s[0] >= 400] == []
    assert [p for _, p in seen if "/search/" in p or "sitemap" in p] == []
    before = len(seen)
    with page.expect_response(lambda r: r.url.endswith("/manifest.json")):
        open_search(page)
    page.wait_for_timeout(300)
    assert [p for _, p in seen[before:]] == [f"/{prefix}search/manifest.json"]
    page.keyboard.insert_text("私域")
    result_links(page)
    assert [s for s in seen if s[0] >= 400] == []
    context.close()


def test_following_a_term_link(page, server):
    page.goto(f"{server}/terms/qiye-weixin/")
    link = page.locator("article a.hb-term").first
    target = link.get_attribute("href")
    text = link.inner_text()
    link.click()
    page.wait_for_load_state()
    assert page.url.rstrip("/").endswith(target.strip("./").rstrip("/").split("/")[-1])
    assert page.locator("article h1").first.inner_text().strip()
    assert text


def test_tooltip_shows_the_summary_on_hover(page, server):
    page.goto(f"{server}/terms/qiye-weixin/")
    link = page.locator("article.md-content__inner p a.hb-term").first
    summary = link.get_attribute("title") or ""
    link.hover()
    tip = page.locator(".md-tooltip2--active")
    tip.wait_for(timeout=5000)
    assert summary and summary in tip.inner_text()


@pytest.mark.parametrize("start,lang", [("terms/siyu/", "zh-Hant"), ("zh-Hant/terms/siyu/", "zh-Hans")])
def test_language_switch_lands_on_the_same_page(page, server, start, lang):
    page.goto(f"{server}/{start}")
    shot(page, f"term-{'zh-Hans' if lang == 'zh-Hant' else 'zh-Hant'}")
    page.locator(".md-select button").first.hover()
    page.locator(f"a.hb-switch[hreflang={lang}]").click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path.rstrip("/").endswith("terms/siyu")
    assert page.locator("html").get_attribute("lang") == lang


def test_a_to_z_index_letter_bar(page, server):
    page.goto(f"{server}/terms/")
    page.locator("nav.hb-az a", has_text="S").first.click()
    assert page.url.endswith("#s")
    group = page.locator("h2#s + ul.hb-index li")
    assert group.count() > 5
    assert "私域" in page.locator("h2#s + ul.hb-index").inner_text()


def test_download_link_returns_a_pdf(page, server):
    page.goto(f"{server}/")
    href = page.locator("a[href$='zh-Hans.pdf']").first.get_attribute("href")
    response = page.request.get(f"{server}/{href}")
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body()[:5] == b"%PDF-"


def test_phone_layout(browser, server, requests_seen):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    p = context.new_page()
    p.on("request", lambda r: requests_seen.append(r.url))
    p.goto(f"{server}/terms/siyu/")
    width = p.evaluate("document.documentElement.scrollWidth")
    assert width <= 390 + 1
    shot(p, "term-phone")
    context.close()


def test_zz_no_request_left_the_local_server(server, requests_seen):
    hosts = {urlsplit(u).netloc for u in requests_seen if not u.startswith(("data:", "blob:"))}
    assert requests_seen and hosts == {urlsplit(server).netloc}
