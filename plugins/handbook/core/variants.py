"""One source, two scripts: convert rendered Simplified text to a variant, editor-controlled.

Conversion order for a string:
1. Protected spans written by editors: `-{原文}-` keeps the text as written in every variant;
   `-{zh-hans:简;zh-hant:繁}-` gives each variant its own text (`zh-tw` / `zh-hk` forms win over
   `zh-hant` in that region's edition). `resolve_markup` turns both into KEEP-delimited runs that
   carry every script's form, so one rendering of a page serves both scripts: the Simplified output
   keeps the first form (`strip_sentinels`), the Traditional conversion the second.
2. The project's conversion table pins phrases (leftmost-longest, Aho–Corasick): a pinned phrase is
   emitted in its fixed form and never reaches OpenCC, so no later stage can undo it.
3. OpenCC (`s2tw` by default) converts everything else, except clauses that are already exactly
   what this pipeline makes of their Simplified form: OpenCC is not idempotent (a second pass turns
   組合 into 組閤, 了解 into 瞭解, 後台 into 後臺), so converting converted text leaves it alone.
The Simplified variant runs the same pipeline with steps 2–3 switched off; with `keep_markup` it
leaves the KEEP runs in place for a later conversion of the rendered page (`outputs.htmlconvert`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import opencc
import yaml

from handbook.core.textmatch import Matcher

KEEP_OPEN, KEEP_CLOSE = "\ue000", "\ue001"
"""Private-use sentinels around text that must not be converted; never left in output."""

HANS, HANT = "zh-Hans", "zh-Hant"
MARKUP = re.compile(r"-\{(.+?)\}-", re.S)
_VARIANT_PART = re.compile(r"^\s*(zh-[a-zA-Z]+)\s*:(.*)$", re.S)
_CLAUSE = re.compile(r"[^\s，。、；：！？,.;:!?（）()“”‘’「」『』《》〈〉【】\[\]/|]+")


class TableError(ValueError):
    """The conversion table cannot be read; the message names the file and line."""


@cache
def opencc_converter(config: str) -> opencc.OpenCC:
    """A cached OpenCC converter for a built-in configuration such as "s2tw" or "t2s"."""
    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    """Text in Simplified characters (OpenCC `t2s`), used to compare names across scripts."""
    converted: str = opencc_converter("t2s").convert(text)
    return converted


@cache
def _traditional_chars() -> frozenset[str]:
    """Every character OpenCC's `t2s` changes on its own (4,000-odd, computed once)."""
    chars = [chr(i) for i in (*range(0x2000, 0xD800), *range(0xE000, 0x10000), *range(0x20000, 0x2FA20))]
    simplified = to_simplified("\n".join(chars)).split("\n")
    return frozenset(a for a, b in zip(chars, simplified, strict=True) if a != b)


def may_hold_traditional(text: str) -> bool:
    """False when no character of `text` is Traditional-only: a set test, several times faster
    than converting. (A phrase-level t2s change without such a character is not looked for.)"""
    return not _traditional_chars().isdisjoint(text)


@dataclass(frozen=True)
class TableEntry:
    """A pinned phrase: its Simplified form and its form per variant or region."""

    hans: str
    forms: dict[str, str]
    note: str = ""
    line: int = 0

    def form(self, keys: tuple[str, ...]) -> str:
        """The first form found among `keys` (most specific first)."""
        return next((self.forms[k] for k in keys if k in self.forms), self.hans)


