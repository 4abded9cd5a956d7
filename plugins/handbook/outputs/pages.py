"""Generate the Markdown of every handbook page from the corpus, in one script variant.

Pages: one per term and per case, the pinyin A–Z index (`terms/`), the category pages
(`categories/…`), the case list (`cases/`). Layout lives in `templates/*.md.j2`; every string
from front matter is converted to the variant and HTML-escaped there (filter `tr`), Markdown
headings are escaped (filter `md`) and converted later with the body text.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import jinja2
from markupsafe import Markup, escape

from handbook.core import pinyin, urls
from handbook.core.model import CATEGORIES, Case, Corpus, Entry, Metric, Term, edition_key
from handbook.core.variants import Variant
from handbook.outputs import listings

_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}<>#|!])")


@dataclass(frozen=True)
class GeneratedPage:
    """A page the plugin adds to the site: where it lives and its Markdown."""

    src_uri: str
    url: str
    markdown: str
    edit_uri: str | None = None


@dataclass(frozen=True)
class Link:
    """What a template needs to link an entry: URL, title, summary (and case facts)."""

    url: str
    title: str
    summary: str
    brand: str = ""
    period: str = ""


def history(entry: Entry) -> str:
    """“1.0 收录 / 1.1 修订” from `since` and `changed`."""
    parts = [f"{entry.since} 收录"]
    for edition in sorted({c.edition for c in entry.changed}, key=edition_key):
        parts.append(f"{edition} 修订")
    if entry.deprecated:
        parts.append(f"{entry.deprecated.edition} 停用")
    return " / ".join(parts)


def figure(metric: Metric) -> str:
    """A metric's figure with its unit, without a trailing `.0` (`85 %`, `1.2 万人`)."""
    value = metric.figure
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"
    unit = metric.unit
    return f"{text}{unit}" if unit in ("%", "‰") else f"{text} {unit}"


_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def front_matter(meta: dict[str, Any]) -> str:
    """Page metadata as one line of JSON, which is also YAML (a flow mapping): many times faster to
    write than YAML's block style. Characters YAML reads differently (line breaks, non-printables) are escaped."""
    text = json.dumps(meta, ensure_ascii=False)
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


