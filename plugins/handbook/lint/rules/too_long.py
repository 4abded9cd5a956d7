"""条目文件不能过大，正文的一行不能过长：超出上限的内容无法可靠检查，也不适合在手机上阅读。

文件上限 200 KB，一行上限 4000 字（约八屏手机的内容）。超长的行不做排版检查，
其他规则照常运行。常见原因是把整篇文章粘贴进来却没有分段，或者误存了二进制内容。

Pass::

    ## 释义

    每段几百字，段落之间空一行。

Fail::

    ## 释义

    （一行 30000 字、没有分段的正文）
"""
from __future__ import annotations

from collections.abc import Iterable

from handbook.core.frontmatter import Document
from handbook.core.problems import Level, Problem
from handbook.core.typography import MAX_LINE
from handbook.lint.context import Context

ID = "too-long"
LEVEL = Level.ERROR
SCOPE = "file"
BUILD = True
MAX_BYTES = 200 * 1024


def check(doc: Document, ctx: Context) -> Iterable[Problem]:
    size = len(doc.text.encode("utf-8", "surrogatepass"))
    if size > MAX_BYTES:
        yield doc.problem(ID, LEVEL, f"文件有 {size / 1024 / 1024:.1f} MB，超过 {MAX_BYTES // 1024} KB 的上限",
                          "拆成几个条目，或删去粘贴进来的原文", line=1)
    for n, line in enumerate(doc.text.split("\n"), start=1):
        if len(line) > MAX_LINE:
            yield doc.problem(ID, LEVEL, f"第 {n} 行有 {len(line)} 个字符，超过 {MAX_LINE} 字的上限",
                              "在句号后分段，段落之间空一行", line=n)
