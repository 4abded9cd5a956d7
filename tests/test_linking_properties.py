"""Properties of the linker: readers see the same text, links never nest, linking is idempotent,
and the matcher agrees with a brute-force leftmost-longest reference."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import markdown
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handbook.core.termindex import TermIndex
from handbook.core.textmatch import Matcher
from handbook.core.variants import HANS, Variant
from handbook.markdown.extension import HandbookExtension
from handbook.markdown.linking import Linker
from test_golden import glossary

PIECES = ["私域", "流量", "池", "私域流量", "流量池", "公域", "社群", "SCRM", "CDP", "API", "R", "s", "系统",
          "，", "。", " ", "`", "*", "[[私域]]", "[[!社群]]", "企微私域+VIP", "服务群", "\n\n"]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


def render(text: str, with_links: bool) -> tuple[str, ET.Element]:
    linker = Linker(TermIndex(glossary(), "1.1"), "all") if with_links else None
    if linker:
        linker.begin_page("terms/here/")
    md = markdown.Markdown(extensions=[HandbookExtension(Variant(HANS), linker)])
    html = md.convert(text)
    return html, ET.fromstring(f"<div>{html}</div>")


def visible(root: ET.Element) -> str:
    return "".join(root.itertext())


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS.filter(lambda t: "[[" not in t))
def test_linking_never_changes_the_text_a_reader_sees(text):
    assert visible(render(text, True)[1]) == visible(render(text, False)[1])


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_links_never_nest(text):
    _, root = render(text, True)
    for a in root.iter("a"):
        assert a.find(".//a") is None


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_linking_is_idempotent(text):
    linker = Linker(TermIndex(glossary(), "1.1"), "all")
    linker.begin_page("terms/here/")
    md = markdown.Markdown(extensions=[HandbookExtension(Variant(HANS), linker)])
    html = md.convert(text)
    root = ET.fromstring(f"<div>{html}</div>")
    linker.treeprocessor(md).run(root)  # a second pass over already-linked output
    assert ET.tostring(root, encoding="unicode") == ET.tostring(ET.fromstring(f"<div>{html}</div>"), encoding="unicode")


def brute(words: list[str], text: str) -> list[tuple[int, int, str]]:
    out, i = [], 0
    while i < len(text):
        best = max((w for w in words if text.startswith(w, i)), key=len, default=None)
        if best:
            out.append((i, i + len(best), best))
            i += len(best)
        else:
            i += 1
    return out


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.text(alphabet="abc", min_size=1, max_size=4), min_size=1, max_size=6), st.text(alphabet="abcd", max_size=14))
def test_matcher_is_leftmost_longest(words, text):
    words = sorted(set(words))
    got = [(s, e, k) for s, e, k, _ in Matcher((w, w) for w in words).find(text)]
    assert got == brute(words, text)


def test_a_reference_to_an_entry_of_a_later_edition_is_plain_text_in_an_earlier_one():
    from dataclasses import replace

    from handbook.core.model import Corpus

    full = glossary()
    later = replace(full.terms["cdp"], since="1.2")
    full = Corpus(terms={**full.terms, "cdp": later})
    linker = Linker(TermIndex(full.for_edition("1.1"), "1.1", full=full), "all")
    page = linker.begin_page("terms/here/")
    html = markdown.Markdown(extensions=[HandbookExtension(Variant(HANS), linker)]).convert(
        "见 [[cdp|数据平台]] 和 [[CDP]]，以及 [[不存在]]。")
    assert "数据平台" in html and 'href' not in html.split("不存在")[0]
    assert page.unresolved == ["[[不存在]]"]