class PageBuilder:
    """Renders the generated pages of one corpus in one variant."""

    def __init__(self, corpus: Corpus, variant: Variant, edition: str, editions: list[str] | None = None,
                 full: Corpus | None = None, rule_docs: list[dict[str, Any]] | None = None,
                 env: jinja2.Environment | None = None) -> None:
        self.corpus = corpus
        self.rule_docs = rule_docs or []
        self.full = full or corpus
        self.variant = variant
        self.edition = edition
        self.editions = editions or [edition]
        if env is not None and env.filters.get("tr") == variant.convert:
            self.env = env
            """The templates, compiled once: another builder's of the same variant can be reused."""
            return
        self.env = jinja2.Environment(
            loader=jinja2.PackageLoader(__package__, "templates"),
            autoescape=True, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
            undefined=jinja2.StrictUndefined)
        self.env.filters["tr"] = self.variant.convert
        self.env.filters["exact"] = self.variant.exact
        self.env.filters["md"] = self.md_escape
        self.env.globals["figure"] = figure

    def md_escape(self, text: str) -> Markup:
        """A string for a Markdown heading: HTML-escaped, Markdown specials backslashed.

        Not converted here: headings are converted with the body's text nodes.
        """
        return Markup(_MD_SPECIAL.sub(r"\\\1", str(escape(text))))

    def _render(self, template: str, url: str, meta: dict[str, Any], **context: Any) -> str:
        def link(target: str) -> str:
            return urls.relative_url(target, url)

        return self.env.get_template(template).render(meta=Markup(front_matter(meta)), link=link, **context)

    def _meta(self, title: str, description: str = "", **extra: Any) -> dict[str, Any]:
        meta: dict[str, Any] = {"title": self.variant.convert(title)}
        if description:
            meta["description"] = self.variant.convert(description)
        meta.update(extra)
        return meta

    def link(self, entry: Entry) -> Link:
        """The link facts of an entry."""
        extra = {"brand": entry.brand, "period": entry.period} if isinstance(entry, Case) else {}
        return Link(urls.entry_url(entry), entry.title, entry.summary, **extra)

    @cached_property
    def sorted_terms(self) -> list[Term]:
        """Terms in pinyin order of their titles."""
        return sorted(self.corpus.terms.values(), key=lambda t: pinyin.sort_key(t.title, t.pinyin))

    def term(self, term: Term) -> GeneratedPage:
        """The page of one term."""
        url = urls.entry_url(term)
        by = self.corpus.terms.get(term.deprecated.by) if term.deprecated else None
        related = [self.link(self.corpus.terms[r]) for r in term.related if r in self.corpus.terms]
        markdown = self._render(
            "term.md.j2", url,
            self._meta(term.title, term.summary, search={"boost": 4},
                       tags=list(dict.fromkeys(self.variant.convert(n) for n in term.names))),
            term=term, entry=term, body=term.body.strip(), related=related,
            cases=[self.link(c) for c in self.corpus.cases_for(term.id)],
            category_url=urls.category_url(term.category), reading=pinyin.reading(term.title, term.pinyin),
            history=history(term), deprecated_by=self.link(by) if by and term.is_deprecated(self.edition) else None)
        return GeneratedPage(term.src_uri, url, markdown, edit_uri=term.path)

    def case(self, case: Case) -> GeneratedPage:
        """The page of one case study."""
        url = urls.entry_url(case)
        terms = [self.link(self.corpus.terms[t]) for t in case.terms if t in self.corpus.terms]
        markdown = self._render("case.md.j2", url, self._meta(case.title, case.summary, search={"boost": 2}),
                                case=case, entry=case, body=case.body.strip(), terms=terms,
                                history=history(case))
        return GeneratedPage(case.src_uri, url, markdown, edit_uri=case.path)

    def terms_index(self) -> GeneratedPage:
        """The pinyin A–Z index of titles and aliases, grouped by initial letter."""
        groups = [{"label": g.label, "anchor": g.anchor, "items": [
            {"name": i.name, "alias": i.alias, "url": urls.entry_url(i.term), "title": i.term.title,
             "summary": i.term.summary, "reading": pinyin.reading(i.term.title, i.term.pinyin)} for i in g.items]}
            for g in listings.index_groups(self.corpus)]
        markdown = self._render("terms_index.md.j2", urls.TERMS_INDEX, self._meta("术语索引", search={"boost": 0.5}),
                                count=len(self.corpus.terms), letters=groups, groups=groups)
        return GeneratedPage("terms/index.md", urls.TERMS_INDEX, markdown)

    def categories(self) -> list[GeneratedPage]:
        """The categories overview and one page per category that has terms."""
        by_cat: dict[str, list[Term]] = {name: [] for name in CATEGORIES}
        for t in self.sorted_terms:
            by_cat[t.category].append(t)
        pages = []
        overview = []
        for name, terms in by_cat.items():
            if not terms:
                continue
            url = urls.category_url(name)
            overview.append({"name": name, "url": url, "count": len(terms)})
            md = self._render("category.md.j2", url, self._meta(name, search={"boost": 0.5}),
                              category=name, terms=[self.link(t) for t in terms])
            pages.append(GeneratedPage(f"categories/{CATEGORIES[name]}.md", url, md))
        md = self._render("categories.md.j2", urls.CATEGORIES_INDEX, self._meta("分类"), categories=overview)
        return [GeneratedPage("categories/index.md", urls.CATEGORIES_INDEX, md), *pages]

    def cases_index(self) -> GeneratedPage:
        """The list of case studies, in pinyin order of their titles."""
        cases = [{**vars(self.link(c)), "industry": c.industry}
                 for c in sorted(self.corpus.cases.values(), key=lambda c: pinyin.sort_key(c.title))]
        md = self._render("cases_index.md.j2", urls.CASES_INDEX, self._meta("案例", search={"boost": 0.5}), cases=cases)
        return GeneratedPage("cases/index.md", urls.CASES_INDEX, md)

    def rules(self) -> GeneratedPage:
        """The linter's rules with their examples (`rule_docs`, given by the caller: see lint.registry)."""
        md = self._render("rules.md.j2", urls.RULES, self._meta("检查规则", search={"exclude": True}), rules=self.rule_docs)
        return GeneratedPage("rules.md", urls.RULES, md)

    def changelog(self) -> GeneratedPage:
        """Per edition, newest first: terms and cases added, revised, deprecated, removed."""
        def item(entry: Entry, note: str = "") -> dict[str, str]:
            present = entry.id in (self.corpus.terms if entry.kind == "term" else self.corpus.cases)
            return {"title": entry.title, "summary": entry.summary, "note": note,
                    "url": urls.entry_url(entry) if present else ""}

        def note(entry: Entry, label: str, text: str) -> str:
            if label == "停用" and text in self.full.terms:
                return f"由 {self.full.terms[text].title} 取代"
            return text

        editions = []
        for ch in listings.changes(self.full, self.editions, self.edition):
            groups = [{"label": label, "items": [item(e, note(e, label, text)) for e, text in entries]}
                      for label, entries in listings.change_groups(ch)]
            editions.append({"edition": ch.edition, "empty": ch.empty, "groups": groups})
        md = self._render("changelog.md.j2", urls.CHANGELOG, self._meta("更新记录", search={"boost": 0.5}),
                          edition=self.edition, changes=editions)
        return GeneratedPage("changelog.md", urls.CHANGELOG, md)

    def listing_pages(self) -> list[GeneratedPage]:
        """The pages that list entries or editions: A–Z index, categories, cases, changelog, rules."""
        return [self.terms_index(), *self.categories(), self.cases_index(), self.changelog(), self.rules()]

    def affected_entry_pages(self, changed: set[str], before: Corpus) -> list[GeneratedPage]:
        """The entry pages whose Markdown can differ after the entries at `changed` (source paths)
        were edited, `before` being the corpus as it was: their own pages and the pages that link
        them (related terms, the replacement of a deprecated term, a case's terms and a term's
        cases). The listing pages (`listing_pages`) may differ too."""
        terms, cases = self.corpus.terms, self.corpus.cases
        term_ids = {t.id for t in terms.values() if t.src_uri in changed}
        case_ids = {c.id for c in cases.values() if c.src_uri in changed}
        wanted = set(changed)
        for t in terms.values():
            if term_ids & set(t.related) or (t.deprecated and t.deprecated.by in term_ids):
                wanted.add(t.src_uri)
        for corpus in (self.corpus, before):
            for c in corpus.cases.values():
                if c.id in case_ids:
                    wanted |= {terms[t].src_uri for t in c.terms if t in terms}
                elif term_ids & set(c.terms):
                    wanted.add(c.src_uri)
        return [*(self.term(t) for t in terms.values() if t.src_uri in wanted),
                *(self.case(c) for c in cases.values() if c.src_uri in wanted)]

    def all_pages(self) -> list[GeneratedPage]:
        """Every generated page of the corpus."""
        return [*(self.term(t) for t in self.corpus.terms.values()),
                *(self.case(c) for c in self.corpus.cases.values()), *self.listing_pages()]


