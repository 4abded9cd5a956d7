"""Regional Traditional editions (issue 16): Taiwan vocabulary by default, Hong Kong on request.

Golden pairs for the cases phrase tables get wrong, the region setting, the region word lists, the
two lint rules and the review listing. The built site is checked in test_regional_site.py.
"""
from __future__ import annotations

import pytest

from handbook.core.settings import Settings, SettingsError
from handbook.core.variants import HANT, Variant, load_table, to_simplified
from handbook.core.vocabulary import RegionList, changes, names
from helpers import REPO, problems

TABLE = load_table(REPO / "conversions.yml")


def edition(region: str) -> Variant:
    settings = Settings(region=region)
    return Variant(HANT, settings.opencc_config, region=region, table=TABLE, titles_config=settings.characters_config)


TW_GOLDEN = [
    # product names inside phrases the tables would rewrite
    ("视频号直播", "視頻號直播"), ("短视频和视频号", "短影音和視頻號"), ("微信小程序", "微信小程序"),
    ("公众号菜单", "公眾號選單"), ("社区团购的团长", "社區團購的團長"), ("企业微信的用户", "企業微信的用戶"),
    ("微信号和账号", "微信號和帳號"),
    # 在线上 (on the online channel) vs 在线 (online)
    ("在线上经营顾客", "在線上經營顧客"), ("在线下门店领奖", "在線下門市領獎"), ("顾客在线支付", "顧客線上支付"),
    # 项目 as project vs item
    ("咨询项目", "諮詢專案"), ("高价值项目", "高價值項目"),
    # 通过 as "by means of" vs "pass"
    ("通过企业微信联系顾客", "透過企業微信聯絡顧客"), ("确认能否通过。", "確認能否通過。"), ("能否通过审查", "能否通過審查"),
    # field words keep their meaning; Taiwan words where Taiwan differs
    ("激活沉默用户的数据", "激活沉默用戶的數據"), ("私域运营", "私域營運"), ("门店复购率", "門市回購率"),
    ("营销信息", "行銷資訊"), ("扫二维码", "掃QR Code"), ("数字化", "數位化"), ("会员积分", "會員點數"),
    ("服务质量", "服務品質"), ("目标对象", "目標對象"), ("增长循环", "增長循環"), ("用户类型", "用戶類型"),
    ("扫码率", "掃碼率"), ("标准作业程序", "標準作業程序"), ("点赞", "按讚"), ("发布", "發布"),
    # titles of works keep their wording; names of laws too
    ("《个人信息保护法》", "《個人信息保護法》"), ("个人信息保护法第十三条", "個人信息保護法第十三條"),
    ("《私域运营白皮书》", "《私域運營白皮書》"), ("“私域”", "「私域」"),
]

HK_GOLDEN = [
    ("视频号直播", "視頻號直播"), ("短视频", "短片"), ("私域运营", "私域營運"), ("门店复购", "分店回購"),
    ("数字化", "數碼化"), ("服务质量", "服務質素"), ("顾客在线支付", "顧客網上支付"), ("点赞", "讚好"),
    ("营销信息", "營銷資訊"), ("软件", "軟件"), ("《私域运营白皮书》", "《私域運營白皮書》"),
]


@pytest.mark.parametrize(("hans", "hant"), TW_GOLDEN)
def test_taiwan_golden_pairs(hans: str, hant: str) -> None:
    assert edition("tw").convert(hans) == hant


@pytest.mark.parametrize(("hans", "hant"), HK_GOLDEN)
def test_hong_kong_golden_pairs(hans: str, hant: str) -> None:
    assert edition("hk").convert(hans) == hant


def test_region_setting_chooses_phrase_tables_and_rejects_unknown_regions(monkeypatch) -> None:
    assert Settings().opencc_config == "s2twp" and Settings(region="hk").opencc_config == "s2hkp"
    assert Settings(region="tw", opencc="s2tw").opencc_config == "s2tw"
    monkeypatch.setenv("HANDBOOK_REGION", "hk")
    assert Settings().with_environment().region == "hk"
    monkeypatch.setenv("HANDBOOK_REGION", "cn")
    with pytest.raises(SettingsError, match="region"):
        Settings().with_environment()


def test_pinned_phrases_and_titles_take_one_opencc_call_and_come_back_in_place() -> None:
    variant = edition("tw")
    text = "通过视频号发布信息" * 50 + "《个人信息保护法》"
    assert variant.convert(text) == "透過視頻號發布資訊" * 50 + "《個人信息保護法》"
    # content that already holds a placeholder character is converted piece by piece, unharmed
    assert variant.convert("\U000F0001运营\U000F0000") == "\U000F0001營運\U000F0000"


@pytest.mark.parametrize("region", ["tw", "hk"])
def test_region_lists_are_long_enough_and_consistent(region: str) -> None:
    words = RegionList.load(REPO, region)
    assert len(words.pairs) >= (40 if region == "tw" else 35)
    assert len({p.mainland for p in words.pairs}) == len(words.pairs)
    variant = edition(region)
    used = "\n".join(p.read_text("utf-8") for folder in ("terms", "cases", "docs") for p in (REPO / folder).glob("*.md"))
    for pair in words.pairs:  # every listed word the sources use is turned into the region's word
        hans = to_simplified(pair.mainland)
        if hans not in used:
            continue
        got = variant.convert(hans)
        assert pair.mainland not in got or pair.mainland in pair.local, (pair, got)


def test_names_are_protected_from_the_word_list() -> None:
    variant = edition("tw")
    words = RegionList.load(REPO, "tw")
    text = variant.convert("视频号的视频")  # 視頻號 is a product; the second 視頻 became 影片
    assert text == "視頻號的影片"
    assert list(words.find("視頻號和視頻", names(variant)))[0][0] == 4
    assert not list(words.find("《視頻營銷》", names(variant)))


def test_changes_report_who_decided() -> None:
    found = {(c.hans, c.form, c.decided_by.split(":")[0]) for _, c in changes(edition("tw"), "运营\n点击 -{运营}-")}
    assert ("运营", "營運", "conversions.yml") in found
    assert ("点击", "點選", "OpenCC s2twp") in found
    assert len([1 for line, c in changes(edition("tw"), "运营\n点击 -{运营}-") if c.hans == "运营"]) == 1


def test_lint_warns_about_mainland_words_and_unused_pins(project) -> None:
    project.copy_real_table()
    project.write("regions/tw.yml", (REPO / "regions" / "tw.yml").read_text("utf-8"))
    text = (project.root / "terms" / "siyu.md").read_text("utf-8")
    project.write("terms/siyu.md", text.rstrip("\n") + "\n\n商品一律包邮到家，-{包邮}-两字照写。\n")
    found = problems(project, "mainland-word")
    assert len(found) == 1 and "包郵" in found[0].message and found[0].line == text.rstrip("\n").count("\n") + 3
    unused = problems(project, "unused-pin")
    assert unused and all(p.path == "conversions.yml" and p.line > 1 for p in unused)
    assert not any("视频号" in p.message for p in unused)  # names are kept even when unused


def test_variants_listing_lists_changes_with_place_and_decider(project) -> None:
    project.copy_real_table()
    result = project.lint("--variants")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("# 繁体版（台湾）的用词改动")
    rows = [line.split("\t") for line in lines[2:] if line and not line.startswith("#")]
    assert any(len(r) == 6 and r[5].startswith(("conversions.yml:", "OpenCC")) and ":" in r[4] for r in rows)
