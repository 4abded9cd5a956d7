"""Load `terms/` and `cases/` into a Corpus: every file parsed, validated, never silently dropped.

A file that cannot be read, parsed or validated stays in `Corpus.documents` with its problems and
gets no entry; cross-file checks (ids, names, references) are lint rules run over the result.
"""
from __future__ import annotations

import json
import marshal
import os
import sys
from functools import cache
from pathlib import Path

from handbook.core import schema
from handbook.core.frontmatter import Document, Path_, parse
from handbook.core.model import Case, Corpus, Term
from handbook.core.problems import Level, Problem

DIRS = {"term": "terms", "case": "cases"}


def source_files(root: Path, kind: str) -> list[Path]:
    """Every visible file in the folder of `kind`, sorted by name (subfolders included)."""
    folder = root / DIRS[kind]
    if not folder.is_dir():
        return []
    found = []
    for current, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += [Path(current) / f for f in files if not f.startswith(".")]
    return sorted(found, key=str)


def load_document(root: Path, path: Path, kind: str) -> Document:
    """Parse and schema-check one file; the path in problems is relative to `root`."""
    try:
        rel = path.relative_to(root).as_posix()
    except ValueError:
        rel = path.as_posix()
    try:
        raw = path.read_bytes()
    except OSError as err:
        doc = Document(path=rel, kind=kind)
        doc.problems.append(doc.problem("file-encoding", Level.ERROR, f"无法读取文件：{err.strerror}", line=1))
        return doc
    return check_document(parse(rel, raw, kind))


def check_document(doc: Document) -> Document:
    """Add the file-level checks that decide whether a document can become an entry."""
    folder = DIRS[doc.kind]
    name = doc.path.rsplit("/", 1)[-1]
    if doc.path.count("/") != 1 or not doc.path.startswith(folder + "/"):
        doc.problems.append(doc.problem("file-name", Level.ERROR, f"文件不能放在 {folder}/ 的子文件夹中",
                                        f"移到 {folder}/ 下，文件名为 <id>.md", line=1))
    elif not name.endswith(".md"):
        doc.problems.append(doc.problem("file-name", Level.ERROR, f"{folder}/ 中只能有 .md 文件",
                                        "改名为 <id>.md，否则它不会出现在网站上", line=1))
    if doc.data is not None:
        doc.problems.extend(schema.check(doc))
    return doc


def is_valid(doc: Document) -> bool:
    """True when the document has no error that prevents building an entry from it."""
    return doc.data is not None and not any(p.level is Level.ERROR for p in doc.problems)


def entries(documents: list[Document]) -> tuple[dict[str, Term], dict[str, Case]]:
    """Terms and cases of the valid documents, by id (first id wins on duplicates), sorted."""
    terms: dict[str, Term] = {}
    cases: dict[str, Case] = {}
    for doc in documents:
        if not is_valid(doc):
            continue
        if doc.kind == "term":
            term = Term.from_document(doc)
            terms.setdefault(term.id, term)
        else:
            case = Case.from_document(doc)
            cases.setdefault(case.id, case)
    return dict(sorted(terms.items())), dict(sorted(cases.items()))


class LazyCorpus(Corpus):
    """A corpus whose entries are built on first use: a lint run on one file may never need them."""

    def __init__(self, documents: list[Document], terms: dict[str, Term] | None = None,
                 cases: dict[str, Case] | None = None) -> None:
        self.documents = documents
        self._terms, self._cases = terms, cases

    def _build(self) -> None:
        terms, cases = entries(self.documents)
        self._terms = terms if self._terms is None else self._terms
        self._cases = cases if self._cases is None else self._cases

    @property
    def terms(self) -> dict[str, Term]:
        if self._terms is None:
            self._build()
        assert self._terms is not None
        return self._terms

    @terms.setter
    def terms(self, value: dict[str, Term]) -> None:
        self._terms = value

    @property
    def cases(self) -> dict[str, Case]:
        if self._cases is None:
            self._build()
        assert self._cases is not None
        return self._cases

    @cases.setter
    def cases(self, value: dict[str, Case]) -> None:
        self._cases = value


def build(documents: list[Document]) -> Corpus:
    """A corpus from parsed documents; its terms and cases are built when first used."""
    return LazyCorpus(documents)


def cache_file(root: Path) -> Path:
    """Where the parsed front matter of a project is cached (shared by the linter and the build)."""
    return root / ".cache" / "lint-documents.bin"


