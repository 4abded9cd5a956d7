"""Golden Markdown → HTML pairs for linking and the Traditional variant (UPDATE_GOLDEN=1 rewrites)."""
from __future__ import annotations

import os
from pathlib import Path

import markdown
import pytest

from handbook.core.model import Corpus, Source, Term
from handbook.core.termindex import TermIndex
from handbook.core.variants import HANS, HANT
from handbook.markdown.extension import HandbookExtension
from handbook.markdown.linking import Linker
from helpers import real_variant

GOLDEN = Path(__file__).parent / "golden"


def glossary() -> Corpus:
    def term(ident, title, *aliases, autolink=True):
        return Term(id=ident, title=title, summary=f"{title}的一句话定义。", sources=[Source("见实", "2021", "手册")],
                    since="1.0", category="基础概念", aliases=list(aliases), related=[], autolink=autolink)

    terms = [term("siyu", "私域", "私域运营"), term("siyu-liuliang", "私域流量"), term("liuliangchi", "流量池"),
             term("siyu-liuliangchi", "私域流量池"), term("gongyu", "公域"), term("shequn", "社群"),
             term("scrm", "SCRM"), term("cdp", "CDP"), term("api", "API"), term("vip", "企微私域+VIP服务群")]
    return Corpus(terms={t.id: t for t in terms})


def render(source: str, code: str, page_term: str | None = None) -> str:
    v = real_variant(code)
    linker = Linker(TermIndex(glossary(), "1.1", [v]), "section", gap=0)  # the density cap: test_link_density.py
    linker.begin_page("terms/here/", page_term)
    md = markdown.Markdown(extensions=["admonition", "toc", "tables", HandbookExtension(v, linker)])
    return md.convert(source) + "\n"


CASES = sorted(GOLDEN.glob("*/*.md"))


@pytest.mark.parametrize("path", CASES, ids=[f"{p.parent.name}/{p.stem}" for p in CASES])
def test_golden(path: Path):
    code = HANT if path.parent.name == "variants" else HANS
    page_term = "siyu" if path.stem == "explicit-references" else None
    got = render(path.read_text("utf-8"), code, page_term)
    expected = path.with_suffix(".html")
    if os.environ.get("UPDATE_GOLDEN") == "1":
        expected.write_text(got, "utf-8")
    assert expected.exists(), f"{expected.name} is missing: review the output, then run UPDATE_GOLDEN=1 scripts/test tests/test_golden.py"
    assert got == expected.read_text("utf-8")


def test_a_missing_golden_fails_and_is_not_written(tmp_path, monkeypatch):
    md = tmp_path / "linking" / "new-case.md"
    md.parent.mkdir()
    md.write_text("私域运营。\n", "utf-8")
    monkeypatch.delenv("UPDATE_GOLDEN", raising=False)
    with pytest.raises(AssertionError, match="is missing"):
        test_golden(md)
    assert not md.with_suffix(".html").exists()
