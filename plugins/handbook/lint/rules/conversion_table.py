"""项目转换表（mkdocs.yml 中 `conversion_table`，默认 conversions.yml）必须能读取，每项有 zh-hans 和 zh-hant，词语不重复。

表中简体一侧不能含繁体字，否则它永远匹配不到正文。

Pass::

    - zh-hans: 账号
      zh-hant: 帳號
      note: 台湾通行“帳號”

Fail::

    - zh-hans: 帳號
      zh-hant: 帳號
    - zh-hans: 账号
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from handbook.core.problems import Level, Problem
from handbook.core.variants import TableError, load_table, to_simplified
from handbook.lint.context import Context

ID = "conversion-table"
LEVEL = Level.ERROR
SCOPE = "corpus"
BUILD = True


def check(ctx: Context) -> Iterable[Problem]:
    path = Path(ctx.root) / ctx.settings.conversion_table
    rel = ctx.settings.conversion_table
    try:
        entries = load_table(path)
    except TableError as err:
        m = re.match(r".*?:(\d+): (.*)$", str(err), re.S)
        line, message = (int(m.group(1)), m.group(2)) if m else (1, str(err))
        yield Problem(rel, line, 1, ID, LEVEL, message, "参照文件开头的说明修正这一项")
        return
    for entry in entries:
        if to_simplified(entry.hans) != entry.hans:
            yield Problem(rel, entry.line, 3, ID, LEVEL, f"zh-hans “{entry.hans}” 含有繁体字",
                          f"写成简体：{to_simplified(entry.hans)}")
