"""Make rendered page HTML safe to publish: an allowlist sanitizer (nh3, the Ammonia crate).

Policy (also enforced by the `raw-html` lint rule): editors write Markdown, not HTML. Whatever
reaches a page, from front matter, a body, `attr_list` attributes or a Markdown link, passes this
allowlist: no `<script>`, `<style>`, `<iframe>`, no event handlers (`onerror=`), no `style`
except table alignment, and links only to http(s), mailto or relative URLs (no `javascript:`,
no `data:`).
"""
from __future__ import annotations

from collections.abc import MutableMapping
from html import escape
from typing import Any

import nh3

TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd",
    "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3",
    "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "nav", "ol", "p", "pre", "q",
    "s", "samp", "section", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody",
    "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var",
})
REMOVED_WITH_CONTENT = frozenset({"script", "style", "iframe", "object", "embed", "template",
                                  "noscript", "svg", "math", "form", "textarea", "select"})
ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "dir", "role", "aria-label", "aria-hidden"},
    "a": {"href", "rel", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"style", "colspan", "rowspan", "align"},
    "th": {"style", "colspan", "rowspan", "align", "scope"},
    "ol": {"start"},
    "details": {"open"},
    "div": {"tabindex"},  # a table that scrolls sideways must be reachable by keyboard
    "time": {"datetime"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})


_CLEANER = nh3.Cleaner(
    tags=set(TAGS),
    clean_content_tags=set(REMOVED_WITH_CONTENT),
    attributes={k: set(v) for k, v in ATTRIBUTES.items()},
    url_schemes=set(URL_SCHEMES),
    link_rel=None,
    strip_comments=True,
    filter_style_properties={"text-align"},
)
"""Built once: the allowlist is compiled into the cleaner instead of on every page."""


def clean(html: str) -> str:
    """The page fragment with everything outside the allowlist removed."""
    return _CLEANER.clean(html)


def escape_titles(meta: MutableMapping[str, Any], page: Any) -> None:
    """Escape a page's title and meta strings once: MkDocs and Material print `page.title`,
    `page.meta.title` and `page.meta.description` into HTML (and an attribute) without escaping,
    and here they come from editors' front matter and headings."""
    for key in ("title", "description"):
        if isinstance(meta.get(key), str):
            meta[key] = escape(meta[key])
    if isinstance(getattr(page, "title", None), str):
        page.title = escape(page.title)
