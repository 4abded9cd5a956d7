"""The readers' search index: sharded, so that a first query downloads a few small files, whatever
the size of the glossary. The browser side is `adapter/theme/assets/javascripts/hb-search.js`.

Files, under each script's `search/` folder:

- `manifest.json` (under 1 KB): the number of shards and of documents, the chunk size, versions
  that change with the content (added to every URL so a stale browser cache is never mixed in;
  the shards' own version is the same in both scripts, so both share one cached copy).
- `docs/<n>.json`: what a result shows — `[url, title, snippet]` — for documents
  `n * CHUNK … n * CHUNK + CHUNK - 1`, in the script of the site.
- `shards/<n>.json`: `{key: [doc, weight, doc, weight, …]}` for the keys whose hash falls in shard n.
  The keys come from the Simplified text *and* its conversion (through `Variant`), so one set of
  shards, written once at the root, answers a query typed in either script on either site.

Keys (every text NFKC-normalised and lower-cased first, see `normalise`):

- `=name`: a title or alias, spaces and punctuation removed — an exact name wins.
- two adjacent Han characters (`企业`): the text of titles, aliases, summaries and bodies.
- `1` + one Han character: characters of names only (a query of one character).
- a Latin or digit word (`scrm`), and `^` + its prefixes of two letters or more for the words in
  names (`^sc`, `^scr`), so a query being typed already finds its term.

Weights are BM25-like: the body's term frequency saturates and is normalised by length, a name or
summary adds a fixed amount, the page's `search.boost` multiplies; each key keeps its best `KEEP`
documents, which caps the size of the commonest keys. The same key and hash functions run in the
browser (FNV-1a over UTF-8), so it fetches exactly the shards of its query's keys.
"""
from __future__ import annotations

import hashlib
import heapq
import json
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from handbook.core.typography import HAN
from handbook.core.variants import Variant, strip_sentinels

FOLDER = "search"
MANIFEST = "manifest.json"
CHUNK = 32
"""Documents per display chunk (about 5 KB of JSON)."""
SHARD_BYTES = 24_000
"""Target size of one shard: a query of four keys fetches about 100 KB whatever the corpus size."""
KEEP = 200
"""Postings kept per key (the best by weight); more are never shown for one key."""
SNIPPET = 90
"""Characters of a page's text shown under its title when it has no summary."""

_BIGRAM = re.compile(f"(?=([{HAN}]{{2}}))")
_HAN_CHAR = re.compile(f"[{HAN}]")
_WORD = re.compile(r"[a-z0-9]+")
_NAME_STRIP = re.compile(f"[^{HAN}a-z0-9]+")
_SPACE = re.compile(r"\s+")

TITLE, ALIAS, SUMMARY = 8.0, 6.0, 3.0
"""What a key in the title, an alias or the summary adds to a document's weight (the body adds up
to about 2.2, BM25 with k1 = 1.2)."""
EXACT_TITLE, EXACT_ALIAS = 1000.0, 900.0
_K1, _B = 1.2, 0.75
_DOCS = 1 << 22
"""Postings are packed as weight × _DOCS + document while they are ranked (at most 4 M documents)."""


@dataclass
class SearchDoc:
    """One page readers can find: its URL, title, other names, summary and text (Simplified; KEEP
    runs of protected spans may remain, `Variant` resolves them)."""

    url: str
    title: str
    text: str
    names: list[str] = field(default_factory=list)
    """Aliases (the title is a name too)."""
    summary: str = ""
    boost: float = 1.0
    prepared: Prepared | None = field(default=None, compare=False, repr=False)
    """Its keys and result rows, once `prepare` made them (a build prepares each page as it renders)."""


@dataclass
class _Counts:
    """What one document contributes before weighting."""

    body: Counter[str]
    fields: dict[str, float]
    exact: dict[str, float]


@dataclass
class Prepared:
    """A document's keys in every script and what a result shows per script: (title, snippet)."""

    counts: _Counts
    shown: dict[str, tuple[str, str]]


def prepare(doc: SearchDoc, variants: list[Variant]) -> Prepared:
    """The keys and result rows of one document (Simplified first, then each converting variant's
    script); kept on the document, so an index built later only ranks and writes."""
    if doc.prepared is None:
        text = strip_sentinels(doc.text)
        fields = [doc.title, *doc.names, doc.summary]
        texts, names, shown = [text], [fields], {}
        for variant in variants:
            if variant.converts:
                converted = variant.convert_many([doc.text, *fields])
                texts.append(converted[0])
                names.append(converted[1:])
                shown[variant.code] = (converted[1], _snippet(converted[-1], converted[0]))
            else:
                shown[variant.code] = (fields[0], _snippet(fields[-1], text))
        doc.prepared = Prepared(_counts(texts, names), shown)
    return doc.prepared


