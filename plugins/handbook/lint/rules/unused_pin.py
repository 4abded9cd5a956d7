"""项目转换表（conversions.yml）中的词，如果已经没有任何条目、页面或界面文字用到，提醒删除或确认。

固定写法是编辑审阅过的决定；词语从正文消失后，这一项就只是噪音，还会让人以为它仍在起作用。
查找范围：terms/、cases/、docs/，以及手册自己的页面模板和界面文字（outputs/ 与 adapter/ 中的源文件）。

Pass::

    - zh-hans: 视频号
      zh-hant: 視頻號
      kind: name

Fail::

    - zh-hans: 某个早已删掉的词
      zh-hant: 某個早已刪掉的詞
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from handbook.core.problems import Level, Problem
from handbook.core.variants import TableError, load_table
from handbook.lint.context import Context

ID = "unused-pin"
LEVEL = Level.WARNING
SCOPE = "corpus"
BUILD = False

PACKAGE = Path(__file__).resolve().parents[2]
UI_SOURCES = (("outputs", "*.py"), ("outputs/templates", "*.j2"), ("adapter", "*.py"), ("adapter/theme", "**/*.html"))
"""The handbook's own templates and UI strings (read as text: their words reach the pages too)."""


def used_text(ctx: Context) -> str:
    """All the text the editions are made from."""
    texts = [d.text for d in ctx.corpus.documents]
    places = [(Path(ctx.root) / "docs", "*.md"), *((PACKAGE / folder, pattern) for folder, pattern in UI_SOURCES)]
    for folder, pattern in places:
        texts += [p.read_text("utf-8", errors="replace") for p in sorted(folder.glob(pattern))]
    return "\n".join(texts)


def check(ctx: Context) -> Iterable[Problem]:
    path = Path(ctx.root) / ctx.settings.conversion_table
    try:
        entries = load_table(path)
    except TableError:
        return  # reported by conversion-table
    if not entries:
        return
    text = used_text(ctx)
    for entry in entries:
        if entry.hans not in text and entry.kind != "name":
            yield Problem(ctx.settings.conversion_table, entry.line, 3, ID, LEVEL,
                          f"转换表的“{entry.hans}”已经没有内容用到",
                          "删掉这一项，或确认它为即将加入的内容保留")