def load(root: Path, cache: Path | None = None, focus: set[str] | None = None) -> Corpus:
    """Read, parse and validate every term and case file under `root`.

    With `cache` (a file), the parsed front matter of files whose size and modification time are
    unchanged is taken from it instead of being parsed again. Their text is read back from disk
    only for the files in `focus` (all files when None): checking one edited file in a corpus of ten
    thousand does not read the others' prose. The cache is dropped whenever the schemas change.
    """
    files = [(kind, path) for kind in DIRS for path in source_files(root, kind)]
    if cache is None:
        return build([load_document(root, path, kind) for kind, path in files])
    stored = _read_cache(cache)
    docs, fresh = [], {}
    for kind, path in files:
        stat = path.stat()
        key = (path.relative_to(root).as_posix(), stat.st_size, stat.st_mtime_ns)
        doc = stored.get(key)
        if doc is None:
            doc = load_document(root, path, kind)
        elif focus is None or doc.path in focus:
            _restore_text(doc, path)
        fresh[key] = doc
        docs.append(doc)
    if fresh.keys() != stored.keys():
        _write_cache(cache, fresh)
    return build(docs)


def _restore_text(doc: Document, path: Path) -> None:
    """Put a cached document's text and body back, read from its (unchanged) file."""
    from handbook.core.frontmatter import decode

    text = decode(path.read_bytes(), Document(path=doc.path, kind=doc.kind)) or ""
    doc.text = text
    doc.body = text.split("\n", doc.body_line - 1)[-1] if doc.body_line > 1 and doc.data is not None else ""


def text_of(root: Path, entry_path: str, body: str) -> str:
    """An entry's body, read from disk when the cache left it out of this run."""
    if body:
        return body
    from handbook.core.frontmatter import split_source

    try:
        return split_source((root / entry_path).read_text("utf-8", errors="replace").replace("\r\n", "\n"))[1]
    except OSError:
        return ""


@cache
def _cache_version() -> str:
    import hashlib

    text = "".join(json.dumps(schema.schema(k), sort_keys=True) for k in schema.KINDS)
    code = "".join((Path(__file__).parent / name).read_text("utf-8") for name in ("frontmatter.py", "schema.py", "corpus.py"))
    return hashlib.sha256((text + code + sys.version).encode()).hexdigest()[:16]


def _read_cache(cache: Path) -> dict[tuple[str, int, int], Document]:
    """Documents from the cache (marshal of plain values: several times faster than pickle)."""
    try:
        version, rows = marshal.loads(cache.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}  # a missing, old or damaged cache only costs a full parse
    if version != _cache_version():
        return {}
    documents: dict[tuple[str, int, int], Document] = {}
    for key, state in rows:
        doc = object.__new__(_CachedDocument)
        if state["problems"]:
            state["problems"] = [Problem(p[0], p[1], p[2], p[3], Level(p[4]), p[5], p[6], p[7]) for p in state["problems"]]
        state["text"] = state["body"] = ""  # read back from disk when a run needs it
        doc.__dict__ = state
        documents[key] = doc
    return documents


class _CachedDocument(Document):
    """A document from the cache: positions of keys are decoded only if a rule asks for them."""

    def _decoded(self) -> tuple[dict[Path_, tuple[int, int]], dict[Path_, list[str]]]:
        if "_locations" not in self.__dict__:
            self.__dict__["_locations"], self.__dict__["_key_order"] = marshal.loads(self.__dict__["_places"])
        return self.__dict__["_locations"], self.__dict__["_key_order"]

    @property
    def locations(self) -> dict[Path_, tuple[int, int]]:
        return self._decoded()[0]

    @locations.setter
    def locations(self, value: dict[Path_, tuple[int, int]]) -> None:
        self.__dict__["_locations"] = value

    @property
    def key_order(self) -> dict[Path_, list[str]]:
        return self._decoded()[1]

    @key_order.setter
    def key_order(self, value: dict[Path_, list[str]]) -> None:
        self.__dict__["_key_order"] = value


def _write_cache(cache: Path, documents: dict[tuple[str, int, int], Document]) -> None:
    rows = []
    for key, doc in documents.items():
        state = {k: v for k, v in doc.__dict__.items()
                 if k not in ("body", "text", "locations", "key_order", "_locations", "_key_order")}
        state["_places"] = marshal.dumps((doc.locations, doc.key_order))
        state["problems"] = [(p.path, p.line, p.col, p.rule, p.level.value, p.message, p.hint, p.fixable)
                             for p in doc.problems]
        rows.append((key, state))
    try:
        data = marshal.dumps((_cache_version(), rows))
    except ValueError:
        return  # front matter with a value marshal cannot hold (never from safe YAML): skip caching
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_name(f"{cache.name}.{os.getpid()}.tmp")  # lint and build may overlap
        tmp.write_bytes(data)
        tmp.replace(cache)
    except OSError:
        pass