BACKLINKS_PLACEHOLDER = '<div class="hb-backlinks"></div>'
"""Left in a term page by the template; replaced once every page has been linked."""


BACKLINKS_SHOWN = 12
"""Backlinks listed before the rest fold into “全部 N 个” (a long list runs screens on a phone)."""


def backlinks_html(pages: dict[str, str], page_url: str, variant: Variant, shown: int = BACKLINKS_SHOWN) -> str:
    """The 被引用于 list of a term page: every page that links to it (URL → title), sorted; past
    `shown` entries the rest are folded into a `<details>` that says how many there are in all."""
    if not pages:
        return f'<p class="hb-backlinks hb-lead">{escape(variant.convert("暂无其他页面提到本条。"))}</p>'
    items = [f'<li><a href="{escape(urls.relative_url(url, page_url))}">{escape(title)}</a></li>'
             for url, title in sorted(pages.items(), key=lambda kv: (kv[0].count("/"), kv[0]))]
    if len(items) <= shown:
        return f'<ul class="hb-backlinks">{"".join(items)}</ul>'
    summary = escape(variant.convert(f"全部 {len(items)} 个"))
    return (f'<ul class="hb-backlinks">{"".join(items[:shown])}</ul>'
            f'<details class="hb-backlinks-more"><summary>{summary}</summary>'
            f'<ul class="hb-backlinks">{"".join(items[shown:])}</ul></details>')
