"""What is specific to Material for MkDocs' search: the jieba dictionary of the glossary's names, the
search index in both scripts, and two small fixes to its worker for Chinese queries.

Fixes to Material's search worker for Chinese queries:

1. Material 9.x segments a Chinese query greedily against the tokens of the search index, but its
   loop (`for (j = i + 1; j < query.length; j++)`) never tries the whole query as one token, so a
   reader typing 企业微信 gets 企业 + 微 and loses the last character. The build's jieba
   dictionary makes every title and alias one token; letting the loop reach the end of the query
   lets those tokens match.
2. Every segment is then searched with a trailing wildcard only, so 私域* scores every page whose
   title holds several 私域… tokens above the page titled 私域. Each segment is also searched
   exactly, boosted (`私域^100 私域*`), so an exact title wins and prefixes still match.
"""
from __future__ import annotations

import json
import logging
import re
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from handbook.core.model import Corpus
from handbook.core.project import Project
from handbook.core.variants import Variant, strip_sentinels
from handbook.outputs.htmlconvert import PageConverter

try:
    import jieba
except ImportError:  # Material's search then works without Chinese segmentation
    jieba = None

_LOOP = re.compile(r"for\(let (\w+)=(\w+)\+1;\1<(\w+)\.length;\1\+\+\)\3\.slice\(\2,\1\)in ")
_JOIN = re.compile(r"\[\.\.\.(\w+)\((\w+),this\.index\.invertedIndex\)\]\.join\(\"\* \"\)")
EXACT_BOOST = 100
log = logging.getLogger("mkdocs.plugins.handbook")
WORKER = re.compile(r"^assets/javascripts/workers/search\.[0-9a-f]+\.min\.js$")


def patch_worker(js: str) -> str | None:
    """The worker with both fixes, or None when Material's code no longer has these shapes."""
    js, loops = _LOOP.subn(lambda m: m.group(0).replace(f"{m.group(1)}<", f"{m.group(1)}<=", 1), js)
    js, joins = _JOIN.subn(lambda m: m.group(0).replace(
        ".join(", f'.map(hbSegment=>hbSegment+"^{EXACT_BOOST} "+hbSegment).join(', 1), js)
    return js if loops == 1 and joins == 1 else None

def jieba_words(corpus: Corpus, variants: list[Variant]) -> list[str]:
    """Titles and aliases, in every variant's script, that search should treat as one token.

    A name made entirely of other glossary names (企业微信裂变 = 企业微信 + 裂变) stays split,
    so searching 企业微信 ranks the page titled exactly 企业微信 first and the compound still
    matches on both parts.
    """
    words: set[str] = set()
    for term in corpus.terms.values():
        for name in term.names:
            for v in variants:
                words.add(v.convert(name))
    words = {w for w in words if len(w) > 1 and " " not in w}
    return sorted(w for w in words if not _composed_of(w, words))


def write_jieba_dict(root: Path, corpus: Corpus, variants: list[Variant]) -> Path:
    """A jieba user dictionary of the glossary's names (in `.cache/`), for search segmentation."""
    path = root / ".cache" / "jieba-user.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "".join(f"{w} 200000 n\n" for w in jieba_words(corpus, variants))
    if not path.exists() or path.read_text("utf-8") != text:
        path.write_text(text, "utf-8")
    return path


_CODE = re.compile(r"(<code>.*?</code>|<pre>.*?</pre>)", re.S)


def search_indexes(text: str, variant: Variant, memo: dict[str, str] | None = None) -> tuple[str, str]:
    """Material's Simplified search index, parsed once, as (itself, in another script); both
    written as UTF-8 rather than Material's `\\uXXXX` escapes, about half the bytes for Chinese
    text (what a reader on a phone downloads before searching).

    In the other script, titles, text and tags are converted (code left as written); locations,
    anchors and jieba's word boundaries (U+200B) carry over, because the conversion maps
    character for character. `memo` (text → converted) is kept by `scripts/serve` between rebuilds."""
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
    if memo is None:
        for (seq, i), converted in zip(slots, variant.convert_many([seq[i] for seq, i in slots]), strict=True):
            seq[i] = converted
    else:  # a preview converts only the texts it has not seen (the pages that changed)
        fresh = list(dict.fromkeys(seq[i] for seq, i in slots if seq[i] not in memo))
        memo.update(zip(fresh, variant.convert_many(fresh), strict=True))
        for seq, i in slots:
            seq[i] = memo[seq[i]]
    for doc in docs:
        for key in ("title", "text"):
            if isinstance(doc.get(key), list):
                doc[key] = "".join(doc[key])
    return simplified, _dumps(data)


def _dumps(data: object) -> str:
    out = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return out.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


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


def write_search_indexes(site_dir: Path, index_path: str, prefix: str, variant: Variant,
                         memo: dict[str, str] | None = None) -> None:
    """Material's Simplified index (written by its search plugin from the rendered pages) as the
    Simplified index without markers and, converted, as the index of the site under `prefix`."""
    index = site_dir / index_path
    if not index.exists():
        return
    simplified, converted = search_indexes(index.read_text("utf-8"), variant, memo)
    index.write_text(strip_sentinels(simplified), "utf-8")
    target = site_dir / prefix / index_path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(converted, "utf-8")


