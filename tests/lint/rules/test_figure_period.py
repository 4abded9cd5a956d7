"""Rule `figure-period`: figures without a period are caught, practice parameters and dated figures pass."""
import pytest

from handbook.lint.rules.figure_period import sentences, undated_figures
from helpers import VALID_TERM, at, case_text, problems, with_lines

RULE = "figure-period"


@pytest.mark.parametrize("sentence", [
    "茂业百货华强北店 2022 年第二季度的私域客户从零增至约 5 万人。",
    "肥汁米的复购率达到 30%（年份未注明）。",
    "据白皮书，中旭教育的转化率约 2020—2022 年从 37.0% 升到 52.5%。",
    "约 2022 年（推断），其社群共 2.1 万人。",
    "UR 在 3 月的线上销售环比增长超过 50%。",
    "双十一当天，门店销售额达到 98 万元。",
    "试点期间，社群活动平均参与率达到 60%。",
    "社群每周互动 2–3 次，咨询在 48 小时内回复。",
    "每个群建议控制在 200 人以内。",
    "企业微信客户群的上限是 500 人。",
    "复购率 = 复购用户数 ÷ 购买用户数 × 100%",
    "设置“邀请 5 人得小圆饼”的福利，或者邀请 3 人即可领取。",
    "会员分 5 级，门店周边 3 公里是主要客群，共 7 天。",
    "建群时按 50 名超级用户配 100 名潜在超级用户。",
    "用“1 元购”商品激活用户，活动叫《10 万人的私域》。",
])
def test_passing_sentences(sentence):
    assert undated_figures(sentence) == []


@pytest.mark.parametrize("sentence, figure", [
    ("茂业百货华强北店的私域客户从零增至约 5 万人。", "5 万"),
    ("肥汁米的复购率达到 30%。", "30%"),
    ("会员月均贡献提升到 90 元，核心会员 200 多元。", "90 元"),
    ("连带业绩是投入的 3 倍。", "3 倍"),
    ("屈臣氏让 2 万多名导购连接了顾客。", "2 万"),
    ("服务商联动了 13 家门店。", "13 家"),
    ("一名运营可以管理 150 个社群。", "150 个社群"),
    ("七成用户来自门店，销售额翻了一番。", "七成"),
    ("每月光顾 6 次的铁粉至少有 200 人。", "200 人"),
    ("单篇文章阅读量 10w+。", "10w"),
    ("约三个月里，私域客户增长到 5 万人。", "5 万"),
])
def test_failing_sentences(sentence, figure):
    found = undated_figures(sentence)
    assert found and found[0].group(0).strip() == figure


def test_the_period_must_be_in_the_same_sentence():
    body = "茂业在 2022 年试点。私域客户增至 5 万人。\n"
    assert [(s.text, undated_figures(s.text) != []) for s in sentences(body, 1)] == [
        ("茂业在 2022 年试点。", False), ("私域客户增至 5 万人。", True)]


def test_a_table_row_is_one_unit_and_a_bold_lead_its_own_sentence():
    body = ("| 指标 | 数值 | 时段 |\n|---|---|---|\n| 私域客户 | 5 万人 | 2022 年第二季度 |\n"
            "| 复购率 | 30% | |\n\n1. **2022 年试点。** 客户增至 5 万人。\n")
    undated = [s.where[0] for s in sentences(body, 10) if undated_figures(s.text)]
    assert undated == [(13, 1), (15, 17)]


def test_a_list_takes_the_period_of_its_lead_paragraph_only():
    body = ("截至 2023 年白皮书发布：\n\n- 学习人次接近 500 万。\n- 员工超过 1 万人。\n\n"
            "其他数字如下：\n\n- 学员超过 15 万人。\n\n## 成效\n\n- 复购率 30%。\n")
    undated = [s.text for s in sentences(body, 1) if undated_figures(s.text, s.lead)]
    assert undated == ["- 学员超过 15 万人。", "- 复购率 30%。"]


def test_passes_in_a_term(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l14="2022 年第二季度，私域客户增至约 5 万人；连带业绩超过 1000 万元。"))
    assert problems(project, RULE) == []


def test_fails_at_the_first_undated_figure(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l14="茂业在 2022 年试点。私域客户增至约 5 万人，连带业绩超过 1000 万元。",
                                           l18="- 肥汁米复购率 30%（年份未注明）；社群共 2.1 万人。\n- 核心会员每月 200 多元。"))
    found = problems(project, RULE)
    assert at(found) == [("terms/x.md", 14, 22), ("terms/x.md", 19, 10)]
    assert found[0].message == "数字“5 万”所在的句子没有写明统计时段"
    assert found[0].level.value == "warning"


def test_fails_in_a_case_body_not_in_its_metrics(project):
    body = "## 背景\n\n某品牌 2022 年起步。\n\n## 做法\n\n1. 先建群。\n\n## 成效\n\n用户增长到 5 万人。\n"
    project.write("cases/c.md", case_text("c", ["siyu", "chudian", "shequn"], body=body))
    found = problems(project, RULE, "cases/c.md")
    assert [(p.line, p.col) for p in found] == [(found[0].line, 7)]
    assert project.root.joinpath("cases/c.md").read_text("utf-8").split("\n")[found[0].line - 1] == "用户增长到 5 万人。"


def test_code_and_links_are_not_prose(project):
    project.write("terms/x.md", with_lines(VALID_TERM, l14="见 `5 万人` 和 [报告](https://example.org/30%)。"))
    assert problems(project, RULE) == []
