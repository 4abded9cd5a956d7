"""`scripts/bench [all|linking|variants|lint|pdf|site] [--sizes 100,1000,10000]`

Every figure is measured against the real alternative in the same run, so ratios survive a noisy,
shared machine: the Aho–Corasick matcher against a longest-first regex alternation (what the
Markdown abbreviations extension does), our conversion against bare OpenCC, our build of both
scripts against a bare Material build of the same pages without the plugin, our PDF assembly against
bare WeasyPrint on the same HTML. Prints a table, writes BENCHMARKS.json and BENCHMARKS.md.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import synthetic

REPO = Path(__file__).resolve().parents[1]
WRAPPER = ("import json, resource, subprocess, sys, time\n"
           "t = time.perf_counter(); r = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
           "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
           "print(json.dumps({'rc': r.returncode, 'seconds': time.perf_counter() - t, 'cpu_s': u.ru_utime + u.ru_stime,\n"
           "  'peak_mb': u.ru_maxrss / 1024, 'err': r.stderr[-2000:]}))")


def timed(fn: Callable[[], Any], repeat: int = 3) -> float:
    """Best wall time of `repeat` runs (the least disturbed by other load)."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def measured(cmd: list[str], cwd: Path, env: dict[str, str] | None = None, ok: tuple[int, ...] = (0,)) -> dict[str, Any]:
    """Run a command in a fresh process: wall time and peak memory of that process tree's largest child."""
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000", **(env or {})}
    out = subprocess.run([sys.executable, "-c", WRAPPER, *cmd], cwd=cwd, env=full_env, capture_output=True, text=True)
    data = json.loads(out.stdout.strip().splitlines()[-1])
    if data["rc"] not in ok:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{data['err']}")
    return data


def real_prose() -> str:
    """The handbook's own prose (bodies of every term and case)."""
    return "\n".join(p.read_text("utf-8").split("---", 2)[-1] for folder in ("terms", "cases")
                     for p in sorted((REPO / folder).glob("*.md")))


# -- linking ---------------------------------------------------------------------------------

def bench_linking(sizes: list[int]) -> dict[str, Any]:
    """Matcher vs regex alternation on the same ~1 MB of real prose, for growing glossaries."""
    from handbook.core.model import Corpus, Source, Term
    from handbook.core.termindex import TermIndex

    text = real_prose()
    while len(text.encode()) < 1_000_000:
        text += text
    lines = text.split("\n")
    megabytes = len(text.encode()) / 1e6
    words = synthetic.vocabulary(REPO)
    real_names = [t for p in sorted((REPO / "terms").glob("*.md"))
                  for t in re.findall(r"^title: (.+)$", p.read_text("utf-8"), re.M)]
    rows = []
    for size in sizes:
        import random

        rng = random.Random(size)
        core = real_names[:50]  # the same real titles at every size, so the text has the same mentions
        names = list(dict.fromkeys(core + ["".join(rng.sample(words, 2)) for _ in range(size * 2)]))[:size]
        chunk = max(1, len(text) // size)  # each term gets a share of the prose as its body, as in a real corpus
        terms = {f"t{n}": Term(id=f"t{n}", title=name, summary="。", sources=[Source("a", "b")], since="1.0",
                               category="基础概念", body=text[n * chunk:(n + 1) * chunk][:5000])
                 for n, name in enumerate(names)}
        index = TermIndex(Corpus(terms=terms), "1.0")
        pattern = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))
        matches = sum(1 for line in lines for _ in index.find(line))
        ours = timed(lambda index=index: [list(index.find(line)) for line in lines])
        regex = timed(lambda pattern=pattern: [list(pattern.finditer(line)) for line in lines],
                      repeat=1 if size >= 5000 else 3)
        rows.append({"terms": size, "matches": matches, "matcher_s_per_mb": ours / megabytes,
                     "regex_s_per_mb": regex / megabytes, "speedup": regex / ours})
    growth = rows[-1]["matcher_s_per_mb"] / rows[0]["matcher_s_per_mb"]
    return {"text_mb": round(megabytes, 2), "rows": rows, "growth_first_to_last": growth}


# -- variants --------------------------------------------------------------------------------