def convert_config(converter: PageConverter, page_url: str, text: str) -> str:
    """Material's `__config` JSON in the converted page: its UI strings converted, the worker's
    path pointing at the shared copy, the version selector left to hb-versions.js."""
    try:
        data = json.loads(text)
    except ValueError:
        return text
    translations = data.get("translations")
    if isinstance(translations, dict):
        data["translations"] = {k: converter.text(v) if isinstance(v, str) else v for k, v in translations.items()}
    if isinstance(data.get("search"), str):
        data["search"] = converter.relative(data["search"], page_url)
    if data.get("version"):
        data["version"] = None  # Material's selector assumes <version>/ is the root; see hb-versions.js
    out = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return out.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def search_plugin(plugins: Any) -> Any | None:
    """Material's search plugin of a build, if the site uses it."""
    for name, plugin in plugins.items():
        if name.endswith("search") and hasattr(plugin.config, "jieba_dict_user"):
            return plugin
    return None


def configure_search(plugins: Any, project: Project) -> None:
    """Give Material's search plugin the jieba dictionary of the glossary's names.

    The dictionary is loaded here rather than by Material: jieba's tokenizer is global and never
    forgets a word (nor lowers its total frequency), so in a long `scripts/serve` session each load
    first puts the tokenizer back as it was before any glossary word, and a rebuild segments exactly
    as a fresh build would.
    """
    plugin = search_plugin(plugins)
    if plugin is None:
        return
    path = write_jieba_dict(project.root, project.corpus, [project.variant("zh-Hans")])
    if jieba is not None and plugin.config.enabled:
        Jieba.instance().load(path)
        plugin.config.jieba_dict_user = None
    else:
        plugin.config.jieba_dict_user = str(path)


def has_jieba() -> bool:
    """Material segments Chinese search text only when jieba is installed."""
    return jieba is not None


class Jieba:
    """jieba's global tokenizer, put back to its state before any user words (for rebuilds in one
    process), and a memo of Material's segmentation of search text under the current dictionary."""

    _instance: Jieba | None = None

    def __init__(self) -> None:
        assert jieba is not None
        dt = jieba.dt
        dt.check_initialized()
        self._freq = dict(dt.FREQ)
        self._total = dt.total
        self._tags = dict(dt.user_word_tag_tab)
        self.words: frozenset[str] = frozenset()
        """The user words loaded since the last reset (set by `load`)."""
        self.loaded = False
        self.memo: dict[str, str] = {}
        """Material's segmentation of a search text → its result, valid for the loaded words."""

    @classmethod
    def instance(cls) -> Jieba:
        """The process's one record of jieba's pristine state (jieba's tokenizer is itself global)."""
        if cls._instance is None:
            cls._instance = cls()
        return cls._instance

    def pristine(self) -> None:
        """jieba's dictionary without any user word; the segmentation memo is dropped."""
        assert jieba is not None
        dt = jieba.dt
        dt.FREQ = dict(self._freq)
        dt.total = self._total
        dt.user_word_tag_tab.clear()  # the same dict object is exported as jieba.user_word_tag_tab
        dt.user_word_tag_tab.update(self._tags)
        self.words = frozenset()
        self.loaded = False
        self.memo.clear()

    def load(self, path: Path) -> set[str]:
        """Reset, then load the user dictionary as Material does; returns the words that changed.

        jieba's total frequency stays that of its own dictionary (loading a word would add to it),
        so how a text segments depends only on the words it contains, not on how many glossary
        names there are: after an edit, only texts holding a changed word segment differently.
        """
        assert jieba is not None
        words = frozenset(line.split(" ", 1)[0] for line in path.read_text("utf-8").splitlines() if line)
        changed = set(words ^ self.words)
        if not changed and self.loaded:
            return changed
        memo = dict(self.memo)
        self.pristine()
        jieba.load_userdict(str(path))
        jieba.dt.total = self._total
        self.words = words
        self.loaded = True
        self.memo = {text: out for text, out in memo.items() if not any(w in text for w in changed)}
        return changed


def memoise_segmentation(plugin: Any) -> None:
    """Let Material's search index reuse its segmentation of a text it has seen under the same
    dictionary (a rebuild re-indexes the same navigation and headings on every page)."""
    index = getattr(plugin, "search_index", None)
    if jieba is None or index is None or getattr(index, "hb_memoised", False):
        return
    segment = index._segment_chinese
    store = Jieba.instance()

    def memoised(data: str) -> str:
        out = store.memo.get(data)
        if out is None:
            out = store.memo[data] = segment(data)
        return out

    index._segment_chinese = memoised
    index.hb_memoised = True


def patch_search_worker(files: Files, config: MkDocsConfig) -> None:
    """Serve Material's search worker with the Chinese query fixes (see the module docstring)."""
    for file in list(files):
        if WORKER.match(file.src_uri):
            patched = patch_worker(file.content_string)
            if patched is None:
                log.info(f"Material 搜索脚本 {file.src_uri} 的分词代码已变化，未打补丁")
                return
            files.remove(file)
            files.append(File.generated(config, file.src_uri, content=patched))
