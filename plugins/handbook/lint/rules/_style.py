"""Shared by the typography rules: one autocorrect pass per document, and the body-only fix."""
from __future__ import annotations

from collections.abc import Callable

from handbook.core import typography
from handbook.core.frontmatter import Document, split_source
from handbook.core.problems import Level, Problem
from handbook.core.textmatch import Matcher
from handbook.lint.context import Context


def exempt(ctx: Context) -> Matcher[str]:
    """Term names that may be quoted exactly although they break the spacing rules."""
    if "typography:names" not in ctx.cache:
        names = [n for d in ctx.corpus.documents if d.kind == "term" and d.data
                 for n in [d.data.get("title"), *(d.data.get("aliases") or [])] if isinstance(n, str)]
        ctx.cache["typography:names"] = typography.exempt_names(names)
    exempted: Matcher[str] = ctx.cache["typography:names"]
    return exempted


def issues(doc: Document, ctx: Context) -> list[typography.Issue]:
    """The style issues of a document's body, computed once per run."""
    key = f"typography:{doc.path}"
    if key not in ctx.cache:
        ctx.cache[key] = list(typography.check(doc.body, exempt(ctx))) if doc.body else []
    found: list[typography.Issue] = ctx.cache[key]
    return found


def shown(text: str, limit: int = 12) -> str:
    """Quoted text for a message: a long run (a line of 500 “!”) is cut, with its length."""
    return text if len(text) <= limit else f"{text[:limit]}…（共 {len(text)} 个字符）"


def problems(doc: Document, ctx: Context, kind: str, rule: str, level: Level,
             message: Callable[[typography.Issue], str], hint: Callable[[typography.Issue], str]) -> list[Problem]:
    """Problems for the issues of one kind, at their exact line and column in the file."""
    return [doc.problem(rule, level, message(i), hint(i), line=doc.body_line + i.index, col=i.col, fixable=True)
            for i in issues(doc, ctx) if i.kind == kind]


def fix_body(text: str, ctx: Context) -> str:
    """The file with its body restyled and its front matter byte for byte unchanged."""
    head, body = split_source(text)
    return head + typography.fix(body, exempt(ctx)) if head else text
