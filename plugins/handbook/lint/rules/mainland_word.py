"""繁体版（按 mkdocs.yml 的 region，默认台湾）转换后仍会出现大陆用语时提醒（地区用语表 regions/<region>.yml）。

OpenCC 的地区词汇和项目转换表 conversions.yml 已处理大部分词语；表里没有的词，在这里提前发现。
产品、品牌和法规名称（转换表中 kind: name 的词）、书名号《》内的作品名和 -{…}- 保护的文字不算。
改法：在 conversions.yml 为这个词加 zh-tw（或 zh-hk）写法；只有这一处要保留时用 -{…}-。

Pass::

    品牌通过视频号直播带货，再用营销活动把顾客引到门店。

Fail::

    屈臣氏的人工客服在线答疑。
"""
from __future__ import annotations

from collections.abc import Iterable

from handbook.core.frontmatter import Document
from handbook.core.problems import Level, Problem
from handbook.core.variants import HANT, TableError, Variant
from handbook.core.vocabulary import RegionList, RegionListError, names
from handbook.lint.context import Context

ID = "mainland-word"
LEVEL = Level.WARNING
SCOPE = "file"
BUILD = False


def edition(ctx: Context) -> tuple[Variant, RegionList, list[str]] | None:
    """The Traditional converter, the region's word list and the protected names (cached per run);
    None when the table or the list cannot be read (the conversion-table rule reports the table)."""
    if "mainland-word" not in ctx.cache:
        from handbook.core.project import Project

        try:
            variant = Project.of(ctx.root, ctx.settings, ctx.corpus).variant(HANT)
            words = RegionList.load(ctx.root, ctx.settings.region)
        except (TableError, RegionListError):
            ctx.cache["mainland-word"] = None
        else:
            ctx.cache["mainland-word"] = (variant, words, names(variant))
    found: tuple[Variant, RegionList, list[str]] | None = ctx.cache["mainland-word"]
    return found


def check(doc: Document, ctx: Context) -> Iterable[Problem]:
    found = edition(ctx)
    if found is None or not doc.text:
        return
    variant, words, protected = found
    region = "台湾" if ctx.settings.region == "tw" else "香港"
    for number, line in enumerate(doc.text.split("\n"), start=1):
        if not line.strip() or line.isascii():
            continue
        converted = variant.convert(line)
        for offset, pair in words.find(converted, protected):
            yield doc.problem(ID, LEVEL, f"繁体版（{region}）会出现大陆用语“{pair.mainland}”，{region}说“{pair.local}”",
                              f"在 conversions.yml 为它加 zh-{ctx.settings.region} 写法；只此一处时用 -{{…}}-",
                              line=number, col=min(offset, len(line)) + 1)
