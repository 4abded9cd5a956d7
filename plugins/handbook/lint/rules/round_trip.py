"""术语标题转成繁体再转回简体后必须不变，否则繁体版的写法可能有误或有歧义；转换表固定了写法的除外。

转回时只换字形（t2s）或用地区版的反向转换（台湾版 tw2sp：“聯絡”回到“联系”），两者之一回到原标题即可，
所以地区用语本身不算改变。

例如“后台”转成繁体后再转回仍是“后台”；若某个标题转回后变了，请核对繁体写法，
需要时在 conversions.yml 中固定它，或用 `-{…}-` 写明两种写法。

Pass::

    title: 会员日        # 會員日 → 会员日

Fail::

    title: 鬱金香        # 含繁体，转回后变成“郁金香”
"""
from __future__ import annotations

from collections.abc import Iterable

from handbook.core.problems import Level, Problem
from handbook.core.variants import HANT, opencc_converter, strip_markup, to_simplified
from handbook.lint.context import Context

ID = "round-trip"
LEVEL = Level.ERROR
SCOPE = "corpus"
BUILD = False


def check(ctx: Context) -> Iterable[Problem]:
    from handbook.core.project import Project

    try:
        variant = Project.of(ctx.root, ctx.settings, ctx.corpus).variant(HANT)
    except ValueError:
        return  # the conversion-table rule reports an unreadable table
    pinned = [e.hans for e in variant.table]
    reverse = opencc_converter(ctx.settings.reverse_config)
    for doc in ctx.corpus.documents:
        if ctx.focus is not None and doc.path not in ctx.focus:
            continue  # each title stands alone: a run on some files checks only theirs
        title = (doc.data or {}).get("title")
        if doc.kind != "term" or not isinstance(title, str) or "-{" in title or to_simplified(title) != title:
            continue  # protected spans say what they mean; Traditional characters are traditional-char's
        hant = variant.convert(title)
        back = to_simplified(hant)
        if back != strip_markup(title) and reverse.convert(hant) != strip_markup(title) \
                and not any(p in title for p in pinned):
            yield doc.problem(ID, LEVEL, f"标题“{title}”转成繁体“{hant}”后再转回得到“{back}”",
                              "核对繁体写法；在 conversions.yml 中固定它，或写成 -{zh-hans:…;zh-hant:…}-", at=("title",))
