"""The printed handbook: one book per script and edition, as a print page (HTML) and a PDF (Typst).

Layout: cover, how to use, contents with page numbers, the terms grouped by category (a reader
of a book reads neighbouring concepts together; the pinyin index at the back is for lookup) in
pinyin order within each category, the case studies, the edition's changelog and a pinyin index of
titles and aliases. `PrintBook.content` is the book's content once, in its script; the print page
(`print.html.j2`), the PDF (`typeset`, Typst) and the EPUB (`epub`) are all made from it. Everything
readers see is converted to the script; the index of the Traditional book is ordered by the same
pinyin readings.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from importlib import resources
from typing import Any

import jinja2
import markdown
from markupsafe import Markup

from handbook.core import pinyin
from handbook.core.model import CATEGORIES, Case, Corpus, Entry, Source, Term
from handbook.core.termindex import TermIndex
from handbook.core.variants import HANS, Variant
from handbook.markdown import sanitize
from handbook.markdown.extension import HandbookExtension
from handbook.markdown.linking import Linker
from handbook.outputs import listings, typeset
from handbook.outputs.pages import figure, history

FONTS = {HANS: ("Noto Serif CJK SC", "Noto Sans CJK SC"), "zh-Hant": ("Noto Serif CJK TC", "Noto Sans CJK TC")}
REGIONS = {HANS: "cn", "zh-Hant": "tw"}
"""Typst's text region of each script: it picks the punctuation forms and the PDF's /Lang."""
KEYWORDS = ("私域运营", "术语", "企业微信", "社群", "案例")
SCRIPT_NAMES = {HANS: "简体中文版", "zh-Hant": "繁體中文版"}
MARKDOWN_EXTENSIONS = ["tables", "admonition", "attr_list", "def_list", "footnotes", "sane_lists"]
SHORT_ENTRY = 420  # characters of body below which an entry is kept on one page (about a third of one)

HOWTO = """<p>本书收录私域运营中常用的术语和品牌案例。术语按分类编排，同一分类内按拼音排序；书末的索引按拼音列出全部术语名称和别名，可以直接查页码。</p>
<p>每个术语先给出一句话定义，再分“释义”“实践要点”，有实例的附“案例”。条目末尾的“参见”列出相关术语及其页码，“出处”注明事实和数字的原始来源。</p>
<p>正文中的术语名称可以点击跳转（电子版）。案例部分给出品牌、时间、关键数字及其统计时段和出处。网站版与本书内容相同，并随版次更新。</p>"""

LABELS = {
    "edition": "版次", "script": "文字", "contents": "收录", "built": "生成日期", "howto": "如何使用本书",
    "toc": "目录", "aliases": "又称", "see": "参见：", "sources": "出处", "cases": "案例",
    "metric": "指标", "figure": "数值", "period": "统计时段", "source": "出处", "case_terms": "涉及术语：",
    "changelog": "更新记录", "index": "索引", "cases_of": "相关案例",
}


def build_date(epoch: str | None = None) -> datetime:
    """The build date: SOURCE_DATE_EPOCH when set (reproducible builds), otherwise now (UTC)."""
    value = epoch if epoch is not None else os.environ.get("SOURCE_DATE_EPOCH")
    if value and value.strip().isdigit():
        return datetime.fromtimestamp(int(value), tz=UTC)
    return datetime.now(tz=UTC)


@dataclass
class BookInfo:
    """What the cover and the PDF metadata say."""

    title: str = "私域运营术语手册"
    subtitle: str = "术语、方法与品牌案例"
    author: str = "私域运营术语手册编写组"
    description: str = "私域运营的术语、方法与品牌案例"


def _same(text: str) -> str:
    return text


def citation(source: Source, *, url: bool = True, name: Callable[[str], str] = _same,
             prose: Callable[[str], str] = _same) -> str:
    """One source as a line of a bibliography: author, title (or the note that stands for it),
    publisher, date, note, and the URL when asked; absent fields are left out. `name` renders the
    names and the title (e.g. `Variant.exact`), `prose` the note."""
    text = f"{name(source.author)}：" if source.author else ""
    text += f"《{name(source.title)}》，{name(source.publisher)}" if source.title else name(source.publisher)
    text += f"，{source.date}" if source.date else ""
    text += f"（{prose(source.note)}）" if source.note else ""
    return text + (f"，{source.url}" if url and source.url else "")


def anchor(entry: Entry) -> str:
    """The in-book id of an entry."""
    return f"{entry.kind}-{entry.id}"


class PrintBook:
    """The print HTML of one corpus, edition and script."""

    def __init__(self, corpus: Corpus, variant: Variant, edition: str, editions: list[str],
                 info: BookInfo | None = None, full: Corpus | None = None, stop_phrases: list[str] | None = None,
                 ) -> None:
        self.corpus = corpus
        self.full = full or corpus
        self.variant = variant
        self.edition = edition
        self.editions = editions
        self.info = info or BookInfo()
        index = TermIndex(corpus, edition, [variant], self.full, stop_phrases=stop_phrases or [])
        self.linker = Linker(index, "section", href=lambda target, _: f"#{target.kind}-{target.id}")
        self.md = markdown.Markdown(extensions=[*MARKDOWN_EXTENSIONS, HandbookExtension(variant, self.linker)])
        self.env = jinja2.Environment(loader=jinja2.PackageLoader(__package__, "templates"), autoescape=True,
                                      trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)

    def t(self, text: str) -> str:
        """A string in the book's script."""
        return self.variant.convert(text)

    def body(self, entry: Entry) -> Markup:
        """An entry's Markdown body as sanitised, linked, converted HTML."""
        self.linker.begin_page("", entry.id if isinstance(entry, Term) else None)
        self.md.reset()
        return Markup(sanitize.clean(self.md.convert(entry.body)))

    @cached_property
    def terms_by_category(self) -> list[tuple[str, list[Term]]]:
        """Categories in their fixed order, each with its terms in pinyin order."""
        groups: dict[str, list[Term]] = {c: [] for c in CATEGORIES}
        for term in sorted(self.corpus.terms.values(), key=lambda t: pinyin.sort_key(t.title, t.pinyin)):
            groups[term.category].append(term)
        return [(c, ts) for c, ts in groups.items() if ts]

    def _sources(self, entry: Entry) -> list[dict[str, str]]:
        """The entry's sources as bibliography items: the text in the book's script (names and titles
        in their own wording), the URL apart (shown in full, and linked)."""
        return [{"text": citation(s, url=False, name=self.variant.exact, prose=self.t) + "。", "url": s.url or ""}
                for s in entry.sources]

    def _ref(self, entry: Entry) -> dict[str, str]:
        return {"anchor": anchor(entry), "title": self.t(entry.title)}

    def _term(self, term: Term) -> dict[str, Any]:
        return {
            "anchor": anchor(term), "title": self.t(term.title), "english": term.english or "",
            "aliases": "、".join(self.t(a) for a in term.aliases), "history": self.t(history(term)),
            "summary": self.t(term.summary), "body": self.body(term),
            "short": len(term.body) < SHORT_ENTRY,
            "related": [self._ref(self.corpus.terms[r]) for r in term.related if r in self.corpus.terms],
            "cases": [self._ref(c) for c in self.corpus.cases_for(term.id)],
            "sources": self._sources(term),
        }

    def _case(self, case: Case) -> dict[str, Any]:
        return {
            "anchor": anchor(case), "title": self.t(case.title), "brand": self.variant.exact(case.brand),
            "industry": self.t(case.industry), "period": self.t(case.period), "summary": self.t(case.summary),
            "metrics": [{"label": self.t(m.label), "figure": self.t(figure(m)), "period": self.t(m.period),
                         "source": self.t(m.source)} for m in case.metrics],
            "body": self.body(case), "short": len(case.body) < SHORT_ENTRY,
            "terms": [self._ref(self.corpus.terms[t]) for t in case.terms if t in self.corpus.terms],
            "sources": self._sources(case),
        }

    def index(self) -> list[dict[str, Any]]:
        """Titles and aliases in pinyin order, grouped by initial, each pointing at its term."""
        return [{"label": g.label, "anchor": g.anchor, "items": [
            {"name": self.t(i.name), "alias": i.alias, "title": self.t(i.term.title) if i.alias else "",
             "anchor": anchor(i.term)} for i in g.items]} for g in listings.index_groups(self.corpus)]

    def changelog_html(self) -> Markup:
        """The changelog section: per edition, what was added, revised, deprecated and removed."""
        out = []
        for ch in listings.changes(self.full, self.editions, self.edition):
            if ch.empty:
                continue
            out.append(f"<h2>{self.t(f'{ch.edition} 版')}</h2><ul>")
            for label, entries in listings.change_groups(ch):
                if label == "修订":
                    out += [f"<li>{self.t(label)}：{self._changelog_name(e)}——{self.t(note)}</li>" for e, note in entries]
                else:
                    names = "、".join(self._changelog_name(e) for e, _ in entries)
                    out.append(f"<li>{self.t(label)}（{len(entries)}）：{names}</li>")
            out.append("</ul>")
        return Markup(sanitize.clean("".join(out)))

    def _changelog_name(self, entry: Entry) -> str:
        held = entry.id in (self.corpus.terms if entry.kind == "term" else self.corpus.cases)
        name = str(Markup.escape(self.t(entry.title)))
        return f'<a href="#{anchor(entry)}">{name}</a>' if held else name

    def css(self) -> str:
        """The print stylesheet with this script's fonts named explicitly."""
        serif, sans = FONTS[self.variant.code]
        text = resources.files(__package__).joinpath("assets", "print.css").read_text("utf-8")
        page_before, page_after = self.t("第 ").rstrip() + " ", " " + self.t("页")
        return (text.replace("__SERIF__", f'"{serif}"').replace("__SANS__", f'"{sans}"')
                .replace("__PAGE_BEFORE__", page_before).replace("__PAGE_AFTER__", page_after))

    @cached_property
    def content(self) -> dict[str, Any]:
        """Everything the book shows, in its script: the print page (HTML), the PDF (Typst) and the
        EPUB are all made from this one value, so they hold the same content."""
        date = build_date()
        labels = {k: self.t(v) for k, v in LABELS.items()}
        categories: list[dict[str, Any]] = [
            {"anchor": f"part-{CATEGORIES[c]}", "title": self.t(c), "terms": [self._term(t) for t in ts]}
            for c, ts in self.terms_by_category]
        cases = [self._case(c) for c in sorted(self.corpus.cases.values(), key=lambda c: pinyin.sort_key(c.title))]
        parts = [{"anchor": p["anchor"], "title": p["title"],
                  "items": [{"anchor": t["anchor"], "title": t["title"]} for t in p["terms"]]} for p in categories]
        parts.append({"anchor": "cases", "title": labels["cases"],
                      "items": [{"anchor": c["anchor"], "title": c["title"]} for c in cases]})
        counts = self.t(f"{len(self.corpus.terms)} 个术语 · {len(self.corpus.cases)} 个案例")
        code = self.variant.code
        book_title, script_name = self.t(self.info.title), SCRIPT_NAMES[code]
        return {
            "lang": code, "region": REGIONS[code], "fonts": FONTS[code], "date": date,
            "book_title": book_title, "subtitle": self.t(self.info.subtitle),
            "full_title": f"{book_title} {self.edition}（{script_name}）",
            "author": self.t(self.info.author), "description": self.t(self.info.description),
            "keywords": [self.t(k) for k in KEYWORDS], "created": date.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "edition": self.edition, "script_name": script_name, "counts": counts,
            "built": date.strftime("%Y-%m-%d"), "cover_kicker": self.t(f"{self.edition} 版"),
            "cover_facts": [(labels["edition"], self.edition), (labels["script"], script_name),
                            (labels["contents"], counts), (labels["built"], date.strftime("%Y-%m-%d"))],
            "page_words": (self.t("第 ").rstrip() + " ", " " + self.t("页")),
            "L": labels, "howto": Markup(self.t(HOWTO)), "parts": parts, "categories": categories, "cases": cases,
            "changelog": self.changelog_html(), "index": self.index(),
        }

    def html(self) -> str:
        """The whole book as one self-contained HTML document (the print page)."""
        c = self.content
        return self.env.get_template("print.html.j2").render(
            **c, keywords_text=", ".join(c["keywords"]), css=Markup(self.css()))

    def typst(self) -> str:
        """The whole book as one Typst document (the PDF)."""
        return typeset.book_source(self.content)


def pdf_name(edition: str, code: str) -> str:
    """`handbook-<edition>-<script>.pdf`."""
    return f"handbook-{edition}-{code}.pdf"
