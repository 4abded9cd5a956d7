"""版次字段要与 mkdocs.yml 中声明的 `editions` 一致，且前后相符。

`since`、`changed[].edition`、`deprecated.edition`、`removed_in` 都必须是已声明的版次；修订和停用不早于
收录，删除晚于收录；`related`（案例的 `terms`）不能引用更晚收录的条目，除非本条在那一版或之后有修订
（`changed`）：那时加上的关联在旧版手册里自动不显示，不会断链。

Pass::

    since: "1.0"
    changed:
      - {edition: "1.1", note: 补充茂业百货的案例}

Fail::

    since: "1.1"
    changed:
      - {edition: "1.0", note: 修订}
"""
from __future__ import annotations

from collections.abc import Iterable

from handbook.core.model import edition_key
from handbook.core.problems import Level, Problem
from handbook.lint.context import Context

ID = "edition"
LEVEL = Level.ERROR
SCOPE = "corpus"
BUILD = True


def _ok(value: object) -> bool:
    return isinstance(value, str) and value.replace(".", "").isdigit() and value.count(".") == 1


def check(ctx: Context) -> Iterable[Problem]:
    declared = ctx.settings.editions
    since_of: dict[tuple[str, str], str] = {}
    for doc in ctx.corpus.documents:
        data = doc.data or {}
        if _ok(data.get("since")) and isinstance(data.get("id"), str):
            since_of[(doc.kind, data["id"])] = data["since"]
    for doc in ctx.corpus.documents:
        data = doc.data or {}
        since = data.get("since")
        fields: list[tuple[tuple[str | int, ...], object]] = [(("since",), since)]
        fields += [(("changed", i, "edition"), c.get("edition")) for i, c in enumerate(data.get("changed") or [])
                   if isinstance(c, dict)]
        dep = data.get("deprecated")
        if isinstance(dep, dict):
            fields.append((("deprecated", "edition"), dep.get("edition")))
        fields.append((("removed_in",), data.get("removed_in")))
        for path, value in fields:
            if not _ok(value):
                continue
            if value not in declared:
                yield doc.problem(ID, LEVEL, f"版次 “{value}” 未在 mkdocs.yml 的 editions 中声明",
                                  f"已声明：{'、'.join(declared)}", at=path)
            elif path != ("since",) and _ok(since) and edition_key(value) < edition_key(since):
                yield doc.problem(ID, LEVEL, f"版次 “{value}” 早于收录版次 “{since}”", "修订、停用和删除只能在收录之后", at=path)
            elif path == ("removed_in",) and value == since:
                yield doc.problem(ID, LEVEL, "removed_in 与 since 相同：条目从未出现过", "删除这个文件即可", at=path)
        if not isinstance(since, str) or not _ok(since):
            continue
        revised = [c["edition"] for c in data.get("changed") or [] if isinstance(c, dict) and _ok(c.get("edition"))]
        latest = max([since, *revised], key=edition_key)
        refs = data.get("related" if doc.kind == "term" else "terms") or []
        for i, ref in enumerate(refs):
            other = since_of.get(("term", ref)) if isinstance(ref, str) else None
            if other and edition_key(other) > edition_key(latest):
                field = "related" if doc.kind == "term" else "terms"
                yield doc.problem(ID, LEVEL, f"引用的术语 “{ref}” 在 {other} 版才收录，晚于本条的 {latest} 版",
                                  f"{since} 版手册中它不存在；改为同版或更早的术语，或在 changed 中记下 {other} 版的修订",
                                  at=(field, i))
