"""Machine-readable glossary for translators and tools: JSON (with a published schema), CSV, TBX.

Every human-readable field is given in both scripts. URLs (and the JSON's `$schema`) are absolute,
built from `site_url`, so a downloaded file still points at the site. Output is deterministic: sorted
by id, no timestamps other than the build date. CSV follows RFC 4180 (CRLF line ends), with a second
file for the case studies; the TBX (TBX-Basic, DCA) carries definitions with their sources, every
name, related terms as cross-references and each entry's page, with `xml-model` lines that name the
TBX core structure (RELAX NG) and TBX-Basic's Schematron.
"""
from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from importlib import resources
from typing import Any

from handbook.core import urls
from handbook.core.model import Case, Corpus, Entry, Term
from handbook.core.variants import HANS, HANT, Variant
from handbook.outputs.printing import build_date, citation

SCHEMA_NAME = "glossary.schema.json"
TITLE = "私域运营术语手册"
TBX_NS = "urn:iso:std:iso:30042:ed-2"
TBX_MODELS = (
    ("https://raw.githubusercontent.com/LTAC-Global/TBX_Core_RNG/master/TBXcoreStructV03.rng",
     "http://relaxng.org/ns/structure/1.0"),
    ("https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/TBX-Basic_DCA.sch",
     "http://purl.oclc.org/dsdl/schematron"),
)
"""The schemas of TBX-Basic (DCA style), as its own example files name them."""