def bench_variants() -> dict[str, Any]:
    """Throughput of our Traditional conversion (table + protected spans) against bare OpenCC."""
    from handbook.core.variants import HANT, Variant, load_table, opencc_converter, resolve_markup

    text = real_prose()
    lines = [line + (" -{后台}- 与 -{zh-hans:视频号;zh-hant:影音號}-" if n % 20 == 0 else "")
             for n, line in enumerate(text.split("\n"))]
    chars = sum(len(line) for line in lines)
    ours = Variant(HANT, table=load_table(REPO / "conversions.yml"))
    bare = opencc_converter("s2tw")
    # each line converted as if met for the first time (`convert` remembers short strings it has seen)
    ours_s = timed(lambda: [ours.convert_resolved(resolve_markup(line)) for line in lines])
    bare_s = timed(lambda: [bare.convert(line) for line in lines])
    return {"chars": chars, "ours_mchars_per_s": chars / ours_s / 1e6, "opencc_mchars_per_s": chars / bare_s / 1e6,
            "cost_vs_opencc": ours_s / bare_s}


# -- lint ------------------------------------------------------------------------------------

def make_project(root: Path, terms: int) -> Path:
    """A synthetic handbook project with the real configuration (PDFs on for the pdf benchmark)."""
    synthetic.make(root, terms, REPO)
    for name in ("mkdocs.yml", "conversions.yml"):
        shutil.copy(REPO / name, root / name)
    for page in (REPO / "docs").glob("*.md"):
        if page.name != "index.md":
            shutil.copy(page, root / "docs" / page.name)
    return root


def bench_lint(root: Path) -> dict[str, Any]:
    """The whole corpus, and one changed file (the pre-commit case)."""
    # exit 1 is fine: synthetic prose has style findings; the work done is the same
    full = measured([sys.executable, "-m", "handbook.lint.cli"], root, ok=(0, 1))
    one = measured([sys.executable, "-m", "handbook.lint.cli", "terms/t00001.md"], root, ok=(0, 1))
    return {"all_s": full["seconds"], "one_file_s": one["seconds"], "peak_mb": full["peak_mb"]}


# -- site ------------------------------------------------------------------------------------

BARE_CONFIG = """# The handbook's own configuration without the handbook plugin: same theme, features,
# Markdown extensions and nav; Material's own Chinese strings instead of the plugin's.
INHERIT: mkdocs.yml
docs_dir: bare_docs
site_dir: bare_site
strict: false
theme:
  language: zh
plugins:
  - search:
      lang: zh
"""


def write_bare_pages(root: Path) -> None:
    """The same pages as the handbook's zh-Hans site, as plain Markdown files for a bare build."""
    from handbook.core import corpus as corpus_mod
    from handbook.core.settings import read
    from handbook.core.variants import HANS, Variant
    from handbook.outputs.pages import PageBuilder

    settings = read(root / "mkdocs.yml")
    corpus = corpus_mod.load(root).for_edition(settings.edition)
    docs = root / "bare_docs"
    shutil.rmtree(docs, ignore_errors=True)
    shutil.copytree(root / "docs", docs)
    for page in PageBuilder(corpus, Variant(HANS), settings.edition, settings.editions).all_pages():
        path = docs / page.src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page.markdown, "utf-8")
    (root / "bare.yml").write_text(BARE_CONFIG, "utf-8")


def bench_site(root: Path, terms: int) -> dict[str, Any]:
    """Both scripts with the plugin (no PDF) against a bare single-script Material build; the two
    alternate, best of two runs each below 10,000 terms (one run each at 10,000)."""
    from handbook.core import corpus as corpus_mod
    from handbook.core.termindex import TermIndex

    write_bare_pages(root)
    corpus_mod.load(root, corpus_mod.cache_file(root))  # warm the parse cache, as on any rebuild
    runs: dict[str, list[dict[str, Any]]] = {"bare": [], "ours": []}
    for _ in range(2 if terms < 10_000 else 1):
        runs["bare"].append(measured([sys.executable, "-m", "mkdocs", "build", "-q", "-f", "bare.yml"], root))
        runs["ours"].append(measured([sys.executable, "-m", "mkdocs", "build", "-q"], root, {"HANDBOOK_PDF": "0"}))
    bare, ours = (min(runs[k], key=lambda r: r["seconds"]) for k in ("bare", "ours"))
    corpus = corpus_mod.load(root)
    index = TermIndex(corpus, "1.1")
    bodies = [line for e in corpus.entries() for line in e.body.split("\n")]
    linking = timed(lambda: [list(index.find(line)) for line in bodies], repeat=1)
    pages = sum(1 for _ in (root / "site").rglob("index.html"))
    return {"terms": terms, "pages_both_scripts": pages, "bare_one_script_s": bare["seconds"],
            "ours_both_scripts_s": ours["seconds"], "ratio": ours["seconds"] / bare["seconds"],
            "cpu_ratio": ours["cpu_s"] / bare["cpu_s"],
            "peak_mb": ours["peak_mb"], "bare_peak_mb": bare["peak_mb"], "linking_s": linking}


