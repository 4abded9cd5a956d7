"""The readers' search index (outputs/search.py), without a build: keys, shards, weights, files.

The browser side (hb-search.js) is tested in Chromium in test_browser.py; here the Python half of
the contract: the same normalisation, keys and hash (pinned values computed by the JavaScript)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from handbook.core.variants import HANS, HANT, Variant
from handbook.outputs import search
from handbook.outputs.search import SearchDoc, name_prefixes

HANT_VARIANT = Variant(HANT)


def test_normalise_folds_width_and_case():
    assert search.normalise("ＳＣＲＭ Ｇmv １２") == "scrm gmv 12"


def test_name_key_drops_spaces_and_punctuation():
    assert search.name_key("Social CRM") == "=socialcrm"
    assert search.name_key("企业微信+社群+LBS") == "=企业微信社群lbs"


def test_text_keys_are_han_bigrams_and_words():
    assert search.text_keys("私域运营 SCRM，企微") == ["私域", "域运", "运营", "企微", "scrm"]


def test_name_extra_keys_single_characters_and_latin_prefixes():
    assert search.name_extra_keys("RFM模型") == {"1模", "1型", "^rf", "^rfm"}


@pytest.mark.parametrize("key,count,shard", [("企业", 256, 198), ("微信", 256, 220), ("=企业微信", 256, 90),
                                             ("业微", 128, 56)])
def test_shard_of_matches_the_browser(key, count, shard):
    """Values computed with hb-search.js's `shardOf` (FNV-1a over UTF-8) in Chromium and Node."""
    assert search.shard_of(key, count) == shard


def test_page_text_skips_permalinks_scripts_and_comments():
    html = ('<h2 id="a">释义<a class="headerlink" href="#a">¶</a></h2><p>私域&amp;社群</p><!-- x -->'
            '<script>var a = "不要";</script><ul><li>一</li><li>二</li></ul>')
    assert search.page_text(html) == "释义\n私域&社群\n一\n二"


def docs() -> list[SearchDoc]:
    return [SearchDoc("terms/qiye-weixin/", "企业微信", "企业微信是腾讯的沟通工具，连接微信。", ["企微", "WeCom"],
                      "腾讯面向企业的沟通工具。", 4.0),
            SearchDoc("terms/siyu/", "私域", "私域是品牌自有的用户关系。信息要准确。", ["私域流量"], "品牌自有的用户关系。", 4.0),
            SearchDoc("about/", "关于本版", "这本手册讲企业微信和私域。" * 5)]


def postings(index: search.SearchIndex) -> dict[str, list[int]]:
    merged: dict[str, list[int]] = {}
    for text in index.shards.values():
        merged.update(json.loads(text))
    return merged


def test_index_keys_come_from_both_scripts():
    index = search.build_index(docs(), [Variant(HANS), HANT_VARIANT], {HANT: "../../search/"})
    keys = postings(index)
    assert keys["=企业微信"][:2] == [0, 40000] and keys["=企業微信"][:2] == [0, 40000]
    assert keys["=wecom"][0] == 0 and keys["=私域流量"][0] == 1
    assert "企業" in keys and "企业" in keys and "訊息" not in keys  # s2tw keeps 信息 as 信息
    assert keys["^we"][0] == 0 and keys["1私"][0] == 1


def test_a_page_that_mentions_a_name_ranks_below_the_page_of_that_name():
    keys = postings(search.build_index(docs(), [Variant(HANS)], {}))
    weights = dict(zip(keys["企业"][::2], keys["企业"][1::2], strict=True))
    assert weights[0] > weights[2]


def test_manifest_and_display_chunks_per_script():
    many = [SearchDoc(f"terms/t{n:03d}/", f"术语{n}", "正文。", summary=f"摘要{n}。") for n in range(70)]
    index = search.build_index(many, [Variant(HANS), HANT_VARIANT], {HANT: "../../search/"})
    hans, hant = index.scripts[HANS], index.scripts[HANT]
    assert sorted(hans) == ["docs/0.json", "docs/1.json", "docs/2.json", "manifest.json"]
    manifest = json.loads(hant["manifest.json"])
    assert manifest["shardPath"] == "../../search/shards/" and manifest["docs"] == 70
    assert manifest["chunk"] == search.CHUNK and len(index.shards) == manifest["shards"]
    assert json.loads(hans["manifest.json"])["shardVersion"] == manifest["shardVersion"]
    assert json.loads(hant["docs/1.json"])[0] == ["terms/t032/", "術語32", "摘要32。"]


def test_common_keys_keep_only_the_best_postings():
    many = [SearchDoc(f"p{n}/", f"页{n}", "私域" * (n % 7 + 1)) for n in range(search.KEEP + 50)]
    keys = postings(search.build_index(many, [Variant(HANS)], {}))
    assert len(keys["私域"]) == 2 * search.KEEP
    weights = keys["私域"][1::2]
    assert weights == sorted(weights, reverse=True)


def many_docs() -> list[SearchDoc]:
    return [SearchDoc(f"terms/t{n}/", f"词{n}甲乙", "".join(chr(0x4E00 + (n * 7 + i) % 3000) for i in range(300)))
            for n in range(400)]


def test_shards_stay_small_as_the_corpus_grows():
    index = search.build_index(many_docs(), [Variant(HANS)], {})
    sizes = [len(text.encode()) for text in index.shards.values()]
    assert len(sizes) > 8 and max(sizes) < 3 * search.SHARD_BYTES


def test_write_index_rewrites_only_what_changed(tmp_path: Path):
    roots = {HANS: tmp_path}
    first = search.build_index(many_docs(), [Variant(HANS)], {})
    files = len(first.shards) + len(first.scripts[HANS])
    assert search.write_index(first, roots) == files
    assert search.write_index(first, roots) == 0
    changed = many_docs()
    changed[5].text = changed[5].text.replace(changed[5].text[:20], "新增一句关于直播的话")
    second = search.build_index(changed, [Variant(HANS)], {})
    assert 0 < search.write_index(second, roots) < files / 2
    stale = tmp_path / "search" / "shards" / "9999.json"
    stale.write_text("{}", "utf-8")
    search.write_index(second, roots)
    assert not stale.exists()


def test_locations_of_each_script(tmp_path: Path):
    index = search.build_index(docs(), [Variant(HANS), HANT_VARIANT], {HANT: "../../search/"})
    search.write_index(index, {HANS: tmp_path, HANT: tmp_path / "zh-Hant"})
    for root in (tmp_path, tmp_path / "zh-Hant"):
        assert search.locations(root / "search") == {"terms/qiye-weixin/", "terms/siyu/", "about/"}


def test_a_name_being_typed_reaches_its_page_before_longer_names():
    assert name_prefixes("企业微信") == [("~企业", 0.5), ("~企业微", 0.75)]
    assert name_prefixes("SCRM") == []