def normalise(text: str) -> str:
    """What both the index and the browser compare: NFKC (full-width letters and digits become
    ASCII), lower case."""
    return unicodedata.normalize("NFKC", text).lower()


def name_key(name: str) -> str:
    """The exact-name key of a title or alias: `=` and the name without spaces or punctuation."""
    return "=" + _NAME_STRIP.sub("", normalise(name))


def text_keys(text: str) -> list[str]:
    """The bigrams of Han characters and the Latin or digit words of a text, repeats kept."""
    text = normalise(text)
    return _BIGRAM.findall(text) + _WORD.findall(text)


def name_extra_keys(name: str) -> set[str]:
    """Keys only names have: their characters one by one, and prefixes of their Latin words."""
    text = normalise(name)
    keys = {"1" + ch for ch in _HAN_CHAR.findall(text)}
    for word in _WORD.findall(text):
        keys.update("^" + word[:n] for n in range(2, len(word) + 1))
    return keys


def name_prefixes(name: str) -> list[tuple[str, float]]:
    """Prefix keys (`~` and at least two characters) of a name holding Han characters, each with the
    share of the name it covers: a reader still typing 企业微 finds 企业微信 before 企业微信标签."""
    full = _NAME_STRIP.sub("", normalise(name))
    if not _HAN_CHAR.search(full):
        return []
    return [("~" + full[:n], n / len(full)) for n in range(2, len(full))]


def shard_of(key: str, shards: int) -> int:
    """The shard of a key: FNV-1a (32 bit) of its UTF-8 bytes, modulo the number of shards."""
    h = 0x811C9DC5
    for byte in key.encode("utf-8"):
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return h % shards


