"""Load `terms/` and `cases/` into a Corpus: every file parsed, validated, never silently dropped.

A file that cannot be read, parsed or validated stays in `Corpus.documents` with its problems and
gets no entry; cross-file checks (ids, names, references) are lint rules run over the result.
"""
from __future__ import annotations

from pathlib import Path

from . import schema
from .frontmatter import Document, parse
from .lint.problem import Level
from .model import Case, Corpus, Term

DIRS = {"term": "terms", "case": "cases"}


def source_files(root: Path, kind: str) -> list[Path]:
    """Every visible file in the folder of `kind`, sorted by name (subfolders included)."""
    folder = root / DIRS[kind]
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file() and not any(
        part.startswith(".") for part in p.relative_to(folder).parts))


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


def build(documents: list[Document]) -> Corpus:
    """A corpus from parsed documents: entries for the valid ones, first id wins on duplicates."""
    corpus = Corpus(documents=documents)
    for doc in documents:
        if not is_valid(doc):
            continue
        if doc.kind == "term":
            term = Term.from_document(doc)
            corpus.terms.setdefault(term.id, term)
        else:
            case = Case.from_document(doc)
            corpus.cases.setdefault(case.id, case)
    corpus.terms = dict(sorted(corpus.terms.items()))
    corpus.cases = dict(sorted(corpus.cases.items()))
    return corpus


def load(root: Path) -> Corpus:
    """Read, parse and validate every term and case file under `root`."""
    docs = [load_document(root, path, kind) for kind in DIRS for path in source_files(root, kind)]
    return build(docs)
