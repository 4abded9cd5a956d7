"""A problem found in a source file: the one value every check produces and every reporter prints."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Level(StrEnum):
    """How serious a problem is: errors fail a run, warnings only with `--strict`."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One finding, located at `path:line:col` (1-based), with a Chinese message and a fix hint."""

    path: str
    line: int
    col: int
    rule: str = field(compare=True)
    level: Level = field(compare=False)
    message: str = field(compare=True)
    hint: str = field(default="", compare=False)
    fixable: bool = field(default=False, compare=False)

    def format(self) -> str:
        """The contract line: `path:line:col: LEVEL RULE-ID message（hint）`."""
        text = f"{self.path}:{self.line}:{self.col}: {self.level.value} {self.rule} {self.message}"
        if self.hint:
            text += f"（{self.hint}）"
        return text
