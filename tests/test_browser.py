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


@pytest.mark.parametrize("prefix,lang,title", [("", "zh-Hans", "私域运营术语手册"), ("zh-Hant/", "zh-Hant", "私域運營術語手冊")])
def test_home_page_in_each_script(page, server, prefix, lang, title):
    page.goto(f"{server}/{prefix}")
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("article h1").first.inner_text().replace("¶", "").strip() == title
    shot(page, f"home-{lang}")


@pytest.mark.parametrize("prefix,query,href", [("", "私域流量", "terms/siyu/"), ("zh-Hant/", "企業微信", "terms/qiye-weixin/")])
def test_search_finds_a_term(page, server, prefix, query, href):
    page.goto(f"{server}/{prefix}")
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").fill(query)
    first = page.locator(".md-search-result__item a").first
    first.wait_for(timeout=15000)
    links = page.locator(".md-search-result__item a").evaluate_all("els => els.map(e => e.href)")
    assert links[0].split("?")[0].split("#")[0].endswith(href), links[:5]
    shot(page, f"search-{'zh-Hant' if prefix else 'zh-Hans'}")


WORKER_QUERIES = """async ([queries]) => {
  const worker = JSON.parse(document.getElementById("__config").textContent).search;
  const idx = await (await fetch("search/search_index.json")).json();
  idx.options = {suggest: false};
  const w = new Worker(worker);
  const send = (m) => new Promise(r => { w.onmessage = e => r(e.data); w.postMessage(m); });
  await send({type: 0, data: idx});
  const out = [];
  for (const q of queries) {
    const r = await send({type: 2, data: q});
    out.push(r.data.items.slice(0, 3).map(g => g[0].location));
  }
  return out;
}"""


@pytest.mark.parametrize("code,prefix", [("zh-Hans", ""), ("zh-Hant", "zh-Hant/")])
def test_search_ranks_each_title_and_alias_first(page, server, code, prefix):
    from handbook.core import corpus as corpus_mod
    from helpers import REPO, current_edition, real_variant

    convert = real_variant(code).convert
    corpus = corpus_mod.load(REPO).for_edition(current_edition())
    queries = [(convert(name), term.id) for term in corpus.terms.values() for name in term.names]
    page.goto(f"{server}/{prefix}")
    results = page.evaluate(WORKER_QUERIES, [[q for q, _ in queries]])
    first = sum(r[:1] == [f"terms/{ident}/"] for r, (_, ident) in zip(results, queries, strict=True))
    top3 = sum(f"terms/{ident}/" in r for r, (_, ident) in zip(results, queries, strict=True))
    assert first >= 0.85 * len(queries) and top3 >= 0.93 * len(queries), (first, top3, len(queries))


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
