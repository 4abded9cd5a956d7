"""Reading on a phone: tap tooltips, the letter bar, tables, folded backlinks, sources near the top,
UI text in the page's script. Browser tests run Debian's Chromium on the real handbook."""
from __future__ import annotations

import re

import pytest

from handbook.core.variants import HANS, Variant
from handbook.outputs.pages import BACKLINKS_SHOWN, backlinks_html

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}


@pytest.fixture(scope="module")
def base(real_site):
    from a11y import serve

    with serve(real_site) as url:
        yield url


@pytest.fixture
def phone(chromium):
    context = chromium.new_context(**PHONE)
    yield context.new_page()
    context.close()


# -- folded backlinks, sources near the top (no browser) ------------------------------------------

def test_long_backlink_lists_fold_after_twelve():
    pages = {f"terms/t{n:03d}/": f"术语{n}" for n in range(30)}
    html = backlinks_html(pages, "terms/siyu/", Variant(HANS))
    shown, folded = html.split("<details", 1)
    assert shown.count("<li>") == BACKLINKS_SHOWN == 12
    assert "<summary>全部 30 个</summary>" in folded and folded.count("<li>") == 30 - 12
    short = backlinks_html(dict(list(pages.items())[:12]), "terms/siyu/", Variant(HANS))
    assert "<details" not in short and short.count("<li>") == 12


@pytest.mark.build
@pytest.mark.parametrize("prefix", ["", "zh-Hant/"])
def test_the_siyu_page_folds_its_backlinks_and_puts_sources_first(real_site, prefix):
    html = (real_site / prefix / "terms/siyu/index.html").read_text("utf-8")
    card = html.split('class="hb-card', 1)[1].split("</div>", 1)[0]
    assert 'href="#sources"' in card  # the sources are one tap away from the top
    assert html.index('id="sources"') < html.index('id="被引用于"')
    backlinks = html.split('id="被引用于"', 1)[1]
    first = backlinks.split("<details", 1)[0]
    assert first.count("<li>") == BACKLINKS_SHOWN
    total = re.search(r"<summary>全部 (\d+) [个個]</summary>", backlinks)
    assert total and int(total.group(1)) > 100


@pytest.mark.build
@pytest.mark.parametrize("prefix", ["", "zh-Hant/"])
def test_footer_and_home_page_speak_the_pages_script(real_site, prefix):
    home = (real_site / prefix / "index.html").read_text("utf-8")
    footer = home.split('<footer class="md-footer">', 1)[1]
    visible = re.sub(r'<a [^>]*lang="en"[^>]*>.*?</a>', "", footer, flags=re.S)
    visible = re.sub(r"<script.*?</script>|<[^>]+>", " ", visible, flags=re.S)
    assert not re.search(r"[A-Za-z]{3,}", visible.replace("CC BY-SA", "")), visible.split()
    assert "鼠标" not in home and "滑鼠" not in home and "mouse" not in home.lower()
    assert "本站用" in footer


# -- in Chromium --------------------------------------------------------------------------------

@pytest.mark.build
@pytest.mark.browser
@pytest.mark.parametrize("prefix", ["", "zh-Hant/"])
def test_a_tap_shows_the_definition_and_a_second_tap_opens_the_term(phone, base, prefix):
    phone.goto(f"{base}/{prefix}terms/qiye-weixin/")
    link = phone.locator("article p a.hb-term").first
    href = link.get_attribute("href")
    link.tap()
    tip = phone.locator(".md-tooltip2--active")
    tip.wait_for(timeout=5000)
    assert phone.url.endswith(f"/{prefix}terms/qiye-weixin/")  # still on the page
    assert len(tip.inner_text().strip()) > 10
    link.tap()
    phone.wait_for_url(re.compile("/" + re.escape(href.rstrip("/").split("/")[-1]) + "/$"), timeout=10000)


@pytest.mark.build
@pytest.mark.browser
def test_a_click_with_a_mouse_still_opens_the_term(chromium, base):
    context = chromium.new_context(**DESKTOP)
    page = context.new_page()
    page.goto(f"{base}/terms/qiye-weixin/")
    link = page.locator("article p a.hb-term").first
    href = link.get_attribute("href")
    link.click()
    page.wait_for_url(re.compile("/" + re.escape(href.rstrip("/").split("/")[-1]) + "/$"), timeout=10000)
    context.close()