class _TextOf(HTMLParser):
    """The readable text of rendered HTML: no tags, scripts, styles or permalink signs (¶)."""

    SKIP = frozenset({"script", "style", "template"})
    BLOCK = frozenset({"p", "li", "dt", "dd", "td", "th", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "div",
                       "section", "pre", "blockquote", "br", "table", "ul", "ol", "dl", "figcaption"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BLOCK:
            self.parts.append("\n")
        if tag in self.SKIP or (tag == "a" and "headerlink" in (dict(attrs).get("class") or "")):
            self.skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self.BLOCK:
            self.parts.append("\n")
        if self.skip and (tag in self.SKIP or tag == "a"):
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def page_text(html: str) -> str:
    """The text of a rendered page body, blocks on their own lines, runs of spaces collapsed."""
    parser = _TextOf()
    parser.feed(html)
    parser.close()
    lines = (_SPACE.sub(" ", line).strip() for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


@dataclass
class SearchIndex:
    """The files of the index: shared shards, and each script's manifest and display chunks."""

    shards: dict[str, str]
    """Path under `search/` → JSON, written once (at the Simplified root)."""
    scripts: dict[str, dict[str, str]]
    """Script code → {path under `search/` → JSON} written under that script's root."""


def build_index(docs: list[SearchDoc], variants: list[Variant], shard_prefix: dict[str, str]) -> SearchIndex:
    """The index of `docs` in every variant's script (the first is the Simplified one).

    `shard_prefix` gives, per script, the path from that script's `search/` folder to the one that
    holds the shared shards (`""` at the root, `../../search/` under `zh-Hant/`)."""
    prepared = [prepare(d, variants) for d in docs]
    postings = _postings(docs, [p.counts for p in prepared])
    per_number = len(str(len(docs))) + 5  # a document number and a weight of about four digits, with commas
    total = sum(len(key.encode()) + 4 + per_number * len(v) for key, v in postings.items())
    count = 1 << max(0, math.ceil(math.log2(max(1.0, total / SHARD_BYTES))))  # a power of two: stable across edits
    buckets: list[dict[str, list[int]]] = [{} for _ in range(count)]
    for key in sorted(postings):
        buckets[shard_of(key, count)][key] = postings[key]
    shards = {f"shards/{n}.json": _dumps(bucket) for n, bucket in enumerate(buckets)}
    version = hashlib.sha256("".join(shards.values()).encode()).hexdigest()[:12]
    scripts: dict[str, dict[str, str]] = {}
    for variant in variants:
        rows = [[d.url, *p.shown[variant.code]] for d, p in zip(docs, prepared, strict=True)]
        files = {f"docs/{n // CHUNK}.json": _dumps(rows[n:n + CHUNK]) for n in range(0, len(rows), CHUNK)}
        digest = hashlib.sha256((version + "".join(files.values())).encode()).hexdigest()[:12]
        files[MANIFEST] = _dumps({"version": digest, "shardVersion": version, "shards": count, "docs": len(rows), "chunk": CHUNK,
                                  "shardPath": shard_prefix.get(variant.code, "") + "shards/"})
        scripts[variant.code] = files
    return SearchIndex(shards, scripts)


def _counts(texts: list[str], names: list[list[str]]) -> _Counts:
    """Keys of one document in every script: body frequencies (a key only the other script spells
    differently counts as often as there), the best name or summary weight, exact names."""
    counts = _Counts(Counter(), {}, {})
    for n, (text, (title, *rest)) in enumerate(zip(texts, names, strict=True)):
        found = Counter(text_keys(text))
        if n == 0:
            counts.body = found
        else:
            for key, times in found.items():
                counts.body.setdefault(key, times)
        *aliases, summary = rest
        for key in set(text_keys(summary)):
            counts.fields[key] = max(counts.fields.get(key, 0.0), SUMMARY)
        for name, weight, exact in [(title, TITLE, EXACT_TITLE), *((a, ALIAS, EXACT_ALIAS) for a in aliases)]:
            for key in set(text_keys(name)) | name_extra_keys(name):
                counts.fields[key] = max(counts.fields.get(key, 0.0), weight)
            key = name_key(name)
            if len(key) > 1:
                counts.exact[key] = max(counts.exact.get(key, 0.0), exact)
            for prefix, share in name_prefixes(name):  # 企业微 while typing 企业微信
                counts.exact[prefix] = max(counts.exact.get(prefix, 0.0), exact * share)
    return counts


def _postings(docs: list[SearchDoc], counts: list[_Counts]) -> dict[str, list[int]]:
    """Key → flat [doc, weight, …], best first, at most KEEP documents per key."""
    lengths = [sum(c.body.values()) for c in counts]
    average = max(1.0, sum(lengths) / len(lengths)) if lengths else 1.0
    frequency: Counter[str] = Counter()
    for c in counts:
        frequency.update(c.body.keys() | c.fields.keys())
    total = len(docs)
    idf = {key: math.log(1 + (total - df + 0.5) / (df + 0.5)) for key, df in frequency.items()}
    lists: defaultdict[str, list[int]] = defaultdict(list)  # weight and document packed in one int
    saturate = _K1 + 1
    for n, c in enumerate(counts):
        scale = 10 * docs[n].boost
        norm = _K1 * (1 - _B + _B * lengths[n] / average)
        body, extra = c.body, c.fields
        low = _DOCS - 1 - n  # the lower document number first among equal weights
        for key in body.keys() | extra.keys():
            tf = body.get(key, 0)
            weight = round(idf[key] * (tf * saturate / (tf + norm) + extra.get(key, 0.0)) * scale)
            lists[key].append((weight if weight > 0 else 1) * _DOCS + low)
        for key, exact in c.exact.items():
            lists[key].append(round(exact * scale) * _DOCS + low)
    out: dict[str, list[int]] = {}
    for key, packed in lists.items():
        best = heapq.nlargest(KEEP, packed) if len(packed) > KEEP else sorted(packed, reverse=True)
        out[key] = [x for value in best for x in (_DOCS - 1 - value % _DOCS, value // _DOCS)]
    return out


def _snippet(summary: str, text: str) -> str:
    if summary:
        return strip_sentinels(summary)
    plain = strip_sentinels(text).replace("\n", " ")
    return plain[:SNIPPET] + ("…" if len(plain) > SNIPPET else "")


def _dumps(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def write_index(index: SearchIndex, roots: dict[str, Path]) -> int:
    """Write the index under each script's root (shards under the first); a file whose content
    did not change is left alone and files of an earlier build that are no longer part of the
    index are removed (a `scripts/serve` rebuild rewrites only what changed). Returns the number
    of files written."""
    written = 0
    first = next(iter(roots.values()))
    plan: list[tuple[Path, dict[str, str]]] = [(first / FOLDER, index.shards)]
    plan += [(roots[code] / FOLDER, files) for code, files in index.scripts.items() if code in roots]
    wanted: dict[Path, set[Path]] = {}
    for folder, files in plan:
        for rel, text in files.items():
            path = folder / rel
            wanted.setdefault(path.parent, set()).add(path)
            if not path.exists() or path.read_text("utf-8") != text:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, "utf-8")
                written += 1
    for parent, keep in wanted.items():
        if parent.name in ("shards", "docs"):
            for stale in parent.glob("*.json"):
                if stale not in keep:
                    stale.unlink()
    return written


def locations(folder: Path) -> set[str]:
    """The URLs a script's index (its `search/` folder) can return."""
    out: set[str] = set()
    for chunk in sorted((folder / "docs").glob("*.json")):
        out.update(row[0] for row in json.loads(chunk.read_text("utf-8")))
    return out


def documents(items: Iterable[SearchDoc]) -> list[SearchDoc]:
    """The documents in a stable order (by URL), so that ids, and so shards, change only with content."""
    return sorted(items, key=lambda d: d.url)
