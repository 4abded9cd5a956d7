"""出处日期必须是真实存在、不晚于今天的日期（年、年-月或年-月-日）。

schema 已要求每条出处都有 `date` 并检查写法；本规则再检查日期本身：2023-02-30 这样不存在的日子、
晚于今天的日期都会报错。原文未注明日期、年份是推断的，照样填写推断的年份，并在 `note` 里写明“推断”。

Pass::

    sources:
      - {publisher: 鸟哥笔记, date: "2022", note: 原文标题未能确认；年份据文中“今年 618”推断}

Fail::

    sources:
      - {publisher: 艾瑞咨询, title: 中国私域运营洞察白皮书, date: "2023-02-30"}
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from handbook.core.frontmatter import Document
from handbook.core.problems import Level, Problem
from handbook.lint.context import Context

ID = "source-date"
LEVEL = Level.ERROR
SCOPE = "file"
BUILD = True
FORM = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse(value: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day a date string ("2022", "2022-05", "2022-05-01") can mean; None if no such day."""
    m = FORM.match(value)
    if not m:
        return None
    year, month, day = int(m[1]), int(m[2] or 0), int(m[3] or 0)
    try:
        if day:
            first = last = dt.date(year, month, day)
        elif month:
            first = dt.date(year, month, 1)
            last = (first + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1)
        else:
            first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    except ValueError:
        return None
    return first, last


def check(doc: Document, ctx: Context, today: dt.date | None = None) -> Iterable[Problem]:
    sources = (doc.data or {}).get("sources")
    if not isinstance(sources, list):
        return
    today = today or dt.date.today()
    for i, src in enumerate(sources):
        value = src.get("date") if isinstance(src, dict) else None
        if not isinstance(value, str) or not FORM.match(value):
            continue  # missing or badly written: the schema reports it
        span = parse(value)
        at = ("sources", i, "date")
        if span is None:
            yield doc.problem(ID, LEVEL, f"出处日期 “{value}” 不存在", "核对原文的发布日期；只确定年月或年份时写 2022-05 或 2022",
                              at=at)
        elif span[0] > today:
            yield doc.problem(ID, LEVEL, f"出处日期 “{value}” 晚于今天", "写原文的发布日期，不写预计或计划日期", at=at)