# -- pdf -------------------------------------------------------------------------------------

def bench_pdf(root: Path, label: str) -> dict[str, Any]:
    """Our PDF (corpus → print content → Typst → tagged PDF, zh-Hans) against WeasyPrint laying out
    the same content (the print page's HTML and stylesheet), each in a fresh process, in the same run."""
    code = ("import sys, json, time\n"
            "from pathlib import Path\n"
            "from handbook.core.project import Project\n"
            "from handbook.outputs.printing import PrintBook, build_date\n"
            "from handbook.outputs.typeset import render_pdf\n"
            "from handbook.core.settings import read\n"
            "root = Path('.'); s = read(root / 'mkdocs.yml')\n"
            "hb = Project.load(root, s)\n"
            "book = PrintBook(hb.corpus, hb.variant('zh-Hans'), s.edition, s.editions, full=hb.full)\n"
            "Path('bench-print.html').write_text(book.html(), 'utf-8')\n"
            "r = render_pdf(book.typst(), Path('bench-ours.pdf'), int(build_date().timestamp()))\n"
            "print(r.pages)\n")
    bare_code = ("import weasyprint\nfrom pathlib import Path\n"
                 "weasyprint.HTML(string=Path('bench-print.html').read_text('utf-8')).write_pdf('bench-weasyprint.pdf')\n")
    ours = measured([sys.executable, "-c", code], root, {"HANDBOOK_PDF_CACHE": "0"})
    bare = measured([sys.executable, "-c", bare_code], root)
    reader = __import__("pypdf").PdfReader
    pages, weasy_pages = len(reader(root / "bench-ours.pdf").pages), len(reader(root / "bench-weasyprint.pdf").pages)
    return {"edition": label, "pages": pages, "ours_s": ours["seconds"], "weasyprint_s": bare["seconds"],
            "weasyprint_pages": weasy_pages, "speedup": bare["seconds"] / ours["seconds"], "peak_mb": ours["peak_mb"],
            "weasyprint_peak_mb": bare["peak_mb"], "pages_per_s": pages / ours["seconds"]}


# -- report ----------------------------------------------------------------------------------

