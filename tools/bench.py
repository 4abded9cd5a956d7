"""`scripts/bench [all|linking|variants|lint|pdf|site|serve] [--sizes 100,1000,10000]`

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


# -- serve -----------------------------------------------------------------------------------

def _get(url: str) -> str | None:
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8", "replace"))
    except OSError:
        return None


def _until(check: Callable[[], bool], timeout: float, step: float = 0.02) -> float:
    """Seconds until `check()` holds (raises after `timeout`)."""
    start = time.perf_counter()
    while not check():
        if time.perf_counter() - start > timeout:
            raise TimeoutError("scripts/serve did not show the change")
        time.sleep(step)
    return time.perf_counter()


def bench_serve(root: Path, label: str, edited: str, repeat: int = 3) -> dict[str, Any]:
    """`mkdocs serve` as `scripts/serve` runs it: the time from writing a term file to its new page
    being served over HTTP (Simplified, then Traditional), for a body edit and a title edit, against a
    full rebuild of both scripts (no PDF) in the same run."""
    import socket
    import threading

    full = measured([sys.executable, "-m", "mkdocs", "build", "-q"], root, {"HANDBOOK_PDF": "0"})
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=root, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    log: list[str] = []
    threading.Thread(target=lambda: log.extend(iter(proc.stderr.readline, "")), daemon=True).start()  # type: ignore[union-attr]
    base = f"http://127.0.0.1:{port}/"
    urls = (f"{base}terms/{edited}/", f"{base}zh-Hant/terms/{edited}/")
    path = root / "terms" / f"{edited}.md"
    original = path.read_text("utf-8")
    title = re.search(r"^title: (.+)$", original, re.M)
    assert title is not None
    runs: dict[str, list[dict[str, float]]] = {"body": [], "title": []}
    try:
        start = time.perf_counter()
        first_build = _until(lambda: _get(urls[1]) is not None, 1800, 0.2) - start
        for kind in ("body", "title"):
            for n in range(repeat):
                token = f"bench{kind}{n}"
                if kind == "body":
                    text = original.rstrip("\n") + f"\n\n补充说明 {token}。\n"
                else:
                    text = original.replace(title.group(0), f"title: {title.group(1)} {token}", 1)
                done = sum("Reloading browsers" in line for line in log)
                written = time.perf_counter()
                path.write_text(text, "utf-8")
                hans = _until(lambda token=token: token in (_get(urls[0]) or ""), 600) - written
                hant = _until(lambda token=token: token in (_get(urls[1]) or ""), 600) - written
                whole = _until(lambda done=done: sum("Reloading browsers" in line for line in log) > done, 600) - written
                runs[kind].append({"hans_s": hans, "hant_s": hant, "rebuild_s": whole})
                time.sleep(1)
    finally:
        path.write_text(original, "utf-8")
        proc.terminate()
        proc.wait(timeout=30)
    out: dict[str, Any] = {"label": label, "edited": f"terms/{edited}.md", "full_rebuild_s": full["seconds"],
                           "first_build_s": first_build, "runs": runs}
    for kind, rows in runs.items():
        best = sorted(rows, key=lambda r: r["hans_s"])[len(rows) // 2]  # the median run
        out[kind] = {**best, "ratio": best["hans_s"] / full["seconds"]}
    return out


def real_terms() -> int:
    return sum(1 for _ in (REPO / "terms").glob("*.md"))


def real_project(work: Path) -> Path:
    """A copy of the real handbook (sources and configuration only)."""
    real = work / "real"
    if not real.exists():
        shutil.copytree(REPO, real, ignore=shutil.ignore_patterns(".venv", "site", ".cache", ".git", ".site-*"))
    return real


# -- pdf -------------------------------------------------------------------------------------

def bench_pdf(root: Path, label: str) -> dict[str, Any]:
    """Our PDF assembly (corpus → print HTML → PDF) against bare WeasyPrint on the same HTML."""
    code = ("import sys, json, time\n"
            "from pathlib import Path\n"
            "from handbook.core.project import Project\n"
            "from handbook.outputs.printing import PrintBook, render_pdf\n"
            "from handbook.core.settings import read\n"
            "root = Path('.'); s = read(root / 'mkdocs.yml')\n"
            "hb = Project.load(root, s)\n"
            "html = PrintBook(hb.corpus, hb.variant('zh-Hans'), s.edition, s.editions, full=hb.full).html()\n"
            "Path('bench-print.html').write_text(html, 'utf-8')\n"
            "r = render_pdf(html, Path('bench-ours.pdf'))\n"
            "print(r.pages)\n")
    bare_code = ("import weasyprint\nfrom pathlib import Path\n"
                 "weasyprint.HTML(string=Path('bench-print.html').read_text('utf-8')).write_pdf('bench-bare.pdf')\n")
    ours = measured([sys.executable, "-c", code], root, {"HANDBOOK_PDF_CACHE": "0"})
    bare = measured([sys.executable, "-c", bare_code], root)
    pages = len(__import__("pypdf").PdfReader(root / "bench-ours.pdf").pages)
    return {"edition": label, "pages": pages, "ours_s": ours["seconds"], "bare_weasyprint_s": bare["seconds"],
            "overhead": ours["seconds"] / bare["seconds"] - 1, "peak_mb": ours["peak_mb"],
            "pages_per_s": pages / ours["seconds"]}


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
    if "serve" in results:
        out += ["## Live preview (issue 19)", "",
                "`mkdocs serve` as `scripts/serve` runs it: seconds from writing the term file to its new page",
                "being served over HTTP, Simplified page (then the Traditional one); the median of three saves,",
                "against a full rebuild of both scripts (no PDF, one `mkdocs build`) in the same run. A body edit",
                "appends a sentence; a title edit renames the term, which changes the pages that list, link or",
                "mention it. The whole rebuild (print pages, downloads, search indexes) finishes after the page.", "",
                "| corpus | full rebuild | body edit: zh-Hans / zh-Hant | ratio | whole rebuild | title edit: zh-Hans / zh-Hant | ratio | whole rebuild |",
                "|---|---:|---:|---:|---:|---:|---:|---:|"]
        out += [f"| {v['label']} | {v['full_rebuild_s']:.1f} s | {v['body']['hans_s']:.2f} s / {v['body']['hant_s']:.2f} s | "
                f"{v['body']['ratio']:.3f} | {v['body']['rebuild_s']:.2f} s | "
                f"{v['title']['hans_s']:.2f} s / {v['title']['hant_s']:.2f} s | {v['title']['ratio']:.3f} | "
                f"{v['title']['rebuild_s']:.2f} s |" for v in results["serve"].values()]
        out.append("")
    if "pdf" in results:
        out += ["## PDF (issue 7)", "", "| edition | pages | ours | bare WeasyPrint, same HTML | overhead | pages/s | peak memory |",
                "|---|---:|---:|---:|---:|---:|---:|"]
        out += [f"| {v['edition']} | {v['pages']} | {v['ours_s']:.1f} s | {v['bare_weasyprint_s']:.1f} s | "
                f"{v['overhead'] * 100:+.0f}% | {v['pages_per_s']:.1f} | {v['peak_mb']:.0f} MB |"
                for v in results["pdf"].values()]
        out.append("")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/bench")
    parser.add_argument("what", nargs="*", default=["all"],
                        choices=["all", "linking", "variants", "lint", "pdf", "site", "serve"])
    parser.add_argument("--sizes", default="100,1000,10000", help="synthetic corpus sizes (terms)")
    parser.add_argument("--serve-sizes", default="1000", help="synthetic corpus sizes for the live preview")
    parser.add_argument("--out", type=Path, default=REPO / "BENCHMARKS.md")
    args = parser.parse_args(argv)
    what = set(args.what) if "all" not in args.what else {"linking", "variants", "lint", "pdf", "site", "serve"}
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
            results.setdefault("site", {}).update({str(n): bench_site(p, n) for n, p in projects.items()})
            results["site"] = dict(sorted(results["site"].items(), key=lambda kv: int(kv[0])))
        if "serve" in what:
            results["serve"] = {"real": bench_serve(real_project(work), f"real ({real_terms()} terms)", "siyu")}
            for n in (int(x) for x in args.serve_sizes.split(",") if x):
                if n not in projects:
                    projects[n] = make_project(work / f"t{n}", n)
                results["serve"][str(n)] = bench_serve(projects[n], f"synthetic, {n:,} terms", "t00001")
        if "pdf" in what:
            real = real_project(work)
            results["pdf"] = {"real": bench_pdf(real, f"real 1.1 ({real_terms()} terms)")}
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
