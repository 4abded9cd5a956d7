"""前置元数据的键按固定顺序排列（与 schema 中字段的顺序相同），方便审阅时对照（`--fix` 可自动调整）。

术语：id, number, title, aliases, english, pinyin, category, summary, related, autolink, sources,
since, changed, deprecated, removed_in。案例：id, title, brand, industry, period, summary, terms,
metrics, sources, since, changed, deprecated, removed_in。修正时整块移动原有的行，不重写 YAML。

Pass::

    id: siyu
    title: 私域
    category: 基础概念

Fail::

    title: 私域
    id: siyu
"""
from __future__ import annotations

from collections.abc import Iterable

from handbook.core import schema
from handbook.core.frontmatter import Document, split_source
from handbook.core.problems import Level, Problem
from handbook.lint.context import Context

ID = "key-order"
LEVEL = Level.ERROR
SCOPE = "file"
BUILD = False


def check(doc: Document, ctx: Context) -> Iterable[Problem]:
    keys = doc.key_order.get(())
    if not keys:
        return
    order = {k: i for i, k in enumerate(schema.key_order(doc.kind))}
    known = [k for k in keys if k in order]
    expected = sorted(known, key=order.__getitem__)
    for have, want in zip(known, expected, strict=True):
        if have != want:
            yield doc.problem(ID, LEVEL, f"键 `{have}` 的位置不对：这里应是 `{want}`",
                              "顺序见 schema；运行 scripts/lint --fix 自动调整", at=(have,), fixable=True)
            return


def fix(text: str, ctx: object = None) -> str:
    """Reorder top-level key blocks (a key line with its indented or list lines) without parsing."""
    import re

    head, body = split_source(text)
    if not head:
        return text
    lines = head.split("\n")[1:-2]  # between the --- lines
    kind = "case" if re.search(r"^brand:", head, re.M) else "term"
    order = {k: i for i, k in enumerate(schema.key_order(kind))}
    blocks: list[tuple[str | None, list[str]]] = []
    for line in lines:
        m = re.match(r"^([A-Za-z_][\w-]*)\s*:", line)
        if m:
            blocks.append((m.group(1), [line]))
        elif blocks:
            blocks[-1][1].append(line)
        else:
            blocks.append((None, [line]))
    leading = [b for b in blocks if b[0] is None]
    keyed = [b for b in blocks if b[0] is not None]
    if any(k not in order for k, _ in keyed):
        return text  # unknown keys: leave it to the schema rule
    keyed.sort(key=lambda b: order[b[0] or ""])
    out = [line for _, block in leading + keyed for line in block]
    closing = head.split("\n")[-2]
    return "---\n" + "\n".join(out) + f"\n{closing}\n" + body
