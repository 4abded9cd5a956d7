"""How often terms are linked: once per page by default, a density cap between links, and editors'
stop-phrases (proper nouns such as 小裂变 are never linked inside); settings validated."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import markdown
import pytest

from handbook.core.model import Corpus, Source, Term
from handbook.core.settings import Settings, SettingsError
from handbook.core.termindex import TermIndex
from handbook.core.variants import HANS, Variant
from handbook.markdown.extension import HandbookExtension
from handbook.markdown.linking import LINK_GAP, Linker
from helpers import REPO, real_variant
from test_golden import glossary


def glossary_with_liebian() -> Corpus:
    corpus = glossary()
    corpus.terms["liebian"] = Term(id="liebian", title="裂变", summary="裂变的一句话定义。", sources=[Source("见实", "手册")],
                                   since="1.0", category="基础概念", aliases=[], related=[])
    return corpus


def rendered(text: str, stop: tuple[str, ...] = ()) -> str:
    """The visible text around links: each link's text in brackets."""
    linker = Linker(TermIndex(glossary_with_liebian(), "1.1", [Variant(HANS)], stop_phrases=stop), "page", gap=0)
    linker.begin_page("terms/here/")
    html = markdown.Markdown(extensions=[HandbookExtension(Variant(HANS), linker)]).convert(text)
    root = ET.fromstring(f"<div>{html}</div>")
    for a in root.iter("a"):
        a.text = f"[{a.text}]"
    return "".join(root.itertext())


def links(text: str, scope: str = "page", gap: int = LINK_GAP, stop: tuple[str, ...] = (),
          variant: Variant | None = None) -> list[tuple[str, str]]:
    """(linked text, term id) of every automatic link in the rendered text, in order."""
    variant = variant or Variant(HANS)
    linker = Linker(TermIndex(glossary_with_liebian(), "1.1", [variant], stop_phrases=stop), scope, gap=gap)
    linker.begin_page("terms/here/")
    html = markdown.Markdown(extensions=[HandbookExtension(variant, linker)]).convert(text)
    root = ET.fromstring(f"<div>{html}</div>")
    return [(a.text or "", a.get("data-hb-id") or "") for a in root.iter("a")]


def test_a_term_is_linked_once_per_page_by_default():
    text = "## 一\n\n私域是起点。\n\n## 二\n\n私域还是起点。\n\n- 私域在列表里\n"
    assert links(text) == [("私域", "siyu")]
    assert links(text, scope="section", gap=0) == [("私域", "siyu"), ("私域", "siyu")]
    assert Settings().link_scope == "page"


def test_links_keep_a_minimum_distance_in_a_paragraph():
    dense = "私域、社群、公域、SCRM 和 CDP 都在这里。"
    assert [ident for _, ident in links(dense, gap=0)] == ["siyu", "shequn", "gongyu", "scrm", "cdp"]
    assert [ident for _, ident in links(dense)] == ["siyu"]
    far = "私域" + "一二三四五六七八九十" * 3 + "社群。"
    assert [ident for _, ident in links(far)] == ["siyu", "shequn"]  # 30 characters apart: both


def test_a_mention_skipped_for_density_is_linked_further_on():
    text = "私域和社群放在一起。\n\n后来的段落里再说社群。"
    assert [ident for _, ident in links(text)] == ["siyu", "shequn"]


def test_the_distance_starts_again_in_each_paragraph_and_list_item():
    text = "私域。\n\n社群。\n\n- 公域\n- SCRM\n"
    assert [ident for _, ident in links(text)] == ["siyu", "shequn", "gongyu", "scrm"]


def test_an_explicit_link_counts_for_the_distance():
    assert [ident for _, ident in links("[[社群]]和私域。")] == ["shequn"]


def test_no_link_inside_a_stop_phrase():
    text = "请小裂变团队协助做裂变活动。"
    assert "小裂变团队" in rendered(text, stop=("小裂变",))  # the company's name stays whole
    assert "小裂变团队" not in rendered(text)  # without the stop-phrase: 小<a>裂变</a>团队
    assert links(text, gap=0, stop=("小裂变",)) == [("裂变", "liebian")]  # 做裂变活动 is still linked
    html_text = "小裂变团队"
    assert links(html_text, stop=("小裂变",)) == []
    assert links(html_text) == [("裂变", "liebian")]  # without the stop-phrase, the defect


def test_stop_phrases_hold_in_the_traditional_script():
    hant = real_variant("zh-Hant")
    assert links("小裂變團隊", stop=("小裂变",), variant=hant) == []


def test_real_config_declares_the_stop_phrases_and_density():
    from handbook.core.settings import read

    settings = read(REPO / "mkdocs.yml")
    assert "小裂变" in settings.stop_phrases
    assert settings.link_scope == "page" and settings.link_gap == LINK_GAP


@pytest.mark.parametrize("values,message", [({"link_gap": -1}, "link_gap"), ({"link_gap": "x"}, "link_gap"),
                                            ({"stop_phrases": "小裂变"}, "stop_phrases"),
                                            ({"stop_phrases": [""]}, "stop_phrases")])
def test_bad_density_settings_are_reported(values, message):
    with pytest.raises(SettingsError, match=message):
        Settings.from_mapping({"edition": "1.0", **values})


def test_nothing_is_linked_inside_the_title_of_a_work():
    assert rendered("《裂变增长手册》一书讲的是裂变。") == "《裂变增长手册》一书讲的是[裂变]。"
