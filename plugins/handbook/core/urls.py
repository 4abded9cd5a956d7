"""Site URLs of the handbook's pages and relative links between them (directory URLs)."""
from __future__ import annotations

import posixpath

from handbook.core.model import CATEGORIES, Entry

TERMS_INDEX = "terms/"
CASES_INDEX = "cases/"
CATEGORIES_INDEX = "categories/"
CHANGELOG = "changelog/"
RULES = "rules/"
PRINT = "print/"
DOWNLOADS = "downloads/"
HANT_PREFIX = "zh-Hant/"


def entry_url(entry: Entry) -> str:
    """`terms/<id>/` or `cases/<id>/`."""
    return f"{entry.kind}s/{entry.id}/"


def category_url(category: str) -> str:
    """`categories/<slug>/` for a category name."""
    return f"{CATEGORIES_INDEX}{CATEGORIES[category]}/"


def relative_url(target: str, page: str) -> str:
    """`target` (site-root-relative, may carry `#anchor`) as seen from the page at URL `page`."""
    if "#" not in target and ".." not in target and (not page or page.endswith("/")):
        # the common case, without posixpath: directory URLs inside the site
        here = page.split("/")[:-1] if page else []
        there = target.split("/")
        common = 0
        while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
            common += 1
        rel = "../" * (len(here) - common) + "/".join(there[common:])
        return rel or "./"
    path, _, anchor = target.partition("#")
    base = page if page.endswith("/") or not page else posixpath.dirname(page) + "/"
    rel = posixpath.relpath(path or ".", base.rstrip("/") or ".")
    if (path.endswith("/") or not path) and not rel.endswith("/"):
        rel += "/"
    if rel == "./" and anchor:
        rel = ""
    return rel + (f"#{anchor}" if anchor else "")
