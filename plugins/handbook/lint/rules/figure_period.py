"""正文中陈述统计数字的句子，要在同一句里写明统计时段（年份、季度、月份、活动期间），或写“年份未注明”。

读者要知道一个数字是哪一年、哪次活动的结果，才能判断它今天还有多少参考价值。
本规则检查术语和案例的正文（不查前置元数据：案例的 `metrics` 由 schema 要求 `period`）。

**什么算数字**：阿拉伯数字或汉字数字后接统计单位——`%`、`万`、`亿`、`w`、`元`、`倍`、`成`、
`个百分点`、`人`、`名`、`位`、`家`（门店、企业）、`个`后接群、门店、城市、品牌、账号或用户等，
以及“百分之……”“翻了一番”。“每周 2–3 次”“48 小时内”“7 天”“5 类”“3 公里”这类频次、时长和
分类不是统计数字，不检查；写操作建议、配比或平台规则的分句（含“建议”“控制在”“不超过”
“以内”“上限”“按 50 名……”“满……元”“邀请 5 人”，或算式里的“× 100%”）也不检查；引号和书名号
里的数字（活动名、口号）也不检查。

**什么算时段**：四位年份（`2022 年`、`2022–2023 年`、`2023 财年`）、季度（`第二季度`、`Q2`）、
月份（`6 月`）、大促和活动（`双十一`、`618`、`春节`、`周年庆`、`……期间`）、`当年`、`同年`、
`上半年`、`首月`，以及明说的`年份未注明`。推断出的年份写成“约 2022 年（推断）”。

**同一句的范围**：段落和列表项按“。！？”分句，时段必须和数字在同一句里；表格的一行算一句
（时段常写在另一列）；以冒号结尾的引导段（如“截至 2023 年白皮书发布：”）写明的时段适用于紧随其后
的整个列表。列表项开头的粗体小标题是独立的一句。每句只报告一次，位置是句中第一个缺少时段的数字。

Pass::

    茂业百货华强北店 2022 年第二季度的企业微信私域客户从零增至约 5 万人。
    肥汁米的复购率达到 60%（年份未注明）。
    社群每周互动 2–3 次，咨询在 48 小时内回复，每个群建议控制在 200 人以内。

Fail::

    茂业百货华强北店的企业微信私域客户从零增至约 5 万人。
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from handbook.core.frontmatter import Document
from handbook.core.mdtext import MASK, prose_lines
from handbook.core.problems import Level, Problem
from handbook.lint.context import Context

ID = "figure-period"
LEVEL = Level.WARNING
SCOPE = "file"
BUILD = False

_NUM = r"\d[\d,，.]*(?:\s*[–—~～-]\s*\d[\d,.]*)?"
"""An Arabic number, optionally a range (2–3, 10-20)."""
_CN = r"[一二两三四五六七八九十百千几数上]+"
"""Chinese numerals, including the vague 几/数/上 of 几万、数百、上万."""
_UNIT = (r"(?:%|％|‰|个百分点|万|亿|[wW](?![a-zA-Z])|元|块钱|美元|倍|人|名|位|家"
         r"|个(?:微信群|社群|群|门店|店|城市|省|品牌|账号|企业|用户|会员|客户|粉丝|顾客|导购))")
_FIGURE = re.compile(
    rf"(?<![\w.])(?:{_NUM}\s*(?:多|余|来)?\s*{_UNIT}"          # 5 万人, 60%, 1000 多万, 3 倍
    rf"|{_CN}(?:[万亿]|倍|成(?![为功本员立交长果就])|个百分点)"   # 三万、两倍、七成
    rf"|百分之{_CN}|翻了?[一两三]?番)")
_PERIOD = re.compile(
    r"(?:19|20)\d{2}\s*(?:[–—~～-]\s*(?:19|20)?\d{2,4}\s*)?(?:年|财年|年度|Q[1-4])"
    r"|年份未注明|季度|Q[1-4]\b|(?<![\d.])\d{1,2}\s*月(?!份?[以之]?内)|[一二三四五六七八九十]{1,2}月(?![以之]?内)"
    r"|双\s*(?:十一|11|十二|12)|618|年货节|春节|国庆|中秋|七夕|妇女节|三八节|女神节|情人节|元旦|圣诞|黑五"
    r"|周年庆|店庆|期间"
    r"|当年|同年|次年|去年|今年|上半年|下半年|全年|首月|首年|当月|当季|当天|首日")
_GUIDANCE = re.compile(
    r"建议|控制在|不超过|不要超过|不宜|以内|上限|门槛|例如设|比如设|可设|设为|规定|限制|限额"
    r"|按\s*\d|满\s*\d|立减|售价|定价|原价|到手价|秒杀|包邮|免单|(?:邀请|推荐|拉)\s*\d+\s*[人位名]|\d+\s*人成团"
    r"|[=＝÷×]|乘以")
_QUOTED = re.compile(r"“[^”]*”|「[^」]*」|《[^》]*》|‘[^’]*’")
_CLAUSE = re.compile(r"[，,；;：:、（）()]")
_SENTENCE_END = re.compile(r"[。！？!?][”’」』）)]*")
_LIST = re.compile(r"^(\s*)(?:[-*+]|\d+[.)])\s+")
_TABLE = re.compile(r"^\s*\|")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s")
_BOLD_LEAD = re.compile(r"\*\*[^*]+?\*\*")


@dataclass(frozen=True)
class Sentence:
    """A sentence (or table row) of a body: its text and, per character, its (line, col) in the file."""

    text: str
    where: tuple[tuple[int, int], ...]
    lead: str = ""
    """For a list item: the paragraph ending in a colon that introduces the list."""


def _units(lines: list[str], first_line: int) -> Iterator[tuple[str, list[tuple[int, int, str]]]]:
    """The body's blocks: ("row", [line]) for a table row, ("heading", [line]), ("para", [lines]) for a
    paragraph and ("item", [lines]) for one list item with its continuation lines.
    Each line is (line number, col, text)."""
    block: list[tuple[int, int, str]] = []
    kind = "para"
    for n, raw in enumerate(lines):
        line = first_line + n
        text = raw.rstrip()
        starts = not text.strip() or _HEADING.match(text) or _TABLE.match(text) or _LIST.match(text)
        if starts and block:
            yield kind, block
            block = []
        if not text.strip():
            continue
        if _TABLE.match(text):
            if not _TABLE_RULE.match(text):
                yield "row", [(line, 1, text)]
            continue
        if _HEADING.match(text):
            yield "heading", [(line, 1, text)]
            continue
        if not block:
            kind = "item" if _LIST.match(text) else "para"
        indent = len(text) - len(text.lstrip(" >"))
        block.append((line, indent + 1, text[indent:]))
    if block:
        yield kind, block


def sentences(body: str, first_line: int) -> Iterator[Sentence]:
    """Every sentence of a Markdown body with its file positions; a table row counts as one, and the
    items of a list carry the paragraph that introduces it with a colon (“截至 2023 年：”)."""
    lead = ""
    for kind, block in _units(prose_lines(body), first_line):
        chars: list[str] = []
        where: list[tuple[int, int]] = []
        for line, col, text in block:
            for i, ch in enumerate(text):
                chars.append(ch)
                where.append((line, col + i))
        text = "".join(chars)
        if kind != "item":
            lead = text if kind == "para" and text.rstrip().endswith(("：", ":")) else ""
        if kind == "row":
            yield Sentence(text, tuple(where))
            continue
        cuts = {0, len(text)}
        for m in _BOLD_LEAD.finditer(text):   # a bold lead such as **先定目标。** is a sentence of its own
            if m.start() < 8 and re.search(r"[。！？：:]\*\*$", m.group(0)):
                cuts.add(m.end())
        cuts.update(m.end() for m in _SENTENCE_END.finditer(text))
        bounds = sorted(cuts)
        for start, end in zip(bounds, bounds[1:], strict=False):
            if text[start:end].strip():
                yield Sentence(text[start:end], tuple(where[start:end]), lead if kind == "item" else "")


def _clause(text: str, start: int, end: int) -> str:
    """The clause around text[start:end], between clause punctuation."""
    left = max((m.end() for m in _CLAUSE.finditer(text, 0, start)), default=0)
    right = next((m.start() for m in _CLAUSE.finditer(text, end)), len(text))
    return text[left:right]


def undated_figures(text: str, lead: str = "") -> list[re.Match[str]]:
    """The statistical figures of one sentence that lack a period in it or in its list's lead."""
    clean = text.replace(MASK, " ")
    if _PERIOD.search(clean) or _PERIOD.search(lead.replace(MASK, " ")):
        return []
    quoted = [(q.start(), q.end()) for q in _QUOTED.finditer(clean)]
    return [m for m in _FIGURE.finditer(clean)
            if not _GUIDANCE.search(_clause(clean, m.start(), m.end()))
            and not any(a < m.start() < b for a, b in quoted)]


def check(doc: Document, ctx: Context) -> Iterable[Problem]:
    if doc.kind not in ("term", "case") or not doc.body:
        return
    for sentence in sentences(doc.body, doc.body_line):
        found = undated_figures(sentence.text, sentence.lead)
        if found:
            first = found[0]
            line, col = sentence.where[first.start()]
            figure = first.group(0).strip()
            yield doc.problem(ID, LEVEL, f"数字“{figure}”所在的句子没有写明统计时段",
                              "在同一句中写明年份、季度或活动期间（推断的写“约 2022 年（推断）”），"
                              "或写明“年份未注明”", line=line, col=col)
