"""Bad input never half-builds, never executes, never crashes; builds are reproducible."""
from __future__ import annotations

import filecmp
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import build_real_site
from handbook.core import frontmatter
from handbook.core.corpus import check_document
from handbook.core.problems import Level
from helpers import VALID_TERM, problems, term_text, with_lines

pytestmark = pytest.mark.build


def test_a_failed_build_leaves_the_previous_site_untouched(project):
    assert project.build().returncode == 0
    site = project.root / "site"
    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    project.write("terms/siyu.md", with_lines(VALID_TERM, l2="id: siyu", l6="related: [nope, chudian]"))
    result = project.build()
    assert result.returncode == 1
    assert "terms/siyu.md:6:11: error unknown-reference" in result.stderr
    assert "Traceback" not in result.stderr
    after = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before
    assert not list(project.root.glob(".site-*"))  # no half-written staging folder left behind


BROKEN = Path(__file__).parent / "broken"


@pytest.mark.parametrize("rel,expected", [
    ("terms/missing-title.md", "terms/missing-title.md:2:1: error schema 前置元数据缺少必填字段 `title`"),
    ("terms/wrong-type-related.md", "terms/wrong-type-related.md:6:1: error schema 字段 `related` 应为列表"),
    ("terms/unknown-key.md", "terms/unknown-key.md:5:1: error schema 未知字段 `catgory`"),
    ("terms/duplicate-id.md", "terms/duplicate-id.md:2:1: error duplicate-id"),
    ("terms/duplicate-alias.md", "terms/duplicate-alias.md:4:11: error duplicate-name"),
    ("terms/unknown-related.md", "terms/unknown-related.md:6:17: error unknown-reference"),
    ("terms/file-name-mismatch.md", "terms/file-name-mismatch.md:2:1: error id-filename"),
    ("terms/yaml-unclosed-list.md", "terms/yaml-unclosed-list.md:6:10: error yaml-syntax"),
    ("terms/too-long.md", "terms/too-long.md:14:1: error too-long"),
])
def test_the_build_refuses_each_kind_of_broken_file(project, rel, expected):
    project.write(rel, (BROKEN / rel).read_bytes())
    result = project.build()
    assert result.returncode == 1 and expected in result.stderr, result.stderr[-1500:]
    assert "Traceback" not in result.stderr and not (project.root / "site").exists()


@pytest.mark.parametrize("rel,content,expected", [
    ("terms/siyu.md", b"", "terms/siyu.md:1:1: error empty-file"),
    ("terms/siyu.md", VALID_TERM.replace("id: x", "id: siyu").encode("gbk"), "terms/siyu.md:3:9: error file-encoding"),
    ("terms/siyu.md", VALID_TERM.replace("id: x", "id: siyu").replace("title: 某术语", "title 某术语: x: y").encode(),
     "terms/siyu.md:3:13: error yaml-syntax"),
    ("terms/evil.md", VALID_TERM.replace("id: x", "id: ../../etc/passwd").encode(), "terms/evil.md:2:1: error schema"),
])
def test_bad_content_fails_the_build_with_file_and_line(project, rel, content, expected):
    project.write(rel, content)
    result = project.build()
    assert result.returncode == 1 and expected in result.stderr, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    assert "“siyu” 不存在" not in result.stderr  # one broken file is reported once, not in every referrer


ATTACKS = {
    "title": "<script>alert(1)</script>",
    "summary": '一句话<img src=x onerror="alert(2)">定义。',
    "aliases": ['"><svg onload=alert(3)>'],
}
BODY = """## 释义

<script>alert(4)</script>正文<img src=x onerror=alert(5)> [点我](javascript:alert(6)) [数据](data:text/html,<b>x</b>)

<iframe src="https://evil.example/"></iframe>{ onclick="alert(7)" }

## 实践要点

正常的一段{: onmouseover="alert(8)" }
"""


