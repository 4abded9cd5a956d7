"""Build-wide state and the site facts the adapter hands to MkDocs (no MkDocs import).

`Handbook.load` does the "collect" half of collect-then-resolve: read and validate the whole
corpus once per build, before any page renders; both variants share the result.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from . import corpus as corpus_mod
from .lint.context import Context
from .lint.problem import Problem
from .lint.runner import build_rules, errors, run
from .model import Corpus
from .settings import Settings
from .urls import HANT_PREFIX, relative_url
from .variants import HANS, HANT, Variant, load_table

VARIANT_NAMES = {HANS: "简体中文", HANT: "繁體中文"}
THEME_LANGUAGE = {HANS: "zh-Hans", HANT: "zh-Hant"}


class ContentError(Exception):
    """The content has errors; `problems` lists them all, each with file and line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = "\n".join(p.format() for p in problems)
        super().__init__(f"内容有 {len(problems)} 个错误，网站未生成：\n{lines}")


@dataclass
class Handbook:
    """The validated corpus of one build and everything derived from it once."""

    root: Path
    settings: Settings
    full: Corpus
    corpus: Corpus
    problems: list[Problem] = field(default_factory=list)
    _variants: dict[str, Variant] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, root: Path, settings: Settings) -> "Handbook":
        """Load and check the corpus; raise ContentError listing every build-blocking problem."""
        full = corpus_mod.load(root, corpus_mod.cache_file(root))
        problems = run(Context(full, settings, root), rules=build_rules())
        blocking = errors(problems)
        if blocking:
            raise ContentError(blocking)
        return cls(root, settings, full, full.for_edition(settings.edition), problems)

    def variant(self, code: str) -> Variant:
        """The converter of a variant, with the project table for the Traditional one (cached)."""
        if code not in self._variants:
            table = load_table(self.root / self.settings.conversion_table) if code == HANT else []
            self._variants[code] = Variant(code, self.settings.opencc, table=table)
        return self._variants[code]

    def jieba_words(self, variants: list[Variant]) -> list[str]:
        """Titles and aliases, in every variant's script, that search should treat as one token.

        A name made entirely of other glossary names (企业微信裂变 = 企业微信 + 裂变) stays split,
        so searching 企业微信 ranks the page titled exactly 企业微信 first and the compound still
        matches on both parts.
        """
        words: set[str] = set()
        for term in self.corpus.terms.values():
            for name in term.names:
                for v in variants:
                    words.add(v.convert(name))
        words = {w for w in words if len(w) > 1 and " " not in w}
        return sorted(w for w in words if not _composed_of(w, words))

    def write_jieba_dict(self, variants: list[Variant]) -> Path:
        """A jieba user dictionary of the glossary's names (in `.cache/`), for search segmentation."""
        path = self.root / ".cache" / "jieba-user.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        text = "".join(f"{w} 200000 n\n" for w in self.jieba_words(variants))
        if not path.exists() or path.read_text("utf-8") != text:
            path.write_text(text, "utf-8")
        return path


_CODE = re.compile(r"(<code>.*?</code>|<pre>.*?</pre>)", re.S)


def search_indexes(text: str, variant: Variant) -> tuple[str, str]:
    """Material's Simplified search index, parsed once, as (itself, in another script); both
    written as UTF-8 rather than Material's `\\uXXXX` escapes, about half the bytes for Chinese
    text (what a reader on a phone downloads before searching).

    In the other script, titles, text and tags are converted (code left as written); locations,
    anchors and jieba's word boundaries (U+200B) carry over, because the conversion maps
    character for character."""
    data = json.loads(text)
    simplified = _dumps(data)
    docs = data.get("docs", [])
    slots: list[tuple[list[str], int]] = []  # where each text to convert sits
    for doc in docs:
        for key in ("title", "text"):
            if isinstance(doc.get(key), str):
                doc[key] = parts = _CODE.split(doc[key])  # odd parts are code, left as written
                slots += [(parts, i) for i in range(0, len(parts), 2)]
        if isinstance(doc.get("tags"), list):
            slots += [(doc["tags"], i) for i, tag in enumerate(doc["tags"]) if isinstance(tag, str)]
    for (seq, i), converted in zip(slots, variant.convert_many([seq[i] for seq, i in slots])):
        seq[i] = converted
    for doc in docs:
        for key in ("title", "text"):
            if isinstance(doc.get(key), list):
                doc[key] = "".join(doc[key])
    return simplified, _dumps(data)


def _dumps(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _composed_of(word: str, parts: set[str]) -> bool:
    """True when `word` is a concatenation of two or more of `parts` (other than itself)."""
    ends = [False] * (len(word) + 1)
    ends[0] = True
    for i in range(len(word)):
        if ends[i]:
            for j in range(i + 2, len(word) + 1 - (i == 0)):
                if word[i:j] in parts:
                    ends[j] = True
    return ends[len(word)]


def alternates(page_url: str, code: str) -> list[dict[str, str]]:
    """Links to the same page in each variant, relative to the page (for hreflang and the switch)."""
    out = []
    for other in (HANS, HANT):
        if other == code:
            target = page_url
        elif code == HANS:
            target = HANT_PREFIX + page_url
        else:
            target = "../" + page_url
        href = relative_url(target, page_url) or "./"
        out.append({"lang": other, "name": VARIANT_NAMES[other], "href": href, "current": other == code})
    return out


class Staging:
    """Build into a sibling temporary folder; replace the real site only when everything worked."""

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = site_dir
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        self.path = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-building-", dir=site_dir.parent))

    def commit(self) -> None:
        """Swap the finished build in place of the old site (two renames), then drop the old one."""
        old = None
        if self.site_dir.exists():
            old = self.site_dir.with_name(f".{self.site_dir.name}-old-{os.getpid()}")
            self.site_dir.rename(old)
        self.path.chmod(0o755)
        self.path.rename(self.site_dir)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)

    def abandon(self) -> None:
        """Remove the half-built folder; the previous site stays as it was."""
        shutil.rmtree(self.path, ignore_errors=True)
