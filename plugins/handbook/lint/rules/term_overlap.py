"""文中两个术语名称首尾重叠、自动链接只能选一个的地方（警告），定位到出现的行和列。

例如术语“私域流量”与“流量池”：正文写“私域流量池”时，从左起最长匹配链接“私域流量”，“流量池”就不会被链接。
若这正是想要的，可以不管；否则在此处用 `[[流量池]]` 指定，或把“私域流量池”本身收为术语或别名。
包含关系（“私域”与“私域流量”）总是取较长的术语，没有歧义，不报告。

Pass::

    私域流量是……；流量池是……（两个名称没有连在一起出现）

Fail::

    把公域用户导入私域流量池。（“私域流量”与“流量池”在此重叠）
"""
from __future__ import annotations

from collections.abc import Iterable

from handbook.core.frontmatter import Document
from handbook.core.mdtext import prose_lines
from handbook.core.problems import Level, Problem
from handbook.core.termindex import TermIndex
from handbook.lint.context import Context

ID = "term-overlap"
LEVEL = Level.WARNING
SCOPE = "file"
BUILD = False


def index(ctx: Context) -> TermIndex:
    """The link index of the corpus, built once per run."""
    if "link:index" not in ctx.cache:
        ctx.cache["link:index"] = TermIndex(ctx.corpus, ctx.settings.edition)
    built: TermIndex = ctx.cache["link:index"]
    return built


def _focused_index(ctx: Context) -> TermIndex:
    """For a run on a few files, an index of just the terms whose names occur in them."""
    if "link:focused" not in ctx.cache:
        from handbook.core.corpus import entries
        from handbook.core.model import Corpus
        from handbook.core.termindex import squeeze, squeezed_names

        focus = ctx.focus or set()
        texts = [squeeze(d.body)[0] for d in ctx.corpus.documents if d.path in focus]
        wanted = [d for d in ctx.corpus.documents if d.kind == "term" and d.data is not None and any(
            name in text for name in squeezed_names(d.data) for text in texts)]
        terms, _ = entries(wanted)
        ctx.cache["link:focused"] = TermIndex(Corpus(terms=terms), ctx.settings.edition)
    focused: TermIndex = ctx.cache["link:focused"]
    return focused


def check(doc: Document, ctx: Context) -> Iterable[Problem]:
    if doc.data is None or not doc.body:
        return
    idx = _focused_index(ctx) if ctx.focus is not None and len(ctx.focus) <= 20 else index(ctx)
    for n, line in enumerate(prose_lines(doc.body)):
        for (c_start, _, chosen), (h_start, h_end, hidden) in idx.ambiguities(line):
            merged = line[c_start:h_end]
            yield doc.problem(ID, LEVEL, f"“{merged}”中“{chosen}”与“{hidden}”重叠，只会链接“{chosen}”",
                              f"若应链接“{hidden}”，写成 [[{hidden}]]；若“{merged}”本身是概念，可收为术语或别名",
                              line=doc.body_line + n, col=h_start + 1)