@pytest.mark.build
@pytest.mark.browser
@pytest.mark.parametrize("options", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("letter", ["S", "W", "#"])
def test_the_letter_bar_never_hides_the_heading_it_jumps_to(chromium, base, options, letter):
    context = chromium.new_context(**options)
    page = context.new_page()
    page.goto(f"{base}/terms/")
    bar = page.locator("nav.hb-az")
    anchor = bar.locator("a", has_text=letter).first
    target = anchor.get_attribute("href")
    anchor.tap() if options is PHONE else anchor.click()
    page.wait_for_timeout(400)
    heading = page.locator(f"h2[id='{target.lstrip('#')}']")
    top = heading.evaluate("h => h.getBoundingClientRect().top")
    bar_bottom = bar.evaluate("b => b.getBoundingClientRect().bottom")
    bar_height = bar.evaluate("b => b.getBoundingClientRect().height")
    assert top >= bar_bottom - 1, (letter, top, bar_bottom)
    assert top < options["viewport"]["height"] / 2  # and the heading is in view, near the top
    assert bar_height <= 0.1 * options["viewport"]["height"]  # one row: under a tenth of the screen
    context.close()


@pytest.mark.build
@pytest.mark.browser
@pytest.mark.parametrize("path", ["cases/maoye-baihuo/", "cases/", "zh-Hant/cases/maoye-baihuo/"])
def test_tables_are_styled_and_scroll_with_a_sticky_first_column_on_a_phone(phone, base, path):
    phone.goto(f"{base}/{path}")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 391  # the page itself does not scroll sideways
    table = phone.locator(".hb-table table").first
    assert table.evaluate("t => getComputedStyle(t).borderTopStyle") == "solid"  # Material's table styling
    assert table.evaluate("t => getComputedStyle(t.querySelector('th')).fontWeight") == "700"
    scroller = table.evaluate_handle("""t => { let e = t.parentElement;
        while (e && !(e.scrollWidth > e.clientWidth && getComputedStyle(e).overflowX !== 'visible')) e = e.parentElement;
        return e; }""")
    assert scroller.evaluate("e => e !== null && e.classList !== undefined"), "the table does not scroll sideways"
    cell, other = table.locator("tbody tr td").first, table.locator("tbody tr td").nth(1)
    left = "c => c.getBoundingClientRect().left"
    before, other_before = cell.evaluate(left), other.evaluate(left)
    width = cell.evaluate("c => c.getBoundingClientRect().width")
    scroller.evaluate("e => { e.scrollLeft = 200; }")
    phone.wait_for_timeout(100)
    box_left = scroller.evaluate("e => e.getBoundingClientRect().left")
    after, other_after = cell.evaluate(left), other.evaluate(left)
    assert other_before - other_after > 100  # the table scrolled
    assert box_left - 1 <= after <= before  # the first column stays in view
    assert width >= 60  # and is wide enough to read (not one character a line)


@pytest.mark.build
@pytest.mark.browser
@pytest.mark.parametrize("prefix", ["", "zh-Hant/"])
def test_share_image_is_the_first_image_and_costs_a_reader_nothing(phone, base, prefix):
    """WeChat takes the first image of the body (at least 300×300) as the share thumbnail; a reader's
    browser never downloads it (hidden and lazy), and no request fails or leaves the site."""
    seen: list[str] = []
    failed: list[str] = []
    phone.on("request", lambda r: seen.append(r.url))
    phone.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    phone.goto(f"{base}/{prefix}terms/siyu/")
    phone.wait_for_load_state("networkidle")
    phone.mouse.wheel(0, 4000)
    phone.wait_for_timeout(500)
    first = phone.evaluate("(() => { const i = document.images[0]; return [i.getAttribute('src'), i.width || +i.getAttribute('width'), +i.getAttribute('height')]; })()")
    assert first[0].endswith("cards/terms/siyu.jpg") and first[2] >= 300
    assert not [u for u in seen if "/cards/" in u]
    assert not failed
    assert {u.split("/")[2] for u in seen if u.startswith("http")} == {base.split("/")[2]}
