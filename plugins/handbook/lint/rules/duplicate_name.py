"""术语的标题和别名在全书中必须唯一（忽略全角/半角、大小写、空格和简繁差异）。

“社群”与“社羣”、“ＳＣＲＭ”与“scrm”视为同一个名称：否则自动链接无法确定指向哪个术语。

Pass::

    title: 社群
    aliases: [微信群]

Fail::

    # terms/a.md
    title: 社群
    # terms/b.md
    aliases: [社羣]
"""
from __future__ import annotations

from collections.abc import Iterable

from handbook.core.frontmatter import Document
from handbook.core.problems import Level, Problem
from handbook.lint.context import Context
from handbook.lint.rules._common import normalise_name

ID = "duplicate-name"
LEVEL = Level.ERROR
SCOPE = "corpus"
BUILD = True


def check(ctx: Context) -> Iterable[Problem]:
    seen: dict[str, list[tuple[Document, tuple[str | int, ...], str]]] = {}
    for doc in ctx.corpus.documents:
        data = doc.data or {}
        if doc.kind != "term":
            continue
        names: list[tuple[tuple[str | int, ...], str]] = []
        if isinstance(data.get("title"), str):
            names.append((("title",), data["title"]))
        aliases = data.get("aliases")
        if isinstance(aliases, list):
            names += [(("aliases", i), a) for i, a in enumerate(aliases) if isinstance(a, str)]
        for path, name in names:
            key = normalise_name(name)
            if not key:
                continue
            if any(d is doc and normalise_name(n) == key for d, _, n in seen.get(key, [])):
                continue  # the same name twice in one file is the schema's uniqueItems
            seen.setdefault(key, []).append((doc, path, name))
    for places in seen.values():
        for doc, path, name in places if len(places) > 1 else ():
            other, other_path, other_name = next(p for p in places if p[:2] != (doc, path))
            line = other.locate(other_path)[0]
            where = "本文件" if other is doc else other.path
            yield doc.problem(ID, LEVEL, f"名称 “{name}” 与 {where}:{line} 的 “{other_name}” 重复",
                              "一个名称只能指向一个术语：删除其一，或把它合并为别名", at=path)
