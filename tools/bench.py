"""`scripts/bench [all|linking|variants|lint|pdf|site|cards|weight|serve] [--sizes 100,1000,10000]`

Every figure is measured against the real alternative in the same run, so ratios survive a noisy,
shared machine: the Aho–Corasick matcher against a longest-first regex alternation (what the
Markdown abbreviations extension does), our conversion against bare OpenCC, our build of both
scripts against a bare Material build of the same pages without the plugin, our PDF assembly against
bare WeasyPrint on the same HTML, what a reader's browser downloads (a term page, a first search, time
to idle on a throttled link) against a plain Material page and Material's built-in search. Prints a
table, writes BENCHMARKS.json and BENCHMARKS.md.
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
        terms = {f"t{n}": Term(id=f"t{n}", title=name, summary="。", sources=[Source("a", "2021", "b")], since="1.0",
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
    """Throughput of the Taiwan edition's conversion (OpenCC s2twp + the project table + titles +
    protected spans) against bare OpenCC s2twp, page by page as the build converts."""
    from handbook.core.settings import read
    from handbook.core.variants import HANT, Variant, load_table, opencc_converter, resolve_markup

    settings = read(REPO / "mkdocs.yml")
    lines = [line + (" -{后台}- 与 -{zh-hans:视频号;zh-hant:影音號}-" if n % 20 == 0 else "")
             for n, line in enumerate(real_prose().split("\n"))]
    pages = ["\n".join(lines[i:i + 40]) for i in range(0, len(lines), 40)]  # about one page each
    chars = sum(len(page) for page in pages)
    ours = Variant(HANT, settings.opencc_config, region=settings.region, table=load_table(REPO / "conversions.yml"),
                   titles_config=settings.characters_config)
    bare = opencc_converter(settings.opencc_config)
    # each page converted as if met for the first time (`convert` remembers short strings it has seen)
    ours_s = timed(lambda: [ours.convert_resolved(resolve_markup(page, ours.region)) for page in pages])
    bare_s = timed(lambda: [bare.convert(page) for page in pages])
    return {"config": settings.opencc_config, "chars": chars, "ours_mchars_per_s": chars / ours_s / 1e6,
            "opencc_mchars_per_s": chars / bare_s / 1e6, "cost_vs_opencc": ours_s / bare_s}


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


# -- page weight and search (issue 15) -----------------------------------------------------------

PLAIN_CONFIG = """# A plain Material site of the same pages: the handbook's theme, features, extensions and nav,
# no plugin at all (so no search) -- what a reader downloads for a page of a bare Material site.
INHERIT: mkdocs.yml
docs_dir: bare_docs
site_dir: plain_site
strict: false
theme:
  language: zh
plugins: []
"""
SLOW_LINK = {"offline": False, "latency": 150, "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 1_600_000 / 8}
"""A slow mobile link: 1.6 Mbit/s each way, 150 ms round trip (CDP Network.emulateNetworkConditions)."""
IDLE_LIMIT_S = 300
"""How long a throttled load may take before it is reported as "not idle after" this."""
IDLE_JS = """() => Math.max(performance.getEntriesByType("navigation")[0].loadEventEnd,
  ...performance.getEntriesByType("resource").map(e => e.responseEnd))"""


def serve(folder: Path) -> tuple[Any, str]:
    """A local HTTP server for a built site (no compression, like the simplest static host)."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