def load_table(path: Path) -> list[TableEntry]:
    """Read the project conversion table (YAML list of {zh-hans, zh-hant, [zh-tw, zh-hk], note})."""
    if not path.exists():
        return []
    try:
        loader = yaml.SafeLoader(path.read_text("utf-8"))
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        mark = getattr(err, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise TableError(f"{where}: 转换表无法读取：{getattr(err, 'problem', err)}") from err
    entries: list[TableEntry] = []
    items = node.value if isinstance(node, yaml.SequenceNode) else None
    if node is not None and items is None:
        raise TableError(f"{path}:1: 转换表必须是列表，每项含 zh-hans 和 zh-hant")
    seen: dict[str, int] = {}
    for item in items or []:
        line = item.start_mark.line + 1
        data = _construct(item)
        if not isinstance(data, dict) or not isinstance(data.get("zh-hans"), str) or not isinstance(data.get("zh-hant"), str):
            raise TableError(f"{path}:{line}: 每项必须有字符串 zh-hans 和 zh-hant")
        extra = set(data) - {"zh-hans", "zh-hant", "zh-tw", "zh-hk", "note"}
        if extra:
            raise TableError(f"{path}:{line}: 未知字段 {', '.join(sorted(extra))}（可用 zh-hans、zh-hant、zh-tw、zh-hk、note）")
        hans = data["zh-hans"]
        if hans in seen:
            raise TableError(f"{path}:{line}: “{hans}” 已在第 {seen[hans]} 行定义")
        seen[hans] = line
        forms = {k: v for k, v in data.items() if k.startswith("zh-") and k != "zh-hans"}
        entries.append(TableEntry(hans, forms, str(data.get("note", "")), line))
    return entries


def _construct(node: yaml.Node) -> object:
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_document(node)
    finally:
        loader.dispose()


ALT = "\ue003"
"""Inside a KEEP run: separates the Simplified form from the Traditional one (`简 ALT 繁`)."""
_KEEP_RUN = re.compile(f"{KEEP_OPEN}([^{KEEP_OPEN}{KEEP_CLOSE}]*?)(?:{ALT}([^{KEEP_OPEN}{KEEP_CLOSE}]*))?{KEEP_CLOSE}")
SENTINELS = (KEEP_OPEN, KEEP_CLOSE, ALT)


def resolve_markup(text: str, region: str = "tw") -> str:
    """Replace `-{…}-` spans with KEEP runs holding each script's form.

    `-{原文}-` → `KEEP 原文 KEEP` (the same in every script); `-{zh-hans:简;zh-hant:繁}-` →
    `KEEP 简 ALT 繁 KEEP`, where the Traditional form is the `zh-<region>` one when given, else
    `zh-hant`, else the other region's. A span that gives only the Simplified form is that text,
    converted normally in the other script; one that gives only a Traditional form shows it in both.
    """
    if "-{" not in text:
        return text

    def choose(match: re.Match[str]) -> str:
        inner = match.group(1)
        parts = [p for p in inner.split(";") if p.strip()]
        chosen: dict[str, str] = {m.group(1): m.group(2) for m in map(_VARIANT_PART.match, parts) if m}
        if not chosen or len(chosen) != len(parts):
            return f"{KEEP_OPEN}{inner}{KEEP_CLOSE}"
        forms = {k.lower(): v for k, v in chosen.items()}
        hans = forms.get("zh-hans", forms.get("zh-cn"))
        regions = [f"zh-{region}", "zh-hant", "zh-tw", "zh-hk"]
        hant = next((forms[k] for k in regions if k in forms), None)
        if hant is None:
            return hans or ""
        return f"{KEEP_OPEN}{hans if hans is not None else hant}{ALT}{hant}{KEEP_CLOSE}"

    return MARKUP.sub(choose, text)


def strip_sentinels(text: str) -> str:
    """The Simplified text of KEEP runs (markers removed): `KEEP 简 ALT 繁 KEEP` → 简."""
    if KEEP_OPEN not in text and KEEP_CLOSE not in text and ALT not in text:
        return text
    text = _KEEP_RUN.sub(lambda m: m.group(1), text)
    for mark in SENTINELS:
        text = text.replace(mark, "")
    return text


SEPARATOR = "\ue002"
"""Joins texts for one conversion call (private use: never in content)."""
MEMO_MAX = 400
"""Strings up to this length are remembered by `Variant.convert`."""


@dataclass
class Variant:
    """A script variant of the site: its code, OpenCC configuration and pinned phrases."""

    code: str = HANS
    opencc_config: str = "s2tw"
    region: str = "tw"
    table: list[TableEntry] = field(default_factory=list)
    keep_markup: bool = False
    """Simplified only: leave protected spans as KEEP runs (the page is converted again later)."""

    def __post_init__(self) -> None:
        keys = (f"zh-{self.region}", "zh-hant")
        pins = {e.hans: e.form(keys) for e in self.table} if self.converts else {}
        # a pinned form is pinned again when met (converting converted text leaves it as it is)
        self._pinned = Matcher([*pins.items(), *((form, form) for form in pins.values() if form not in pins)])
        self._opencc = opencc_converter(self.opencc_config) if self.converts else None
        self._memo: dict[str, str] = {}

    @property
    def converts(self) -> bool:
        """False for the Simplified variant, whose text is only stripped of markers."""
        return self.code != HANS

    @property
    def lang(self) -> str:
        """The value of the `lang` attribute for this variant."""
        return self.code

    def convert(self, text: str) -> str:
        """A plain string (title, summary, nav label) in this variant; markup resolved.

        Short strings are remembered: the same titles and summaries recur on many pages.
        """
        done = self._memo.get(text)
        if done is None:
            done = self.convert_resolved(resolve_markup(text, self.region))
            if len(text) <= MEMO_MAX:
                self._memo[text] = done
        return done

    def convert_many(self, pieces: list[str]) -> list[str]:
        """Several KEEP-delimited texts converted in one OpenCC call: joined by a private-use
        separator that no phrase crosses, then split again (one by one if a text holds it)."""
        if not pieces:
            return []
        if self.converts and not any(SEPARATOR in p for p in pieces):
            out = self.convert_resolved(SEPARATOR.join(pieces)).split(SEPARATOR)
            if len(out) == len(pieces):
                return out
        return [self.convert_resolved(p) for p in pieces]

    def convert_resolved(self, text: str) -> str:
        """Text whose protected spans are already KEEP runs (e.g. a Markdown text node)."""
        if not self.converts:
            return text if self.keep_markup else strip_sentinels(text)
        if KEEP_OPEN not in text and KEEP_CLOSE not in text:
            return self._convert_plain(text)
        out, pos = [], 0
        for match in _KEEP_RUN.finditer(text):
            out.append(self._convert_plain(text[pos:match.start()]))
            out.append(match.group(2) if match.group(2) is not None else match.group(1))
            pos = match.end()
        out.append(self._convert_plain(text[pos:]))
        joined = "".join(out)
        for mark in SENTINELS:
            joined = joined.replace(mark, "")
        return joined

    def _convert_plain(self, text: str) -> str:
        if not self.converts or not text:
            return text
        if "\x00" in text:  # OpenCC's C API would cut the string at a NUL
            return "\x00".join(self._convert_plain(part) for part in text.split("\x00"))
        assert self._opencc is not None
        if self._pinned.empty:
            return self._opencc_simplified_only(text)
        out, pos = [], 0
        for start, end, _, form in self._pinned.find(text):
            if start > pos:
                out.append(self._opencc_simplified_only(text[pos:start]))
            out.append(form)
            pos = end
        if pos < len(text):
            out.append(self._opencc_simplified_only(text[pos:]))
        return "".join(out)

    def _opencc_simplified_only(self, text: str) -> str:
        """OpenCC on the text, leaving clauses that are already Traditional as they are."""
        assert self._opencc is not None
        if not may_hold_traditional(text):  # the usual case: nothing Traditional in it
            converted: str = self._opencc.convert(text)
            return converted
        out, pos = [], 0
        for m in _CLAUSE.finditer(text):
            out.append(text[pos:m.start()])
            clause = m.group(0)
            simplified = to_simplified(clause)
            done = simplified != clause and self._convert_plain(simplified) == clause
            out.append(clause if done else self._opencc.convert(clause))
            pos = m.end()
        out.append(text[pos:])
        return "".join(out)


def strip_markup(text: str) -> str:
    """The Simplified text an editor means: markup resolved for zh-Hans, sentinels removed."""
    return Variant(HANS).convert(text)
