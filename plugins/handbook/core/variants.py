"""One source, two scripts: convert rendered Simplified text to a variant, editor-controlled.

Conversion order for a string:
1. Protected spans written by editors: `-{原文}-` keeps the text as written in every variant;
   `-{zh-hans:简;zh-hant:繁}-` gives each variant its own text (`zh-tw` / `zh-hk` forms win over
   `zh-hant` in that region's edition). `resolve_markup` turns both into KEEP-delimited runs that
   carry every script's form, so one rendering of a page serves both scripts: the Simplified output
   keeps the first form (`strip_sentinels`), the Traditional conversion the second.
2. The project's conversion table pins phrases (leftmost-longest, Aho–Corasick): a pinned phrase is
   emitted in its fixed form and never reaches OpenCC, so no later stage can undo it. Titles of
   works in 《》 change character forms only (a law or a book keeps its wording).
3. OpenCC converts everything else — the region's phrase-level configuration (`s2twp` for Taiwan,
   `s2hkp` for Hong Kong), so 信息 becomes 資訊 and not just 信息 in Traditional characters — in
   one call per text: pinned phrases and titles wait behind private-use placeholders, which OpenCC
   passes through and which no phrase crosses. Clauses that are already exactly what this pipeline
   makes of their Simplified form stay as they are: OpenCC is not idempotent (a second pass turns
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
WORK_TITLE = re.compile(r"《[^《》\n]{1,80}》")
"""The title of a book, article, report or law: converted character by character only."""
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
    """A pinned phrase: its Simplified form and its form per variant or region.

    `kind` is "name" for the name of a product, brand, place or law, which must reach the
    Traditional edition exactly in that form (the regional tests check every one of them)."""

    hans: str
    forms: dict[str, str]
    note: str = ""
    line: int = 0
    kind: str = ""

    def form(self, keys: tuple[str, ...]) -> str:
        """The first form found among `keys` (most specific first)."""
        return next((self.forms[k] for k in keys if k in self.forms), self.hans)


def load_table(path: Path) -> list[TableEntry]:
    """Read the project conversion table (YAML list of {zh-hans, zh-hant, [zh-tw, zh-hk], kind, note})."""
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
        extra = set(data) - {"zh-hans", "zh-hant", "zh-tw", "zh-hk", "kind", "note"}
        if extra:
            raise TableError(f"{path}:{line}: 未知字段 {', '.join(sorted(extra))}（可用 zh-hans、zh-hant、zh-tw、zh-hk、kind、note）")
        kind = data.get("kind", "")
        if kind not in ("", "name"):
            raise TableError(f"{path}:{line}: kind 只能是 name（产品、品牌、地点或法规名称），而不是 {kind!r}")
        if not all(isinstance(data.get(k, ""), str) for k in ("zh-tw", "zh-hk", "note")):
            raise TableError(f"{path}:{line}: zh-tw、zh-hk 和 note 必须是字符串")
        hans = data["zh-hans"]
        if hans in seen:
            raise TableError(f"{path}:{line}: “{hans}” 已在第 {seen[hans]} 行定义")
        seen[hans] = line
        forms = {k: v for k, v in data.items() if k.startswith("zh-") and k != "zh-hans"}
        entries.append(TableEntry(hans, forms, str(data.get("note", "")), line, kind))
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


HELD_BASE = 0xF0000
"""Placeholders for pinned phrases and titles during one OpenCC call: Supplementary Private Use
Area-A characters, which OpenCC passes through unchanged and which never join a phrase."""
_HELD_RANGE = "\U000F0000-\U000FFFFD"
_HELD = re.compile(f"[{_HELD_RANGE}]")
_CLAUSE = re.compile(_CLAUSE.pattern[:-2] + _HELD_RANGE + "]+")


@dataclass
class Variant:
    """A script variant of the site: its code, OpenCC configuration and pinned phrases."""

    code: str = HANS
    opencc_config: str = "s2twp"
    region: str = "tw"
    table: list[TableEntry] = field(default_factory=list)
    keep_markup: bool = False
    """Simplified only: leave protected spans as KEEP runs (the page is converted again later)."""
    titles_config: str = "s2tw"
    """Character-only configuration for titles of works in 《》."""

    def __post_init__(self) -> None:
        keys = (f"zh-{self.region}", "zh-hant")
        pins = {e.hans: e.form(keys) for e in self.table} if self.converts else {}
        # a pinned form is pinned again when met (converting converted text leaves it as it is)
        self._pinned = Matcher([*pins.items(), *((form, form) for form in pins.values() if form not in pins)])
        # titles keep their wording: only the table's character forms (`zh-hant`) apply inside 《》
        plain = {e.hans: e.form(("zh-hant",)) for e in self.table} if self.converts else {}
        self._title_pins = Matcher(list(plain.items()))
        self._opencc = opencc_converter(self.opencc_config) if self.converts else None
        self._titles = opencc_converter(self.titles_config) if self.converts else None
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

    def exact(self, text: str) -> str:
        """A name — publisher, author, brand, title of a work — in this variant: character forms
        only, never regional vocabulary (运营研究社 stays 運營研究社 in Taiwan). The rendering script
        marks it as a KEEP run carrying both forms, so the page's later conversion does the same."""
        text = strip_sentinels(resolve_markup(text, self.region))
        if self.converts:
            return self._title_form(text)
        if self.keep_markup and text:
            return f"{KEEP_OPEN}{text}{ALT}{opencc_converter(self.titles_config).convert(text)}{KEEP_CLOSE}"
        return text

    def held_spans(self, text: str) -> list[tuple[int, int, str]]:
        """What OpenCC must not touch in `text`, with the form each becomes: titles of works in 《》
        (character forms only) and pinned phrases, as sorted (start, end, form)."""
        spans: list[tuple[int, int, str]] = []
        pos = 0
        for title in WORK_TITLE.finditer(text) if "《" in text else ():
            spans.extend(self._pins_in(text, pos, title.start()))
            spans.append((title.start(), title.end(), self._title_form(title.group(0))))
            pos = title.end()
        spans.extend(self._pins_in(text, pos, len(text)))
        return spans

    def _pins_in(self, text: str, start: int, end: int) -> list[tuple[int, int, str]]:
        if self._pinned.empty or start >= end:
            return []
        return [(start + a, start + b, form) for a, b, _, form in self._pinned.find(text[start:end])]

    def _title_form(self, title: str) -> str:
        assert self._titles is not None
        out, pos = [], 0
        for start, end, _, form in self._title_pins.find(title):
            out.append(self._titles.convert(title[pos:start]))
            out.append(form)
            pos = end
        out.append(self._titles.convert(title[pos:]))
        return "".join(out)

    def _convert_plain(self, text: str) -> str:
        if not self.converts or not text:
            return text
        if "\x00" in text:  # OpenCC's C API would cut the string at a NUL
            return "\x00".join(self._convert_plain(part) for part in text.split("\x00"))
        spans = self.held_spans(text)
        if not spans:
            return self._opencc_simplified_only(text)
        if len(spans) > 0xFFFD or _HELD.search(text):  # no room for placeholders: one call per piece
            out: list[str] = []
            pos = 0
            for start, end, form in spans:
                out.extend((self._opencc_simplified_only(text[pos:start]), form))
                pos = end
            out.append(self._opencc_simplified_only(text[pos:]))
            return "".join(out)
        masked: list[str] = []
        pos = 0
        for n, (start, end, _) in enumerate(spans):
            masked.extend((text[pos:start], chr(HELD_BASE + n)))
            pos = end
        masked.append(text[pos:])
        done = self._opencc_simplified_only("".join(masked))
        return _HELD.sub(lambda m: spans[ord(m.group(0)) - HELD_BASE][2], done)

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
