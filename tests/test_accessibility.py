"""Accessibility: axe-core (from the npm registry, see package.json) in Debian's Chromium finds no
serious or critical violation on the key pages of both scripts, at a desktop and a phone width."""
from __future__ import annotations

import pytest

pytestmark = [pytest.mark.build, pytest.mark.browser]


@pytest.fixture(scope="module")
def base(real_site):
    from a11y import serve

    with serve(real_site) as url:
        yield url


@pytest.mark.parametrize("width,height", [(1280, 900), (390, 844)])
def test_no_serious_axe_violation_on_key_pages(chromium, base, width, height):
    from a11y import SERIOUS, audit, key_pages

    found = audit(chromium, base, key_pages(), widths=((width, height),))
    serious = [f"{v['page'] or '/'}: {v['id']} ({v['impact']}) {[n['target'] for n in v['nodes'][:3]]}"
               for v in found if v["impact"] in SERIOUS]
    assert not serious, "\n".join(serious)


def test_no_serious_axe_violation_in_the_dark_scheme(chromium, base):
    from a11y import SERIOUS, audit

    pages = ["terms/", "terms/siyu/", "zh-Hant/cases/maoye-baihuo/"]
    found = audit(chromium, base, pages, widths=((1280, 900),), color_scheme="dark")
    serious = [f"{v['page']}: {v['id']} {[n['target'] for n in v['nodes'][:3]]}" for v in found if v["impact"] in SERIOUS]
    assert not serious, "\n".join(serious)


def test_axe_sees_a_known_defect(chromium, base):
    """The audit is live: a low-contrast element added to a page is reported."""
    from a11y import AXE

    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{base}/terms/siyu/")
    page.evaluate("""() => { const p = document.createElement('p'); p.textContent = '浅色文字';
        p.style.color = '#ddd'; document.querySelector('article').prepend(p); }""")
    page.add_script_tag(content=AXE.read_text("utf-8"))
    ids = page.evaluate("async () => (await axe.run(document)).violations.map(v => v.id)")
    context.close()
    assert "color-contrast" in ids


def test_toc_title_is_a_label_only_where_its_control_exists(real_site):
    """Term pages are not in the navigation: no `label for=__toc` without the `__toc` checkbox."""
    for rel in ("terms/siyu/index.html", "zh-Hant/cases/maoye-baihuo/index.html", "terms/index.html"):
        html = (real_site / rel).read_text("utf-8")
        assert ('for="__toc"' in html) == ('id="__toc"' in html), rel