class _Dangerous(HTMLParser):
    """Elements and attributes through which the injected payloads could run."""

    def __init__(self) -> None:
        super().__init__()
        self.hits: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag, attrs):
        self.in_script = tag == "script" and dict(attrs).get("type") not in ("application/ld+json", "application/json")
        if tag in ("iframe", "object", "embed"):  # Material draws icons with inline <svg>; their attributes are checked below
            self.hits.append(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.hits.append(f"{tag} {name}")
            if name in ("href", "src", "action") and value and value.strip().lower().startswith(("javascript:", "data:")):
                self.hits.append(f"{tag} {name}={value}")

    def handle_endtag(self, tag):
        self.in_script = False

    def handle_data(self, data):
        if self.in_script and "alert(" in data:
            self.hits.append("script with the payload")


def test_injection_never_reaches_readers(project):
    project.write("terms/xss.md", term_text("xss", ATTACKS["title"], ["siyu", "shequn"], body=BODY,
                                            summary=ATTACKS["summary"], aliases=ATTACKS["aliases"]))
    assert {p.rule for p in problems(project, path="terms/xss.md")} >= {"raw-html"}
    mkdocs = (project.root / "mkdocs.yml").read_text("utf-8").replace("pdf: false", "pdf: true")
    (project.root / "mkdocs.yml").write_text(mkdocs, "utf-8")
    result = project.build()
    assert result.returncode == 0, result.stderr[-2000:]
    site = project.root / "site"
    outputs = [p for p in site.rglob("*") if p.suffix in (".html", ".json", ".xml", ".tbx", ".csv")]
    for path in outputs:
        if path.suffix == ".html":
            found = _Dangerous()
            found.feed(path.read_text("utf-8"))
            assert found.hits == [], (path, found.hits)
    page = (site / "terms" / "xss" / "index.html").read_text("utf-8")
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt; - " in page  # shown as text, never run
    assert "&lt;script&gt;alert(1)&lt;/script&gt;</h1>" in page.replace('<a class="headerlink"', "</h1>").split("</h1>", 1)[0] + "</h1>"
    import pypdf

    pdf = site / "downloads" / "handbook-1.1-zh-Hans.pdf"
    reader = pypdf.PdfReader(pdf)
    for page_obj in reader.pages:
        for annot in page_obj.get("/Annots") or []:
            action = annot.get_object().get("/A") or {}
            assert "javascript" not in str(action.get("/URI", "")).lower()
            assert action.get("/S") != "/JavaScript"
    assert b"/JavaScript" not in pdf.read_bytes() and b"/JS " not in pdf.read_bytes()


def test_two_builds_of_one_commit_are_byte_identical(real_site, tmp_path):
    again = build_real_site(tmp_path, HANDBOOK_PDF_CACHE="0")
    comparison = filecmp.dircmp(real_site, again)

    def differences(c: filecmp.dircmp) -> list[str]:
        out = [f"{c.left}/{n}" for n in c.diff_files + c.left_only + c.right_only]
        for sub in c.subdirs.values():
            out += differences(sub)
        return out

    files = [p for p in real_site.rglob("*") if p.is_file()]
    assert len(files) > 400
    assert differences(comparison) == []
    # filecmp compares by size and time first: check the PDFs byte for byte explicitly
    for pdf in (real_site / "downloads").glob("*.pdf"):
        assert pdf.read_bytes() == (again / "downloads" / pdf.name).read_bytes()


@settings(max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300))
def test_loader_never_crashes_on_arbitrary_bytes(raw):
    doc = check_document(frontmatter.parse("terms/x.md", raw, "term"))
    assert doc.data is not None or any(p.level is Level.ERROR for p in doc.problems)
    for p in doc.problems:
        assert p.line >= 1 and p.col >= 1 and p.message


YAML_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12)


@settings(max_examples=2_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(["id", "title", "aliases", "category", "summary", "related", "sources",
                                        "since", "number", "changed", "deprecated", "x"]), YAML_VALUES, max_size=9))
def test_loader_turns_arbitrary_yaml_into_problems_or_a_valid_entry(data):
    import yaml

    raw = ("---\n" + yaml.safe_dump(data, allow_unicode=True) + "---\n## 释义\n\n文。\n").encode()
    doc = check_document(frontmatter.parse("terms/x.md", raw, "term"))
    errors = [p for p in doc.problems if p.level is Level.ERROR]
    if not errors:
        from handbook.core.model import Term

        Term.from_document(doc)  # a valid entry can always be built
    for p in errors:
        assert p.line >= 1 and p.message and "Traceback" not in p.message


@settings(max_examples=2_000, deadline=None)
@given(st.dictionaries(st.text(min_size=1, max_size=12),
                       st.one_of(st.text(), st.integers(), st.floats(-1e6, 1e6).map(lambda x: round(x, 3)),
                                 st.booleans(), st.none(), st.lists(st.text(), max_size=3),
                                 st.dictionaries(st.text(max_size=5), st.integers(), max_size=2)),
                       max_size=4))
def test_generated_front_matter_reads_back_as_the_same_metadata(meta):
    """Pages' metadata is written as one JSON line; MkDocs reads it with YAML: any title, summary
    or tag (quotes, colons, line separators, control characters) must come back unchanged.
    (Numbers are search boosts: plain decimals, never exponents, which YAML 1.1 reads as text.)"""
    import yaml

    from handbook.outputs.pages import front_matter

    text = front_matter(meta)
    assert "\n" not in text
    assert yaml.safe_load(text) == meta
