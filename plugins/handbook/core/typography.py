"""The house style of Chinese prose: what is wrong, where exactly, and the safe fix.

autocorrect-py does the spacing between CJK and Latin/digits and most half-width → full-width
punctuation. It is configured off where it is wrong for this handbook (it would put spaces around
`+` in names such as 企业微信+社群+LBS, and space out half-width brackets instead of making them
full-width); our own rules add full-width brackets and quotes in Chinese sentences and repeated
punctuation. Only Markdown bodies are checked, never front matter.
"""
from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

import autocorrect_py

from handbook.core.mdtext import MASK, prose_lines
from handbook.core.textmatch import Matcher

autocorrect_py.load_config(  # type: ignore[attr-defined]  # exported by the Rust extension
    json.dumps({"rules": {"space-punctuation": 0, "space-bracket": 0, "space-backticks": 0, "spellcheck": 0}}))

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN = CJK + "\U00020000-\U0002ffff"
"""Han characters for a regex class, the supplementary ideographs included (search keys, typesetting)."""
_FULLWIDTH_ALNUM = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
_PAREN = re.compile(rf"\(([^()\n{MASK}]*)\)")
_QUOTES = re.compile(rf"\"([^\"\n{MASK}]*)\"")
_HALF_PUNCT = re.compile(rf"(?<=[{CJK}”’）》」』])([,;:!?])(?![0-9A-Za-z/])")
_DAMAGE = re.compile(rf"(?<=[{CJK}])\?+(?=[{CJK}])|[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]*[)）]")
_FULL_OF = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？"}
_REPEATED = re.compile(r"([，。、；：！？])\1+|([!?])\2+")
_HAS_CJK = re.compile(f"[{CJK}]")
MAX_LINE = 4000
"""Lines longer than this are not style-checked (the `too-long` lint rule reports them)."""
CHUNK = 20_000
"""Characters handed to autocorrect per call: it refuses very long inputs ("call limit reached")."""


def chunks(lines: list[str]) -> Iterator[tuple[int, list[str]]]:
    """(index of the first line, lines) in runs of about CHUNK characters, cut at line ends outside
    fenced code (a cut inside a fence would turn code into prose)."""
    start, size, fence = 0, 0, False
    for i, line in enumerate(lines):
        if size and size + len(line) + 1 > CHUNK and not fence:
            yield start, lines[start:i]
            start, size = i, 0
        size += len(line) + 1
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
    if start < len(lines):
        yield start, lines[start:]


@dataclass(frozen=True)
class Issue:
    """One style problem in a body: 0-based line index, 1-based column, kind, what and the fix."""

    index: int
    col: int
    kind: str  # "spacing", "punctuation", "repeated"
    old: str
    new: str


def _cjk_context(line: str, start: int, end: int) -> bool:
    """True when the span sits in Chinese text: CJK inside it or right next to it."""
    before = line[start - 1] if start > 0 else ""
    after = line[end] if end < len(line) else ""
    return bool(_HAS_CJK.search(line[start:end] + before + after))


def _own(line: str) -> Iterator[tuple[int, int, str, str]]:
    """Our own punctuation rules on one masked line: (start, end, old, new).

    Scraping damage (`?` between hanzi, pinyin in brackets) is left to the encoding-damage rule.
    """
    damaged = {i for m in _DAMAGE.finditer(line) for i in range(m.start(), m.end())}
    for m in _PAREN.finditer(line):
        if m.start() in damaged:
            continue
        if _cjk_context(line, m.start(), m.end()):
            yield m.start(), m.end(), m.group(0), f"（{m.group(1)}）"
    for m in _QUOTES.finditer(line):
        if _cjk_context(line, m.start(), m.end()):
            yield m.start(), m.end(), m.group(0), f"“{m.group(1)}”"
    for m in _HALF_PUNCT.finditer(line):
        if m.start() not in damaged:
            yield m.start(), m.end(), m.group(0), _FULL_OF[m.group(0)]


def exempt_names(names: list[str]) -> Matcher[str]:
    """Term names that break the spacing rules as written (企业微信+社群+LBS+波峰会员日+支付,
    RFM模型): the body may quote them exactly, so they are exempt where they appear."""
    suspicious = re.compile(rf"[\x21-\x7e][{CJK}]|[{CJK}][\x21-\x7e]|[,.:;!?()\"]")  # what autocorrect could flag
    flagged = [n for n in set(names) if suspicious.search(n) and any(True for _ in check(n))]
    return Matcher((n, n) for n in flagged)


