"""Leftmost-longest, non-overlapping multi-pattern matching on Aho–Corasick (pyahocorasick).

pyahocorasick's own `iter_long` misses matches in some overlap patterns, so selection is done
here from `iter()`: the earliest start wins, then the longest match at that start; cost is linear
in the text (times the longest pattern), independent of the number of patterns.
"""
from __future__ import annotations

from typing import Callable, Generic, Iterable, Iterator, TypeVar

import ahocorasick

V = TypeVar("V")


class Matcher(Generic[V]):
    """Patterns mapped to values; `find` yields (start, end, value) with `end` exclusive."""

    def __init__(self, patterns: Iterable[tuple[str, V]]) -> None:
        self._automaton = ahocorasick.Automaton()
        for key, value in patterns:
            if key:
                self._automaton.add_word(key, (len(key), key, value))
        self.empty = len(self._automaton) == 0
        if not self.empty:
            self._automaton.make_automaton()

    def __len__(self) -> int:
        return len(self._automaton)

    def __contains__(self, key: str) -> bool:
        return key in self._automaton

    def get(self, key: str) -> V | None:
        """The value of an exact pattern, or None."""
        found = self._automaton.get(key, None)
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
        for end, (length, key, value) in self._automaton.iter(text):
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
        for end, (length, key, _) in self._automaton.iter(text):
            start = end - length + 1
            if accept is None or accept(text, start, end + 1):
                candidates.append((start, end + 1, key))
        for c_start, c_end, c_key, _ in self.find(text, accept):
            for h_start, h_end, h_key in candidates:
                if c_start < h_start < c_end < h_end:
                    yield (c_start, c_end, c_key), (h_start, h_end, h_key)
