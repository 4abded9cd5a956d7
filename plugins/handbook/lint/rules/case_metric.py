"""案例的每个数字都要能追溯：`source` 要写明它来自 `sources` 中的哪一项（包含其发布者或标题）。

数值、单位和统计时段由 schema 保证必填；本规则确认读者能找到数字的出处。

Pass::

    metrics:
      - {label: 企业微信私域客户, figure: 5, unit: 万人, period: 2022 年第二季度, source: 鸟哥笔记}
    sources:
      - {publisher: 鸟哥笔记, title: 茂业百货私域运营体系搭建复盘}

Fail::

    metrics:
      - {label: 企业微信私域客户, figure: 5, unit: 万人, period: 2022 年第二季度, source: 网上资料}
"""
from __future__ import annotations

from collections.abc import Iterable

from handbook.core.frontmatter import Document
from handbook.core.problems import Level, Problem
from handbook.lint.context import Context

ID = "case-metric"
LEVEL = Level.ERROR
SCOPE = "file"
BUILD = False


def check(doc: Document, ctx: Context) -> Iterable[Problem]:
    data = doc.data or {}
    if doc.kind != "case" or not isinstance(data.get("metrics"), list) or not isinstance(data.get("sources"), list):
        return
    names = [str(s.get(k, "")) for s in data["sources"] if isinstance(s, dict) for k in ("publisher", "title")]
    names = [n for n in names if len(n) >= 2]
    for i, metric in enumerate(data["metrics"]):
        source = metric.get("source") if isinstance(metric, dict) else None
        if isinstance(source, str) and not any(n in source or source in n for n in names):
            yield doc.problem(ID, LEVEL, f"数字“{metric.get('label')}”的出处“{source}”不在 sources 中",
                              "写上对应出处的发布者或标题", at=("metrics", i, "source"))
