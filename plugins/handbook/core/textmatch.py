"""Leftmost-longest, non-overlapping multi-pattern matching on Aho–Corasick (pyahocorasick).

pyahocorasick's own `iter_long` misses matches in some overlap patterns, so selection is done
here from `iter()`: the earliest start wins, then the longest match at that start; cost is linear
in the text (times the longest pattern).

pyahocorasick finds a node's child by scanning its children in insertion order, and most characters
of running text are looked up at the root, whose fan-out grows with the glossary (a thousand first
characters for ten thousand terms). `prime` lists characters by expected frequency: each becomes a
root child first, as a dead end that can never match, so the common lookups stop after a few steps
and the cost per character stays flat whatever the number of patterns.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from typing import Generic, TypeVar

import ahocorasick

V = TypeVar("V")
_DEAD_END = "\x01"  # follows a primed character; never occurs in text the linter accepts


class Matcher(Generic[V]):
    """Patterns mapped to values; `find` yields (start, end, value) with `end` exclusive."""

    def __init__(self, patterns: Iterable[tuple[str, V]], prime: Iterable[str] = ()) -> None:
        self._automaton = ahocorasick.Automaton()
        for ch in prime:
            self._automaton.add_word(ch + _DEAD_END, None)
        primed = len(self._automaton)
        for key, value in patterns:
            if key:
                self._automaton.add_word(key, (len(key), key, value))
        self.empty = len(self._automaton) == primed
        if not self.empty:
            self._automaton.make_automaton()

    def __len__(self) -> int:
        return sum(1 for _, value in self._automaton.items() if value is not None)

    def __contains__(self, key: str) -> bool:
        return self.get(key) is not None

    def get(self, key: str) -> V | None:
        """The value of an exact pattern, or None."""
        found = self._automaton.get(key, None) if key else None
        return None if found is None else found[2]

    def find(self, text: str, accept: Callable[[str, int, int], bool] | None = None
             ) -> Iterator[tuple[int, int, str, V]]:
        """Non-overlapping matches, leftmost first, longest at each start: (start, end, key, value).

        `accept(text, start, end)` can veto a candidate before selection (e.g. a word-edge guard),
        so a vetoed long match does not hide a valid shorter one.
        """
        if self.empty or not text:
            return
        best: dict[int, tuple[int, str, V]] = {}
        for end, found in self._automaton.iter(text):
            if found is None:
                continue
            length, key, value = found
            start = end - length + 1
            if accept is not None and not accept(text, start, end + 1):
                continue
            if start not in best or best[start][0] < end + 1:
                best[start] = (end + 1, key, value)
        last = 0
        for start in sorted(best):
            if start >= last:
                end, key, value = best[start]
                yield start, end, key, value
                last = end

    def ambiguities(self, text: str, accept: Callable[[str, int, int], bool] | None = None
                    ) -> Iterator[tuple[tuple[int, int, str], tuple[int, int, str]]]:
        """Where the chosen match hides an overlapping one that runs past it:
        ((start, end, key) chosen, (start, end, key) hidden), e.g. 私域流量 hiding 流量池 in 私域流量池."""
        if self.empty or not text:
            return
        candidates = []
        for end, found in self._automaton.iter(text):
            if found is None:
                continue
            length, key, _ = found
            start = end - length + 1
            if accept is None or accept(text, start, end + 1):
                candidates.append((start, end + 1, key))
        candidates.sort()
        starts = [c[0] for c in candidates]
        for c_start, c_end, c_key, _ in self.find(text, accept):
            # only candidates that start inside the chosen match can overlap it from within
            for h_start, h_end, h_key in candidates[bisect_right(starts, c_start):bisect_left(starts, c_end)]:
                if c_end < h_end:
                    yield (c_start, c_end, c_key), (h_start, h_end, h_key)
