"""Regional vocabulary of the Traditional edition: what it changes beyond character forms, and the
mainland words a region's readers should not meet.

- `changes` lists, for review, every word the edition's conversion changes beyond its character
  forms (信息 → 資訊 rather than 信息), and who decided it: an OpenCC phrase table or a line of the
  project table (`scripts/lint --variants`).
- `RegionList` reads `regions/<region>.yml`, the mainland words (in Traditional characters) with the
  region's form, and finds those left in converted text outside names: product and brand names
  (`kind: name` in the table), titles of works in 《》 and text an editor protected.
"""
from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import opencc
import yaml

from handbook.core.textmatch import Matcher
from handbook.core.variants import _KEEP_RUN, WORK_TITLE, Variant, opencc_converter, resolve_markup

PHRASE_TABLES = {"s2twp": ("TWPhrases.ocd2",), "s2hkp": ("HKPhrases.ocd2",)}
"""The regional phrase dictionaries OpenCC applies after the character conversion."""


@cache
def phrase_table(config: str) -> dict[str, str]:
    """OpenCC's regional phrases of a configuration ({Traditional form: regional form}), read from
    its dictionaries with OpenCC's own `opencc_dict`; empty for a character-only configuration."""
    clib = Path(opencc.__file__).parent / "clib"
    phrases: dict[str, str] = {}
    for name in PHRASE_TABLES.get(config, ()):
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "dict.txt"
            try:
                subprocess.run([str(clib / "bin" / "opencc_dict"), "-i", str(clib / "share" / "opencc" / name),
                                "-o", str(out), "-f", "ocd2", "-t", "text"], check=True, capture_output=True)
            except (OSError, subprocess.CalledProcessError):
                continue
            for line in out.read_text("utf-8").splitlines():
                key, _, forms = line.partition("\t")
                if key and forms:
                    form = forms.split(" ")[0]
                    if form != key:
                        phrases[key] = form
    return phrases


@dataclass(frozen=True)
class Change:
    """One vocabulary change: the Simplified text, its character-only form, the edition's form."""

    hans: str
    chars: str
    form: str
    decided_by: str
    """"conversions.yml:<line>" for a pinned phrase, else "OpenCC <configuration>"."""


def changes(variant: Variant, text: str, table_name: str = "conversions.yml") -> Iterator[tuple[int, Change]]:
    """Every vocabulary change the variant makes in `text` (Simplified, may hold `-{…}-`), with the
    0-based line it is on. Protected spans and titles of works are not changes."""
    chars = opencc_converter(variant.titles_config)
    table = phrase_table(variant.opencc_config)
    phrases = _phrase_matcher(variant.opencc_config)
    entries = {e.hans: e for e in variant.table}
    for number, line in enumerate(text.split("\n")):
        for piece in _unprotected(resolve_markup(line, variant.region)):
            held = variant.held_spans(piece)
            for start, end, form in held:
                hans = piece[start:end]
                entry = entries.get(hans)
                if entry is not None and form not in (chars.convert(hans), opencc_converter("s2t").convert(hans)) \
                        and any(ch.isalnum() for ch in hans):
                    yield number, Change(hans, chars.convert(hans), form, f"{table_name}:{entry.line}")
            plain = chars.convert(piece)
            if len(plain) != len(piece) or phrases.empty:
                continue
            for start, end, key, _ in phrases.find(plain):
                if any(s < end and start < e for s, e, _ in held):
                    continue
                yield number, Change(piece[start:end], key, table[key], f"OpenCC {variant.opencc_config}")


@cache
def _phrase_matcher(config: str) -> Matcher[str]:
    return Matcher(list(phrase_table(config).items()))


def _unprotected(line: str) -> Iterator[str]:
    """The parts of a line outside protected (KEEP) runs."""
    pos = 0
    for match in _KEEP_RUN.finditer(line):
        yield line[pos:match.start()]
        pos = match.end()
    yield line[pos:]


@dataclass(frozen=True)
class Pair:
    """A mainland word (Traditional characters) and the region's word for it."""

    mainland: str
    local: str
    line: int
    allow: tuple[str, ...] = ()
    """Longer words that hold the mainland word and are right as they are (在線上: "on the online
    channel", not 在線 "online")."""


class RegionListError(ValueError):
    """The region list cannot be read; the message names the file and line."""


@dataclass
class RegionList:
    """The mainland words a region's edition must not contain (`regions/<region>.yml`)."""

    region: str
    pairs: list[Pair]
    _word_matcher: Matcher[Pair] | None = field(default=None, repr=False)
    _guards: dict[tuple[str, ...], Matcher[str]] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, root: Path, region: str) -> RegionList:
        """Read `regions/<region>.yml`: a list of {mainland, local}."""
        path = root / "regions" / f"{region}.yml"
        try:
            data = yaml.compose(path.read_text("utf-8"))
        except (OSError, yaml.YAMLError) as err:
            raise RegionListError(f"{path}: 无法读取地区用语表：{err}") from err
        pairs = []
        for node in data.value if isinstance(data, yaml.SequenceNode) else []:
            item = yaml.safe_load(yaml.serialize(node)) if isinstance(node, yaml.MappingNode) else {}
            allow = item.get("allow", [])
            if (not isinstance(item.get("mainland"), str) or not isinstance(item.get("local"), str)
                    or not isinstance(allow, list) or set(item) - {"mainland", "local", "allow", "note"}):
                raise RegionListError(f"{path}:{node.start_mark.line + 1}: 每项要有 mainland 和 local（可选 allow 列表、note）")
            pairs.append(Pair(item["mainland"], item["local"], node.start_mark.line + 1, tuple(map(str, allow))))
        return cls(region, pairs)

    def find(self, text: str, names: Iterable[str] = ()) -> Iterator[tuple[int, Pair]]:
        """(offset, pair) of every mainland word in converted `text`, outside `names` (product
        names and protected text, in their converted form) and titles of works in 《》."""
        words = self._words()
        if words.empty or not any(True for _ in words.find(text)):
            return  # the usual case: no listed word at all, nothing to mask
        masked = list(text)
        for title in WORK_TITLE.finditer(text):
            masked[title.start():title.end()] = "\0" * (title.end() - title.start())
        for start, end, _, _ in self._guard(tuple(names)).find(text):
            masked[start:end] = "\0" * (end - start)
        for start, _, _, pair in words.find("".join(masked)):
            yield start, pair

    def _words(self) -> Matcher[Pair]:
        if self._word_matcher is None:
            self._word_matcher = Matcher([(p.mainland, p) for p in self.pairs])
        return self._word_matcher

    def _guard(self, names: tuple[str, ...]) -> Matcher[str]:
        """Names and allowed longer words (built once per set of names)."""
        if self._guards.get(names) is None:
            allowed = [a for p in self.pairs for a in p.allow]
            self._guards = {names: Matcher([(n, n) for n in (*names, *allowed) if n])}
        return self._guards[names]


def names(variant: Variant) -> list[str]:
    """The converted forms of the table's names (`kind: name`): products, brands, places, laws."""
    return [variant.convert(e.hans) for e in variant.table if e.kind == "name"]