def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem = next((int(line.split()[1]) // 1024 // 1024 for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")), 0)
    return f"{os.cpu_count()} cores ({cpu}), {mem} GiB RAM, Python {platform.python_version()}, {platform.platform()}"


def report(results: dict[str, Any]) -> str:
    out = ["# Benchmarks", "", f"Machine: {machine()}. Shared and noisy: every figure is compared with the real",
           "alternative in the same run. Regenerate with `scripts/bench`.", ""]
    if "linking" in results:
        r = results["linking"]
        out += ["## Term linking (issue 4)", "",
                f"Same {r['text_mb']} MB of the handbook's prose; each glossary holds the same 50 real titles plus",
                "synthetic two-word terms, so every size finds about the same mentions.", "",
                "| terms | matches | Aho–Corasick s/MB | regex alternation s/MB | speed-up |", "|---:|---:|---:|---:|---:|"]
        out += [f"| {x['terms']:,} | {x['matches']:,} | {x['matcher_s_per_mb']:.3f} | {x['regex_s_per_mb']:.2f} | "
                f"{x['speedup']:.1f}× |" for x in r["rows"]]
        out += ["", f"Matcher cost from the smallest to the largest glossary: ×{r['growth_first_to_last']:.2f}.", ""]
    if "variants" in results:
        r = results["variants"]
        out += ["## Traditional conversion (issue 5)", "",
                f"{r['chars']:,} characters of the handbook's prose with protected spans, table applied.", "",
                "| ours (table + spans + idempotence) | bare OpenCC s2tw | cost vs OpenCC |", "|---:|---:|---:|",
                f"| {r['ours_mchars_per_s']:.1f} M chars/s | {r['opencc_mchars_per_s']:.1f} M chars/s | "
                f"×{r['cost_vs_opencc']:.2f} |", ""]
    if "lint" in results:
        out += ["## Linter (issue 6)", "", "| terms | whole corpus | one changed file | peak memory |",
                "|---:|---:|---:|---:|"]
        out += [f"| {k} | {v['all_s']:.1f} s | {v['one_file_s']:.2f} s | {v['peak_mb']:.0f} MB |"
                for k, v in results["lint"].items()]
        out.append("")
    if "site" in results:
        out += ["## Site build (issue 10)", "",
                "Both scripts with the plugin (linking, conversion, generated pages, exports, print pages; no PDF)",
                "against a bare Material build of the same zh-Hans pages written out as Markdown, configured",
                "as the handbook (`mkdocs.yml`: theme, features, extensions, nav) without the plugin. Ratio",
                "of wall times (CPU-time ratio beside it); each build is one process; front matter parse cache warm,",
                "as on any rebuild.", "",
                "| terms | pages (both scripts) | bare Material, one script | ours, both scripts | ratio | CPU ratio | peak memory | linking |",
                "|---:|---:|---:|---:|---:|---:|---:|---:|"]
        out += [f"| {v['terms']:,} | {v['pages_both_scripts']:,} | {v['bare_one_script_s']:.1f} s | "
                f"{v['ours_both_scripts_s']:.1f} s | {v['ratio']:.2f}× | {v.get('cpu_ratio', 0):.2f}× | "
                f"{v['peak_mb']:.0f} MB | {v['linking_s']:.2f} s |"
                for v in results["site"].values()]
        out.append("")
    if "pdf" in results:
        out += ["## PDF (issues 7 and 18)", "",
                "Our PDF (Typst, tagged PDF/UA-1, zh-Hans) against WeasyPrint laying out the same book content",
                "(the print page's HTML), each in a fresh process. Targets: 1,000 terms under 60 s and 1.5 GB.", "",
                "| edition | pages (Typst / WeasyPrint) | Typst | WeasyPrint | speed-up | peak memory Typst / WeasyPrint | pages/s |",
                "|---|---:|---:|---:|---:|---:|---:|"]
        out += [f"| {v['edition']} | {v['pages']} / {v.get('weasyprint_pages', '–')} | {v['ours_s']:.1f} s | "
                f"{v.get('weasyprint_s', v.get('bare_weasyprint_s', 0)):.1f} s | {v.get('speedup', 0):.1f}× | "
                f"{v['peak_mb']:.0f} / {v.get('weasyprint_peak_mb', 0):.0f} MB | {v['pages_per_s']:.1f} |"
                for v in results["pdf"].values()]
        out.append("")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/bench")
    parser.add_argument("what", nargs="*", default=["all"],
                        choices=["all", "linking", "variants", "lint", "pdf", "site"])
    parser.add_argument("--sizes", default="100,1000,10000", help="synthetic corpus sizes (terms)")
    parser.add_argument("--out", type=Path, default=REPO / "BENCHMARKS.md")
    args = parser.parse_args(argv)
    what = set(args.what) if "all" not in args.what else {"linking", "variants", "lint", "pdf", "site"}
    sizes = [int(s) for s in args.sizes.split(",")]
    previous = REPO / "BENCHMARKS.json"
    results: dict[str, Any] = json.loads(previous.read_text()) if previous.exists() else {}
    work = Path(tempfile.mkdtemp(prefix="handbook-bench-"))
    try:
        if "linking" in what:
            results["linking"] = bench_linking(sorted({100, 1000, 5000, 10000} | set(sizes)))
        if "variants" in what:
            results["variants"] = bench_variants()
        projects = {n: make_project(work / f"t{n}", n) for n in sizes} if what & {"lint", "site", "pdf"} else {}
        if "lint" in what:
            results["lint"] = {str(n): bench_lint(p) for n, p in projects.items()}
        if "site" in what:
            results["site"] = {str(n): bench_site(p, n) for n, p in projects.items()}
        if "pdf" in what:
            real = work / "real"
            shutil.copytree(REPO, real, ignore=shutil.ignore_patterns(".venv", "site", ".cache", ".git", ".site-*"))
            results["pdf"] = {"real": bench_pdf(real, f"real 1.1 ({sum(1 for _ in (REPO / 'terms').glob('*.md'))} terms)")}
            if 1000 in projects:
                results["pdf"]["synthetic-1000"] = bench_pdf(projects[1000], "synthetic, 1,000 terms")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    previous.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", "utf-8")
    text = report(results)
    args.out.write_text(text + "\n", "utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
