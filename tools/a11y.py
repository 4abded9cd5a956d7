"""Accessibility audit of a built site with axe-core in Chromium (Debian's, driven by Playwright).

axe-core comes from the npm registry (`package.json` + `package-lock.json` at the repository root,
installed into `node_modules/` by the set-up of `scripts/test`); it is injected into each page.

    .venv/bin/python tools/a11y.py site/            # counts per page, width and impact
    .venv/bin/python tools/a11y.py site/ --details  # every serious or critical node
"""
from __future__ import annotations

import argparse
import contextlib
import functools
import json
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = ((1280, 900), (390, 844))
KEY_PAGES = ("", "terms/", "categories/", "terms/siyu/", "cases/maoye-baihuo/", "changelog/")
"""Home, the A–Z index, categories, a term, a case and the changelog (and their zh-Hant twins)."""
SERIOUS = ("serious", "critical")


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """A local HTTP server for `site`; yields its base URL."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()


def key_pages() -> list[str]:
    """The audited pages in both scripts."""
    return [*KEY_PAGES, *(f"zh-Hant/{p}" for p in KEY_PAGES)]


def audit(browser: Any, base: str, pages: list[str], widths: tuple[tuple[int, int], ...] = WIDTHS,
          color_scheme: str = "light") -> list[dict[str, Any]]:
    """axe-core's violations (WCAG 2.x A and AA, best practices) of every page at every width:
    one dict per (page, width, rule) with the rule id, impact and the failing nodes' selectors.
    `color_scheme` "dark" shows Material's slate palette (the reader's system preference)."""
    if not AXE.exists():
        raise FileNotFoundError(f"{AXE} is missing: run `npm ci` (scripts/test does it)")
    script = AXE.read_text("utf-8")
    out: list[dict[str, Any]] = []
    for width, height in widths:
        context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN",
                                      is_mobile=width < 600, has_touch=width < 600, color_scheme=color_scheme)
        page = context.new_page()
        for path in pages:
            page.goto(f"{base}/{path}")
            page.wait_for_load_state("load")
            page.add_script_tag(content=script)
            result = page.evaluate("""async () => {
                const r = await axe.run(document, {resultTypes: ["violations"]});
                return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.map(n => ({target: n.target.join(" "), summary: n.failureSummary}))}));
            }""")
            for violation in result:
                out.append({"page": path, "width": width, **violation})
        context.close()
    return out


def launch(playwright: Any) -> Any:
    """Debian's Chromium, headless."""
    return playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                      args=["--no-sandbox", "--disable-gpu", "--no-first-run"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--details", action="store_true")
    parser.add_argument("--json", type=Path, help="write every violation to this file")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p, serve(args.site) as base:
        browser = launch(p)
        found = audit(browser, base, key_pages())
        browser.close()
    totals: dict[str, int] = {}
    for v in found:
        totals[v["impact"]] = totals.get(v["impact"], 0) + len(v["nodes"])
        print(f"{v['page'] or '/'} @{v['width']}: {v['impact']} {v['id']} × {len(v['nodes'])}")
        if args.details and v["impact"] in SERIOUS:
            for node in v["nodes"][:5]:
                print(f"    {node['target']}: {node['summary'].splitlines()[-1] if node['summary'] else ''}")
    print("nodes by impact:", json.dumps(totals, sort_keys=True))
    if args.json:
        args.json.write_text(json.dumps(found, ensure_ascii=False, indent=1), "utf-8")
    return 1 if any(v["impact"] in SERIOUS for v in found) else 0


if __name__ == "__main__":
    sys.exit(main())