def _mask_names(lines: list[str], names: Matcher[str] | None) -> list[str]:
    if names is None or names.empty:
        return lines
    out = []
    for line in lines:
        for start, end, _, _ in list(names.find(line)):
            line = line[:start] + MASK * (end - start) + line[end:]
        out.append(line)
    return out


def check(body: str, names: Matcher[str] | None = None) -> Iterator[Issue]:
    """Every style issue of a Markdown body, located precisely; `names` are exempt spans."""
    masked = [line if len(line) <= MAX_LINE else "" for line in _mask_names(prose_lines(body), names)]
    ours: set[tuple[int, int]] = set()
    for i, line in enumerate(masked):
        ours.update((i, m.start()) for m in _DAMAGE.finditer(line))  # reported as encoding damage
        for start, _, old, new in _own(line):
            ours.add((i, start))
            yield Issue(i, start + 1, "punctuation", old, new)
        for m in _REPEATED.finditer(line):
            yield Issue(i, m.start() + 1, "repeated", m.group(0), m.group(0)[0])
    # autocorrect sees the masked text too: code, URLs and protected spans are never touched.
    results = [(first, autocorrect_py.lint_for("\n".join(_neutral(line) for line in part), "md"))
               for first, part in chunks(masked)]
    for first, res in ((first, res) for first, result in results for res in result.lines):
        i, base = first + res.line - 1, res.col - 1
        matcher = difflib.SequenceMatcher(None, res.old, res.new, autojunk=False)
        for tag, a1, a2, b1, b2 in matcher.get_opcodes():
            if tag == "equal":
                continue
            old, new = res.old[a1:a2], res.new[b1:b2]
            col = base + a1
            if (i, col) in ours or (any(i == li and abs(col - s) <= 1 for li, s in ours)
                                    and set(old + new) <= set("() （）")):
                continue  # our own rule already reports this fix
            if _FULLWIDTH_ALNUM.search(old):
                continue  # the fullwidth-alnum rule reports these
            kind = "spacing" if old.strip() == new.strip() else "punctuation"
            yield Issue(i, col + 1, kind, old, new)


def _neutral(line: str) -> str:
    """Masked characters as a letter-free placeholder autocorrect leaves alone."""
    return line.replace(MASK, "\u2063") if MASK in line else line


def fix(body: str, names: Matcher[str] | None = None) -> str:
    """The body with every safe style fix applied (spacing, punctuation, repetition)."""
    for _ in range(4):  # one fix can enable another (full-width letters, then spacing)
        fixed = _fix_once(body, names)
        if fixed == body:
            break
        body = fixed
    return body


def _fix_once(body: str, names: Matcher[str] | None) -> str:
    lines = body.split("\n")
    masked = _mask_names(prose_lines(body), names)
    for i, line in enumerate(masked):
        out = lines[i]
        edits = sorted(list(_own(line)) + [(m.start(), m.end(), m.group(0), m.group(0)[0])
                                             for m in _REPEATED.finditer(line)], reverse=True)
        for start, end, _, new in edits:
            out = out[:start] + new + out[end:]
        lines[i] = out
    text = "\n".join(lines)
    # autocorrect on the real text: it skips code itself; protected spans and URLs are restored.
    protected: list[str] = []

    def hold(kept: str) -> str:
        protected.append(kept)
        return f"\u2063{len(protected) - 1}\u2063"

    held = re.sub(r"-\{.*?\}-|\[\[[^\]\n]*\]\]|https?://[^\s)\]>，。）]+", lambda m: hold(m.group(0)), text)
    if names is not None and not names.empty:
        for start, end, _, _ in sorted(names.find(held), reverse=True):
            held = held[:start] + hold(held[start:end]) + held[end:]
    out_lines = []
    for _, part in chunks(held.split("\n")):
        if any(len(line) > MAX_LINE for line in part):  # left alone, like check() does
            out_lines.append("\n".join(part))
            continue
        formatted = autocorrect_py.format_for("\n".join(part), "md")
        out_lines.append(formatted if isinstance(formatted, str) else getattr(formatted, "out", "\n".join(part)))
    out_text = "\n".join(out_lines)
    return re.sub("\u2063(\\d+)\u2063", lambda m: protected[int(m.group(1))], out_text)