class Exporter:
    """The exports of one corpus and edition, in both scripts."""

    def __init__(self, corpus: Corpus, edition: str, hans: Variant, hant: Variant, site_url: str = "") -> None:
        self.corpus = corpus
        self.edition = edition
        self.v = {HANS: hans, HANT: hant}
        self.base = site_url.rstrip("/") + "/" if site_url else ""
        """Prefix of every URL: the site's address (relative URLs when the site has none)."""

    def text(self, value: str) -> dict[str, str]:
        return {code: v.convert(value) for code, v in self.v.items()}

    def texts(self, values: list[str]) -> dict[str, list[str]]:
        return {code: [v.convert(x) for x in values] for code, v in self.v.items()}

    def _urls(self, entry: Entry) -> dict[str, str]:
        return {HANS: self.base + urls.entry_url(entry), HANT: self.base + urls.HANT_PREFIX + urls.entry_url(entry)}

    def _history(self, entry: Entry) -> dict[str, Any]:
        out: dict[str, Any] = {"since": entry.since,
                               "changed": [{"edition": c.edition, "note": self.text(c.note)} for c in entry.changed]}
        if entry.deprecated:
            out["deprecated"] = {"edition": entry.deprecated.edition, "by": entry.deprecated.by}
        return out

    @staticmethod
    def _sources(entry: Entry) -> list[dict[str, str]]:
        return [{k: v for k, v in vars(s).items() if v} for s in entry.sources]

    def term(self, term: Term) -> dict[str, Any]:
        out: dict[str, Any] = {"id": term.id}
        if term.number is not None:
            out["number"] = term.number
        out.update({"title": self.text(term.title), "aliases": self.texts(term.aliases)})
        if term.english:
            out["english"] = term.english
        if term.pinyin:
            out["pinyin"] = term.pinyin
        out.update({
            "category": self.text(term.category), "summary": self.text(term.summary),
            "related": [r for r in term.related if r in self.corpus.terms],
            "cases": [c.id for c in self.corpus.cases_for(term.id)],
            "url": self._urls(term), "sources": self._sources(term), "history": self._history(term),
        })
        return out

    def case(self, case: Case) -> dict[str, Any]:
        return {
            "id": case.id, "title": self.text(case.title), "brand": self.text(case.brand),
            "industry": self.text(case.industry), "period": self.text(case.period), "summary": self.text(case.summary),
            "terms": [t for t in case.terms if t in self.corpus.terms],
            "metrics": [{"label": self.text(m.label), "figure": m.figure, "unit": self.text(m.unit),
                         "period": self.text(m.period), "source": self.text(m.source)} for m in case.metrics],
            "url": self._urls(case), "sources": self._sources(case), "history": self._history(case),
        }

    def data(self) -> dict[str, Any]:
        """The JSON document."""
        return {
            "$schema": self.base + urls.DOWNLOADS + SCHEMA_NAME, "title": self.text(TITLE), "edition": self.edition,
            "generated": build_date().strftime("%Y-%m-%d"), "languages": [HANS, HANT],
            "terms": [self.term(t) for t in self.corpus.terms.values()],
            "cases": [self.case(c) for c in self.corpus.cases.values()],
        }

    def json(self) -> str:
        return json.dumps(self.data(), ensure_ascii=False, indent=2) + "\n"

    @staticmethod
    def _table(header: list[str], rows: list[list[Any]]) -> str:
        """RFC 4180 CSV (CRLF line ends), UTF-8 with BOM so that spreadsheets read it."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)
        return "\ufeff" + buffer.getvalue()

    def csv(self) -> str:
        """One row per term; list fields joined with “；”."""
        rows = []
        for t in self.corpus.terms.values():
            title, aliases, summary, category = self.text(t.title), self.texts(t.aliases), self.text(t.summary), self.text(t.category)
            rows.append([t.id, t.number or "", title[HANS], title[HANT], "；".join(aliases[HANS]), "；".join(aliases[HANT]),
                         t.english or "", category[HANS], category[HANT], summary[HANS], summary[HANT],
                         " ".join(r for r in t.related if r in self.corpus.terms), t.since, self._urls(t)[HANS],
                         self._urls(t)[HANT], "；".join(citation(s) for s in t.sources)])
        return self._table(["id", "number", "title_zh_hans", "title_zh_hant", "aliases_zh_hans", "aliases_zh_hant",
                            "english", "category_zh_hans", "category_zh_hant", "summary_zh_hans", "summary_zh_hant",
                            "related", "since", "url_zh_hans", "url_zh_hant", "sources"], rows)

    def cases_csv(self) -> str:
        """One row per case study; metrics as “label：figure unit（period）” joined with “；”."""
        rows = []
        for c in self.corpus.cases.values():
            fields = [self.text(x) for x in (c.title, c.brand, c.industry, c.period, c.summary)]
            metrics = self.text("；".join(f"{m.label}：{m.figure:g} {m.unit}（{m.period}）" for m in c.metrics))
            rows.append([c.id, *(f[code] for f in fields for code in (HANS, HANT)), metrics[HANS], metrics[HANT],
                         " ".join(t for t in c.terms if t in self.corpus.terms), c.since, self._urls(c)[HANS],
                         self._urls(c)[HANT], "；".join(citation(s) for s in c.sources)])
        return self._table(["id", "title_zh_hans", "title_zh_hant", "brand_zh_hans", "brand_zh_hant",
                            "industry_zh_hans", "industry_zh_hant", "period_zh_hans", "period_zh_hant",
                            "summary_zh_hans", "summary_zh_hant", "metrics_zh_hans", "metrics_zh_hant", "terms",
                            "since", "url_zh_hans", "url_zh_hant", "sources"], rows)

    def tbx(self) -> str:
        """TermBase eXchange (ISO 30042:2019, TBX-Basic, DCA style) with zh-Hans and zh-Hant sections."""
        ET.register_namespace("", TBX_NS)
        ns = "{" + TBX_NS + "}"
        xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
        root = ET.Element(f"{ns}tbx", {"type": "TBX-Basic", "style": "dca", xml_lang: "zh"})
        header = ET.SubElement(root, f"{ns}tbxHeader")
        file_desc = ET.SubElement(header, f"{ns}fileDesc")
        title_stmt = ET.SubElement(file_desc, f"{ns}titleStmt")
        ET.SubElement(title_stmt, f"{ns}title").text = f"{TITLE} {self.edition}"
        source = ET.SubElement(ET.SubElement(file_desc, f"{ns}sourceDesc"), f"{ns}p")
        source.text = "私域运营术语手册的术语表；每个概念含简体（zh-Hans）与繁体（zh-Hant）术语和定义。"
        body = ET.SubElement(ET.SubElement(root, f"{ns}text"), f"{ns}body")
        for t in self.corpus.terms.values():
            entry = ET.SubElement(body, f"{ns}conceptEntry", {"id": t.id})
            ET.SubElement(entry, f"{ns}descrip", {"type": "subjectField"}).text = t.category
            for r in t.related:
                if r in self.corpus.terms:
                    ET.SubElement(entry, f"{ns}ref", {"type": "crossReference", "target": r}).text = self.corpus.terms[r].title
            if self.base:  # TBX-Basic: an external target is an http(s) URI
                ET.SubElement(entry, f"{ns}xref", {"type": "externalCrossReference", "target": self._urls(t)[HANS]}).text = t.title
            for code, variant in self.v.items():
                lang = ET.SubElement(entry, f"{ns}langSec", {xml_lang: code})
                group = ET.SubElement(lang, f"{ns}descripGrp")
                ET.SubElement(group, f"{ns}descrip", {"type": "definition"}).text = variant.convert(t.summary)
                for cited in t.sources:
                    ET.SubElement(group, f"{ns}admin", {"type": "source"}).text = citation(cited, name=variant.exact, prose=variant.convert)
                for n, name in enumerate(t.names):
                    sec = ET.SubElement(lang, f"{ns}termSec")
                    ET.SubElement(sec, f"{ns}term").text = variant.convert(name)
                    status = "preferredTerm-admn-sts" if n == 0 else "admittedTerm-admn-sts"
                    ET.SubElement(sec, f"{ns}termNote", {"type": "administrativeStatus"}).text = status
            if t.english:
                lang = ET.SubElement(entry, f"{ns}langSec", {xml_lang: "en"})
                sec = ET.SubElement(lang, f"{ns}termSec")
                ET.SubElement(sec, f"{ns}term").text = t.english
        ET.indent(root)
        models = "".join(f'<?xml-model href="{href}" type="application/xml" schematypens="{kind}"?>\n'
                         for href, kind in TBX_MODELS)
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + models + ET.tostring(root, encoding="unicode") + "\n"


def schema_text() -> str:
    """The published JSON Schema of the JSON export."""
    return resources.files("handbook.core").joinpath("schemas", "glossary.json").read_text("utf-8")


def file_names(edition: str) -> dict[str, str]:
    """Export kind → file name in `downloads/`."""
    return {"json": f"glossary-{edition}.json", "csv": f"glossary-{edition}.csv",
            "cases_csv": f"glossary-{edition}-cases.csv", "tbx": f"glossary-{edition}.tbx", "schema": SCHEMA_NAME}
