"""The handbook's content model: terms, cases and the corpus that holds them (no MkDocs here)."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, ClassVar

from handbook.core.frontmatter import Document

CATEGORIES: dict[str, str] = {
    "基础概念": "basics",
    "用户运营": "user-ops",
    "社群运营": "community",
    "数据与工具": "data-tools",
    "组织与模式": "organisation",
    "方法与模型": "methods",
    "打法组合": "playbooks",
    "指标与缩写": "metrics",
}
"""Category name (as written in front matter) → ASCII slug of its page, in display order."""

TERM_SECTIONS: dict[str, bool] = {"释义": True, "实践要点": True, "案例": False}
"""Level-2 sections of a term body, in order; True when required."""

CASE_SECTIONS: dict[str, bool] = {"背景": True, "做法": True, "成效": True, "启示": False}
"""Level-2 sections of a case body, in order; True when required."""


@lru_cache(maxsize=256)
def edition_key(edition: str) -> tuple[int, ...]:
    """Sort key of an edition string: "1.10" comes after "1.9"."""
    return tuple(int(part) for part in edition.split("."))


@dataclass(frozen=True)
class Source:
    """Where a fact was first published: a real publication, dated (the schema requires `date`)."""

    publisher: str
    date: str
    """"YYYY", "YYYY-MM" or "YYYY-MM-DD"; an inferred date says so in `note`."""
    title: str | None = None
    """The exact title; None when it could not be established (then `note` says so)."""
    author: str | None = None
    url: str | None = None
    """An http(s) address of the original or of a public copy."""
    note: str | None = None
    """What a reader should know: the original title could not be established, a date is inferred…"""


@dataclass(frozen=True)
class Change:
    """One revision of an entry in a given edition."""

    edition: str
    note: str


@dataclass(frozen=True)
class Deprecation:
    """An entry retired in `edition` in favour of the entry `by`."""

    edition: str
    by: str
    note: str = ""


@dataclass(frozen=True)
class Metric:
    """A figure of a case study, with its unit, period and source."""

    label: str
    figure: float
    unit: str
    period: str
    source: str


@dataclass
class Entry:
    """What terms and cases share: identity, summary, body, sources and edition history."""

    kind: ClassVar[str] = "entry"
    id: str
    title: str
    summary: str
    sources: list[Source]
    since: str
    path: str = ""
    body: str = ""
    body_line: int = 1
    changed: list[Change] = field(default_factory=list)
    deprecated: Deprecation | None = None
    removed_in: str | None = None

    @property
    def src_uri(self) -> str:
        """The page's source path inside the site, e.g. `terms/siyu.md`."""
        return f"{self.kind}s/{self.id}.md"

    def in_edition(self, edition: str) -> bool:
        """True when the entry belongs to `edition`: added by then and not yet removed."""
        key = edition_key(edition)
        if edition_key(self.since) > key:
            return False
        return self.removed_in is None or edition_key(self.removed_in) > key

    def is_deprecated(self, edition: str) -> bool:
        """True when the entry is deprecated as of `edition`."""
        return self.deprecated is not None and edition_key(self.deprecated.edition) <= edition_key(edition)

    @staticmethod
    def _common(data: dict[str, Any]) -> dict[str, Any]:
        dep = data.get("deprecated")
        return dict(
            id=data["id"], title=data["title"], summary=data["summary"], since=data["since"],
            sources=[Source(**s) for s in data["sources"]],
            changed=[Change(**c) for c in data.get("changed", [])],
            deprecated=Deprecation(**dep) if dep else None,
            removed_in=data.get("removed_in"),
        )


@dataclass
class Term(Entry):
    """A glossary term: `terms/<id>.md`."""

    kind: ClassVar[str] = "term"
    category: str = ""
    aliases: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    number: int | None = None
    english: str | None = None
    pinyin: str | None = None
    autolink: bool = True

    @property
    def names(self) -> list[str]:
        """The title followed by every alias."""
        return [self.title, *self.aliases]

    @classmethod
    def from_document(cls, doc: Document) -> Term:
        """A term from a document whose front matter passed the schema."""
        data = doc.data or {}
        return cls(**cls._common(data), path=doc.path, body=doc.body, body_line=doc.body_line,
                   category=data["category"], aliases=list(data.get("aliases", [])),
                   related=list(data["related"]), number=data.get("number"),
                   english=data.get("english"), pinyin=data.get("pinyin"),
                   autolink=data.get("autolink", True))


@dataclass
class Case(Entry):
    """A case study: `cases/<id>.md`."""

    kind: ClassVar[str] = "case"
    brand: str = ""
    industry: str = ""
    period: str = ""
    terms: list[str] = field(default_factory=list)
    metrics: list[Metric] = field(default_factory=list)

    @classmethod
    def from_document(cls, doc: Document) -> Case:
        """A case from a document whose front matter passed the schema."""
        data = doc.data or {}
        return cls(**cls._common(data), path=doc.path, body=doc.body, body_line=doc.body_line,
                   brand=data["brand"], industry=data["industry"], period=data["period"],
                   terms=list(data["terms"]), metrics=[Metric(**m) for m in data["metrics"]])


@dataclass
class Corpus:
    """Every parsed source file, and the terms and cases built from the valid ones."""

    documents: list[Document] = field(default_factory=list)
    terms: dict[str, Term] = field(default_factory=dict)
    cases: dict[str, Case] = field(default_factory=dict)

    def entries(self) -> list[Entry]:
        """Terms then cases, in id order."""
        return [*self.terms.values(), *self.cases.values()]

    def cases_for(self, term_id: str) -> list[Case]:
        """The cases that illustrate a term (an index built on first use, not a scan per term)."""
        cases = self.cases
        memo = self.__dict__.get("_cases_by_term")
        if memo is None or memo[0] is not cases or memo[1] != len(cases):
            index: dict[str, list[Case]] = {}
            for case in cases.values():
                for ident in dict.fromkeys(case.terms):
                    index.setdefault(ident, []).append(case)
            memo = self.__dict__["_cases_by_term"] = (cases, len(cases), index)
        return list(memo[2].get(term_id, []))

    def for_edition(self, edition: str) -> Corpus:
        """The entries that belong to `edition` (added by then, not removed), same documents."""
        return replace(
            self,
            terms={k: t for k, t in self.terms.items() if t.in_edition(edition)},
            cases={k: c for k, c in self.cases.items() if c.in_edition(edition)},
        )