def page_visit(browser: Any, url: str, query: str | None, throttled: bool = False) -> dict[str, Any]:
    """Bytes and requests of one page load in a fresh context (empty cache) and, given a query, of
    the first search after it; with `throttled`, the time until the network is idle instead."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    responses: list[Any] = []
    pending: set[Any] = set()
    page.on("response", lambda r: responses.append(r))
    page.on("request", lambda r: pending.add(r))
    page.on("requestfinished", lambda r: pending.discard(r))
    page.on("requestfailed", lambda r: pending.discard(r))
    if throttled:
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", SLOW_LINK)
    try:
        page.goto(url, wait_until="networkidle", timeout=IDLE_LIMIT_S * 1000)
        while pending:  # a request still under way (Material's index on a slow link) is part of the load
            page.wait_for_timeout(200)
    except Exception:  # Playwright's TimeoutError: Material's whole index on a slow link, at 10,000 terms
        if not throttled:
            raise
        context.close()
        return {"idle_ms": None}
    loads = [(r.status, r.url, _size(r)) for r in responses]
    out: dict[str, Any] = {"bytes": sum(n for _, _, n in loads), "requests": len(loads),
                           "errors": [u for status, u, _ in loads if status >= 400],
                           "sitemaps": sum("sitemap" in u for _, u, _ in loads),
                           "index_bytes": sum(n for _, u, n in loads if "/search/" in u)}
    if throttled:
        out["idle_ms"] = page.evaluate(IDLE_JS)
    if query is not None:
        before = len(responses)
        page.locator("label.md-header__button[for=__search]").click()  # a phone: the magnifier in the header
        page.keyboard.insert_text(query)
        page.keyboard.press("End")  # Material's search starts on key-up only
        page.locator(".md-search-result__item").first.wait_for(timeout=120_000)
        page.wait_for_load_state("networkidle")
        while pending:
            page.wait_for_timeout(200)
        first = [_size(r) for r in responses[before:]]
        out["search_bytes"] = sum(first)
        out["search_requests"] = len(first)
    context.close()
    return out


def _size(response: Any) -> int:
    """The body size of a response (0 for one without a body, such as a redirect)."""
    try:
        return len(response.body())
    except Exception:
        return 0


def index_cost(site: Path) -> dict[str, float]:
    """Our index, timed in this process from the built zh-Hans pages: text extraction and build."""
    from handbook.core.variants import HANS, HANT, Variant
    from handbook.outputs import search

    start = time.perf_counter()
    docs = []
    for page in sorted(site.rglob("index.html")):
        rel = page.parent.relative_to(site).as_posix()
        if rel.startswith(("zh-Hant", "contributing", "rules", "print")):
            continue
        html = page.read_text("utf-8")
        article = html.split('<article class="md-content__inner md-typeset">', 1)[-1].split("</article>", 1)[0]
        docs.append(search.SearchDoc("" if rel == "." else rel + "/", rel, search.page_text(article)))
    extract = time.perf_counter() - start
    start = time.perf_counter()
    search.build_index(search.documents(docs), [Variant(HANS), Variant(HANT)], {HANT: "../../search/"})
    return {"extract_s": extract, "index_s": time.perf_counter() - start}


def bench_weight(root: Path, label: str, term: str, query: str) -> dict[str, Any]:
    """A term page and a first search in Chromium, ours against a plain Material page of the same
    page (same theme, no plugin) and against Material's built-in search, all built in this run."""
    from playwright.sync_api import sync_playwright

    write_bare_pages(root)
    (root / "plain.yml").write_text(PLAIN_CONFIG, "utf-8")
    builds = {"ours": measured([sys.executable, "-m", "mkdocs", "build", "-q"], root, {"HANDBOOK_PDF": "0"}),
              "plain": measured([sys.executable, "-m", "mkdocs", "build", "-q", "-f", "plain.yml"], root),
              "material": measured([sys.executable, "-m", "mkdocs", "build", "-q", "-f", "bare.yml"], root)}
    sites = {"ours": root / "site", "plain": root / "plain_site", "material": root / "bare_site"}
    shards = sorted((root / "site" / "search" / "shards").glob("*.json"))
    result: dict[str, Any] = {
        "label": label, "term": term, "query": query,
        "build_s": {k: v["seconds"] for k, v in builds.items()},
        "material_index_bytes": (root / "bare_site" / "search" / "search_index.json").stat().st_size,
        "our_index_bytes": sum(p.stat().st_size for p in (root / "site" / "search").rglob("*.json")),
        "our_shards": len(shards), "our_largest_shard": max(p.stat().st_size for p in shards),
        **index_cost(root / "site")}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        try:
            for name, folder in sites.items():
                httpd, base = serve(folder)
                try:
                    url = f"{base}/terms/{term}/"
                    result[name] = page_visit(browser, url, None if name == "plain" else query)
                    if name == "ours":
                        result["ours_hant"] = page_visit(browser, f"{base}/zh-Hant/terms/{term}/", query)
                    repeat = 1 if name == "material" else 3  # Material's index takes minutes on a slow link at 10,000 terms
                    idle = [page_visit(browser, url, None, throttled=True)["idle_ms"] for _ in range(repeat)]
                    result[name]["idle_ms"] = min(idle) if None not in idle else None
                finally:
                    httpd.shutdown()
        finally:
            browser.close()
    ours, plain = result["ours"], result["plain"]
    result["page_ratio"] = ours["bytes"] / plain["bytes"]
    result["idle_ratio"] = ours["idle_ms"] / plain["idle_ms"] if ours["idle_ms"] and plain["idle_ms"] else None
    return result


