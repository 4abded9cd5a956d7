"""文件名必须等于 `id` 加 `.md`：网址来自 `id`，编辑者按文件名找到条目。

Pass::

    # terms/siyu.md
    id: siyu

Fail::

    # terms/siyu.md
    id: si-yu
"""
from __future__ import annotations

from collections.abc import Iterable

from handbook.core.frontmatter import Document
from handbook.core.problems import Level, Problem
from handbook.lint.context import Context

ID = "id-filename"
LEVEL = Level.ERROR
SCOPE = "file"
BUILD = True


def check(doc: Document, ctx: Context) -> Iterable[Problem]:
    if doc.data is None or not isinstance(doc.data.get("id"), str):
        return
    stem = doc.path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    if doc.data["id"] != stem:
        yield doc.problem(ID, LEVEL, f"id “{doc.data['id']}” 与文件名 “{stem}” 不一致",
                          f"把文件改名为 {doc.data['id']}.md，或把 id 改为 {stem}", at=("id",))
