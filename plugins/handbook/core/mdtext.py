"""Markdown source as prose: which characters of a body are text an editor wrote for readers.

`prose_lines` masks, with NUL characters of the same length, everything that is not prose:
fenced code blocks, inline code, link destinations, autolinks and bare URLs, HTML comments and
protected spans `-{…}-`. Columns computed on the masked lines are the columns of the source.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

MASK = "\x00"
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_INLINE = [
    re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)"),       # inline code
    re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)"),  # link destination ](…)
    re.compile(r"<(?:https?|mailto):[^>\s]*>"),      # autolink
    re.compile(r"https?://[^\s)\]>，。）]+"),         # bare URL
    re.compile(r"<!--.*?-->"),                       # HTML comment (one line)
    re.compile(r"-\{.*?\}-"),                        # protected span
    re.compile(r"\[\[[^\]\n]*\]\]"),                 # explicit term link target
]
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


def _mask(match: re.Match[str]) -> str:
    return MASK * (match.end() - match.start())


def prose_lines(body: str, *, code_only: bool = False) -> list[str]:
    """The body's lines with non-prose masked (same length, so columns stay exact).

    With `code_only`, only code blocks and inline code are masked.
    """
    inline = _INLINE[:1] if code_only else _INLINE
    out: list[str] = []
    fence: str | None = None
    for line in body.split("\n"):
        m = _FENCE.match(line)
        if fence is not None:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = None
            out.append(MASK * len(line))
            continue
        if m:
            fence = m.group(1)
            out.append(MASK * len(line))
            continue
        for pattern in inline:
            line = pattern.sub(_mask, line)
        out.append(line)
    return out


@dataclass(frozen=True)
class Heading:
    """An ATX heading of a body: 0-based line index, level and text."""

    index: int
    level: int
    text: str


def headings(body: str) -> list[Heading]:
    """Every ATX heading outside code blocks."""
    found = []
    for i, line in enumerate(prose_lines(body)):
        m = _HEADING.match(line)
        if m:
            found.append(Heading(i, len(m.group(1)), m.group(2).replace(MASK, "").strip()))
    return found


def sections(body: str, level: int = 2) -> list[tuple[Heading, str]]:
    """The body split at headings of `level`: (heading, text until the next one)."""
    lines = body.split("\n")
    marks = [h for h in headings(body) if h.level <= level]
    out = []
    for n, h in enumerate(marks):
        if h.level != level:
            continue
        end = marks[n + 1].index if n + 1 < len(marks) else len(lines)
        out.append((h, "\n".join(lines[h.index + 1 : end])))
    return out