def weight_subjects(root: Path) -> tuple[str, str]:
    """The term page to load and the query to type: 企业微信 in the real handbook, else the title of
    the second synthetic term."""
    if (root / "terms" / "qiye-weixin.md").exists():
        return "qiye-weixin", "企业微信"
    text = (root / "terms" / "t00001.md").read_text("utf-8")
    return "t00001", re.search(r"^title: (.+)$", text, re.M).group(1).strip()  # type: ignore[union-attr]
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


def bench_cold_build(real: Path, runs: int = 2) -> dict[str, Any]:
    """A cold full build of the real handbook as `scripts/build` makes it (both scripts, PDFs, EPUBs,
    exports, share images), with no `.cache` and no previous site; best of `runs`, and the same build
    kept in one process (`HANDBOOK_JOBS=1`: PDFs still set in threads) in the same run."""
    def cold(env: dict[str, str]) -> dict[str, Any]:
        shutil.rmtree(real / ".cache", ignore_errors=True)
        shutil.rmtree(real / "site", ignore_errors=True)
        return measured([sys.executable, "-m", "mkdocs", "build", "-q"], real, env)

    best = min((cold({}) for _ in range(runs)), key=lambda r: r["seconds"])
    one = cold({"HANDBOOK_JOBS": "1"})
    return {"seconds": best["seconds"], "cpu_s": best["cpu_s"], "peak_mb": best["peak_mb"], "runs": runs,
            "one_process_s": one["seconds"], "target_s": 25.0}


# -- report ----------------------------------------------------------------------------------

