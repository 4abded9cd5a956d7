"""Pinyin sort keys and A–Z initials for titles (pypinyin, with per-term overrides)."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pypinyin import Style, lazy_pinyin

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_TOKEN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[A-Za-z]+|[0-9]+")
_SYLLABLE = re.compile(r"^([a-zü]+)([1-5]?)$")


@lru_cache(maxsize=65536)
def syllables(title: str, override: str | None = None) -> tuple[tuple[str, int], ...]:
    """(syllable, tone) pairs of a title: Han characters as pinyin, Latin words and digits as is."""
    if override:
        return tuple((m.group(1).replace("ü", "v"), int(m.group(2) or 5))
                     for m in map(_SYLLABLE.match, override.split()) if m)
    text = unicodedata.normalize("NFKC", title)
    out: list[tuple[str, int]] = []
    for token in _TOKEN.findall(text):
        if _HAN.match(token):
            for syl in lazy_pinyin(token, style=Style.TONE3, neutral_tone_with_five=True, v_to_u=False):
                m = re.match(r"^([a-z]+)([1-5])?$", syl)
                out.append((m.group(1), int(m.group(2) or 5)) if m else (syl.lower(), 5))
        else:
            out.append((token.lower(), 0))
    return tuple(out)


@lru_cache(maxsize=65536)
def sort_key(title: str, override: str | None = None) -> tuple[object, ...]:
    """Key that orders titles by pinyin (toneless), then tones, then the title itself.

    Titles filed under "#" (starting with a digit or symbol) come first.
    """
    syl = syllables(title, override)
    return (initial(title, override) != "#", " ".join(s for s, _ in syl), tuple(t for _, t in syl), title)


def initial(title: str, override: str | None = None) -> str:
    """The A–Z letter a title is filed under, or "#" for titles starting with a digit or symbol."""
    syl = syllables(title, override)
    first = syl[0][0][:1].upper() if syl else ""
    return first if "A" <= first <= "Z" else "#"


@lru_cache(maxsize=65536)
def reading(title: str, override: str | None = None) -> str:
    """The pinyin of a title with tone marks, for display in the index (e.g. "sī yù")."""
    if override:
        return override
    return " ".join(lazy_pinyin(unicodedata.normalize("NFKC", title), style=Style.TONE,
                                errors=_as_is))


def _as_is(chars: str) -> str:
    """pypinyin's `errors` callback: characters without a reading (Latin, digits) stay as they are."""
    return chars