def bench_cards() -> dict[str, Any]:
    """Share images of the real entries (both scripts): drawn and written as JPEG (ours) against the
    same drawing written as PNG (the obvious alternative), and a rebuild served from the cache."""
    import io

    from handbook.core import corpus as corpus_mod
    from handbook.core.project import Project
    from handbook.core.settings import read
    from handbook.outputs import sharecards

    settings = read(REPO / "mkdocs.yml")
    project = Project.of(REPO, settings, corpus_mod.load(REPO))
    cards = []
    for code in ("zh-Hans", "zh-Hant"):
        convert = project.variant(code).convert
        cards += [sharecards.Card(code, convert(e.title), convert(e.summary), convert("私域运营术语手册"), convert("术语"))
                  for e in project.corpus.entries()]
    sharecards.draw(cards[0])  # fonts loaded once, as in a build

    def write_all(fmt: str) -> int:
        size = 0
        for card in cards:
            buf = io.BytesIO()
            sharecards.draw(card).save(buf, fmt, **({"quality": 85} if fmt == "JPEG" else {"compress_level": 6}))
            size += buf.tell()
        return size

    ours_size, png_size = write_all("JPEG"), write_all("PNG")
    ours = timed(lambda: write_all("JPEG"), repeat=2)
    png = timed(lambda: write_all("PNG"), repeat=2)
    with tempfile.TemporaryDirectory() as tmp:
        writer = sharecards.CardWriter(Path(tmp) / "cache")
        targets = [(Path(tmp) / "site" / f"{n}.jpg", card) for n, card in enumerate(cards)]
        writer.write(targets)
        cached = timed(lambda: writer.write(targets), repeat=3)
    n = len(cards)
    return {"cards": n, "ours_ms": ours / n * 1000, "png_ms": png / n * 1000, "cached_ms": cached / n * 1000,
            "ours_kb": ours_size / n / 1024, "png_kb": png_size / n / 1024, "speedup_vs_png": png / ours}


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
    if "weight" in results:
        out += ["## Page weight and search (issue 15)", "",
                "Chromium at 390×844, empty cache, sites served locally without compression. A term page",
                "of our site against the same page built by plain Material (same theme and features, no plugin,",
                "no search) and by Material with its built-in search (`search: lang: zh`, jieba), all built in",
                "the same run. First search: bytes fetched from opening search to the first results (Material",
                "fetches its whole index with the page instead). Idle: until the last response ends on a",
                "1.6 Mbit/s, 150 ms link (CDP), best of three loads (one for Material with search).", "",
                "| corpus | term page: ours | plain Material | ratio | Material + search | first search: ours (requests) | Material index | idle: ours | plain | ratio | Material + search |",
                "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for v in results["weight"].values():
            ours, plain, mat = v["ours"], v["plain"], v["material"]
            out.append(f"| {v['label']} | {ours['bytes'] / 1000:.0f} KB | {plain['bytes'] / 1000:.0f} KB | "
                       f"{v['page_ratio']:.2f}× | {mat['bytes'] / 1000:.0f} KB | {ours['search_bytes'] / 1000:.0f} KB "
                       f"({ours['search_requests']}) | {v['material_index_bytes'] / 1000:.0f} KB | "
                       f"{_seconds(ours['idle_ms'])} | {_seconds(plain['idle_ms'])} | "
                       f"{v['idle_ratio'] or 0:.2f}× | {_seconds(mat['idle_ms'])} |")
        out += ["", "| corpus | query | zh-Hant first search | index on disk: ours / Material | shards (largest) | "
                "index time: ours (text + index) | Material search's build cost (with − without) | 404s, sitemaps |",
                "|---|---|---:|---:|---:|---:|---:|---:|"]
        for v in results["weight"].values():
            b = v["build_s"]
            problems = sum(len(v[k]["errors"]) for k in ("ours", "ours_hant"))
            sitemaps = sum(v[k]["sitemaps"] for k in ("ours", "ours_hant"))
            out.append(f"| {v['label']} | {v['query']} | {v['ours_hant']['search_bytes'] / 1000:.0f} KB | "
                       f"{v['our_index_bytes'] / 1e6:.1f} MB / {v['material_index_bytes'] / 1e6:.1f} MB | "
                       f"{v['our_shards']} ({v['our_largest_shard'] / 1000:.0f} KB) | "
                       f"{v['extract_s'] + v['index_s']:.1f} s ({v['extract_s']:.1f} + {v['index_s']:.1f}) | "
                       f"{b['material'] - b['plain']:+.1f} s ({b['material']:.1f} − {b['plain']:.1f}) | "
                       f"{problems}, {sitemaps} |")
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
    if "cold_build" in results:
        v = results["cold_build"]
        out += ["## Cold full build (issue 18)", "",
                "`mkdocs build` of the real handbook as `scripts/build` runs it, with no `.cache` and no site: both",
                "scripts, both PDFs and EPUBs, exports, share images. PDFs are set in threads while the pages",
                "render; Traditional pages, search index and share images are made by forked workers.", "",
                "| build (best of runs) | CPU time | peak memory | one process (`HANDBOOK_JOBS=1`) | target |",
                "|---:|---:|---:|---:|---:|",
                f"| {v['seconds']:.1f} s (best of {v['runs']}) | {v['cpu_s']:.1f} s | {v['peak_mb']:.0f} MB | "
                f"{v['one_process_s']:.1f} s | ≤ {v['target_s']:.0f} s |", ""]
    if "cards" in results:
        v = results["cards"]
        out += ["## Share images (issue 15)", "",
                f"{v['cards']} cards (every term and case, both scripts), 1200×630, Pillow + Noto CJK.", "",
                "| ours: draw + JPEG | draw + PNG | speed-up | from the cache | size JPEG / PNG |", "|---:|---:|---:|---:|---:|",
                f"| {v['ours_ms']:.1f} ms/card | {v['png_ms']:.1f} ms/card | {v['speedup_vs_png']:.1f}× | "
                f"{v['cached_ms']:.2f} ms/card | {v['ours_kb']:.0f} / {v['png_kb']:.0f} KB |", ""]
    return "\n".join(out)


def _seconds(ms: float | None) -> str:
    return f"{ms / 1000:.2f} s" if ms is not None else f"> {IDLE_LIMIT_S} s"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/bench")
    parser.add_argument("what", nargs="*", default=["all"],
                        choices=["all", "linking", "variants", "lint", "pdf", "site", "cards", "weight", "serve"])
    parser.add_argument("--sizes", default="100,1000,10000", help="synthetic corpus sizes (terms)")
    parser.add_argument("--serve-sizes", default="1000", help="synthetic corpus sizes for the live preview")
    parser.add_argument("--out", type=Path, default=REPO / "BENCHMARKS.md")
    args = parser.parse_args(argv)
    what = set(args.what) if "all" not in args.what else {"linking", "variants", "lint", "pdf", "site", "cards", "weight", "serve"}
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    previous = REPO / "BENCHMARKS.json"
    results: dict[str, Any] = json.loads(previous.read_text()) if previous.exists() else {}
    work = Path(tempfile.mkdtemp(prefix="handbook-bench-"))
    try:
        if "linking" in what:
            results["linking"] = bench_linking(sorted({100, 1000, 5000, 10000} | set(sizes)))
        if "variants" in what:
            results["variants"] = bench_variants()
        if "cards" in what:
            results["cards"] = bench_cards()
        projects = {n: make_project(work / f"t{n}", n) for n in sizes} if what & {"lint", "site", "pdf", "weight"} else {}
        if "lint" in what:
            results["lint"] = {str(n): bench_lint(p) for n, p in projects.items()}
        if "site" in what:
            results.setdefault("site", {}).update({str(n): bench_site(p, n) for n, p in projects.items()})
            results["site"] = dict(sorted(results["site"].items(), key=lambda kv: int(kv[0])))
        if "weight" in what:
            real = work / "real-weight"
            shutil.copytree(REPO, real, ignore=shutil.ignore_patterns(".venv", "site", ".cache", ".git", ".site-*"))
            results["weight"] = {"real": bench_weight(real, f"real ({sum(1 for _ in (REPO / 'terms').glob('*.md'))} terms)",
                                                      *weight_subjects(real))}
            for n, project in projects.items():
                results["weight"][str(n)] = bench_weight(project, f"synthetic, {n:,} terms", *weight_subjects(project))
        if "serve" in what:
            results["serve"] = {"real": bench_serve(real_project(work), f"real ({real_terms()} terms)", "siyu")}
            for n in (int(x) for x in args.serve_sizes.split(",") if x):
                if n not in projects:
                    projects[n] = make_project(work / f"t{n}", n)
                results["serve"][str(n)] = bench_serve(projects[n], f"synthetic, {n:,} terms", "t00001")
        if "pdf" in what:
            real = real_project(work)
            edition = __import__("handbook.core.settings", fromlist=["read"]).read(real / "mkdocs.yml").edition
            results["cold_build"] = bench_cold_build(real)
            results["pdf"] = {"real": bench_pdf(real, f"real {edition} ({real_terms()} terms)")}
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
