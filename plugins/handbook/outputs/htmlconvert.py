"""The Traditional site derived from the Simplified one: each rendered page converted, not built twice.

The site is rendered once, in Simplified, with the editors' protected spans still marked in the text
(KEEP sentinels, see `core.variants`). `PageConverter.page` turns such a page into the same page of
another script, living under `prefix` (`zh-Hant/`) with the same relative path:

- text between tags, and the human-readable attributes (`title`, `alt`, `aria-label`, `placeholder`,
  and the `content` of description and share meta tags), are converted; `code`, `pre`, `kbd`, `samp`,
  `script`, `style` and `svg` content is left as written; protected spans keep their form;
- `<html lang>` becomes the target script; JSON-LD is converted (names, descriptions) and its own URLs
  move under `prefix`, and so do the canonical link and `og:url`;
- relative links keep working from one directory deeper: links to pages point at the same page in
  the target script, links to files (stylesheets, scripts, images, downloads) at the one shared copy
  at the site root, links marked with the source script's `hreflang` (the language switch) at the
  source page; `aria-current` follows the page's script;
- JSON in other `<script>` elements can be handed to a callback (Material's `__config`).

Text segments repeat across pages (navigation, header, footer): conversions are remembered, so the
cost per page is mostly the page's own prose.
"""
from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from handbook.core.urls import relative_url
from handbook.core.variants import HANS, Variant, strip_sentinels

_TOKEN = re.compile(r"<!--.*?-->|<![^>]*>|<(/?)([a-zA-Z][\w:-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>", re.S)
_ATTR = re.compile(r"""([^\s"'=<>/]+)(?:(\s*=\s*)("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")
_SKIP = frozenset({"code", "pre", "kbd", "samp", "svg", "math", "textarea"})
_RAW = frozenset({"script", "style"})
_TEXT_ATTRS = frozenset({"title", "alt", "aria-label", "placeholder"})
_META_TEXT = frozenset({"description", "og:title", "og:description", "og:site_name", "og:image:alt",
                        "twitter:title", "twitter:description", "twitter:image:alt"})
_META_IMAGE = frozenset({"og:image", "og:image:url", "og:image:secure_url", "twitter:image"})
_URL_ATTRS = frozenset({"href", "src", "poster", "data"})
_JSON_LD_KEEP = frozenset({"@context", "@type", "@id", "url", "termCode", "inLanguage", "sameAs", "image",
                           "contentUrl", "encodingFormat", "dateModified", "datePublished"})

JsonHook = Callable[["PageConverter", str, str], str]
"""A callback for `<script>` JSON: (converter, the page URL, the JSON text) → new JSON text."""


class PageConverter:
    """Converts the rendered pages of the source site into another script's site under `prefix`."""

    def __init__(self, variant: Variant, site_url: str, prefix: str, *, own_files: tuple[str, ...] = (),
                 json_hooks: dict[str, JsonHook] | None = None, source_lang: str = HANS,
                 locales: tuple[str, str] = ("zh_CN", "zh_TW")) -> None:
        self.variant = variant
        self.site_url = site_url.rstrip("/") + "/" if site_url else ""
        self.prefix = prefix
        self.own_files = own_files
        """Site paths the target script has its own copy of (its search index), not shared ones."""
        self.json_hooks = json_hooks or {}
        """Callbacks by `<script>` id."""
        self.source_lang = source_lang
        self.locales = locales
        """Open Graph locales of the source and target scripts (`og:locale`, `og:locale:alternate`)."""
        self._memo: dict[str, str] = {}

    # -- pieces ---------------------------------------------------------------------------------

    def text(self, text: str) -> str:
        """A text node or attribute value in the target script (memoised)."""
        done = self._memo.get(text)
        if done is None:
            done = self.variant.convert_resolved(text) if _needs_conversion(text) else strip_sentinels(text)
            if len(text) <= 200:
                self._memo[text] = done
        return done

    def absolute(self, url: str) -> str:
        """An absolute URL of a source page as the URL of the same page in the target script."""
        if self.site_url and url.startswith(self.site_url) and not url.startswith(self.site_url + self.prefix):
            return self.site_url + self.prefix + url[len(self.site_url):]
        return url

    def absolute_file(self, url: str) -> str:
        """An absolute URL of a source file the target script has its own copy of (share images)
        as that copy's URL; other URLs as they are."""
        if self.site_url and url.startswith(self.site_url):
            path = url[len(self.site_url):]
        elif url.startswith("/"):
            path = url[1:]
        else:
            return url
        if any(path.startswith(p) for p in self.own_files):
            return url[: len(url) - len(path)] + self.prefix + path
        return url

    def relative(self, href: str, page_url: str, *, keep_target: bool = False) -> str:
        """A relative URL of the source page `page_url` as seen from the target page."""
        if not href or href.startswith(("#", "//", "data:", "mailto:", "javascript:")) or "://" in href:
            return href
        if href.startswith("/"):  # a path from the server root (the 404 page): pages move under prefix
            root = urlsplit(self.site_url).path or "/"
            path = href[len(root):] if href.startswith(root) else None
            if path is None or keep_target or path.startswith(self.prefix) or not _is_page(path.split("#")[0]):
                return href
            return root + self.prefix + (path[2:] if path.startswith("./") else "" if path == "." else path)
        path, sep, anchor = href.partition("#")
        base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url) + "/"
        target = posixpath.normpath(posixpath.join(base, path)) if path else page_url.rstrip("/")
        if target in (".", ""):
            target = ""
        elif path.endswith("/") or not path or posixpath.basename(path) in (".", ".."):
            target += "/"
        if target.startswith(".."):
            return href  # outside the site: as written
        inside_target_site = target.startswith(self.prefix)
        is_page = _is_page(target)
        own = any(target.startswith(p) for p in self.own_files)
        if keep_target or inside_target_site or not (is_page or own):
            where = target  # the same file for both scripts (or the source page itself)
        else:
            where = self.prefix + target
        rel = relative_url(where or "./", self.prefix + page_url)
        return (rel or "./") + (sep + anchor if sep else "")

    def json_ld(self, text: str) -> str:
        """JSON-LD in the target script: readable strings converted, its own URLs moved."""
        try:
            data = json.loads(text)
        except ValueError:
            return text

        def walk(node: Any, key: str = "") -> Any:
            if isinstance(node, dict):
                return {k: walk(v, k) for k, v in node.items()}
            if isinstance(node, list):
                return [walk(v, key) for v in node]
            if isinstance(node, str):
                if key == "inLanguage" and node == self.source_lang:
                    return self.variant.code
                if key in ("@id", "url"):
                    return self.absolute(node)
                if key == "image":
                    return self.absolute_file(node)
                return node if key in _JSON_LD_KEEP else self.text(node)
            return node

        out = json.dumps(walk(data), ensure_ascii=False, sort_keys=True)
        return out.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")

    # -- a whole page ---------------------------------------------------------------------------

    def page(self, html: str, page_url: str) -> str:
        """A rendered page (source script, KEEP markers included) as the target script's page."""
        out: list[str] = []
        pos = 0
        skip_depth = 0
        for m in _TOKEN.finditer(html):
            if m.start() < pos:
                continue  # inside a raw-text element already copied
            if m.start() > pos:
                segment = html[pos:m.start()]
                out.append(strip_sentinels(segment) if skip_depth else self.text(segment))
            closing, name, attrs = m.group(1), (m.group(2) or "").lower(), m.group(3) or ""
            pos = m.end()
            if not name:  # comment or doctype
                out.append(m.group(0))
                continue
            if closing:
                if name in _SKIP and skip_depth:
                    skip_depth -= 1
                out.append(m.group(0))
                continue
            out.append(self._tag(name, attrs, page_url, m.group(0)))
            if name in _RAW:
                end = html.find(f"</{name}", pos)
                end = len(html) if end < 0 else end
                out.append(self._raw(name, attrs, html[pos:end], page_url))
                pos = end
            elif name in _SKIP and not attrs.rstrip().endswith("/"):
                skip_depth += 1
        out.append(self.text(html[pos:]) if not skip_depth else strip_sentinels(html[pos:]))
        return "".join(out)

    def _raw(self, name: str, attrs: str, body: str, page_url: str) -> str:
        """The content of a `<script>` or `<style>` element."""
        if name != "script":
            return body
        values = dict(_attributes(attrs))
        kind = (values.get("type") or "").lower()
        if kind == "application/ld+json":
            return self.json_ld(body)
        hook = self.json_hooks.get(values.get("id") or "")
        return hook(self, page_url, body) if hook else body

    def _tag(self, name: str, attrs: str, page_url: str, original: str) -> str:
        if not attrs.strip():
            return original
        pairs = list(_attributes(attrs))
        values = dict(pairs)
        meta_key = (values.get("name") or values.get("property") or "") if name == "meta" else ""
        rel = (values.get("rel") or "").split()
        hreflang = values.get("hreflang")
        changed = False
        out: list[tuple[str, str | None]] = []
        for key, value in pairs:
            new = value
            if value is not None:
                if key in _TEXT_ATTRS or (key == "content" and meta_key in _META_TEXT):
                    new = self.text(value)
                elif name == "html" and key == "lang" and value == self.source_lang:
                    new = self.variant.code
                elif key in _URL_ATTRS and "canonical" in rel or key == "content" and meta_key == "og:url":
                    new = self.absolute(value)
                elif key == "content" and meta_key in _META_IMAGE:
                    new = self.absolute_file(value)
                elif key == "content" and meta_key in ("og:locale", "og:locale:alternate"):
                    new = {self.locales[0]: self.locales[1], self.locales[1]: self.locales[0]}.get(value, value)
                elif key in _URL_ATTRS:
                    new = self.relative(value, page_url, keep_target=hreflang == self.source_lang)
            if key == "aria-current" and name == "a" and hreflang:
                changed = True
                continue  # set again below, on the target script's own link
            changed = changed or new != value
            out.append((key, new))
        if name == "a" and hreflang == self.variant.code and ("aria-current" in values or _is_switch(values)):
            out.append(("aria-current", "true"))
            changed = True
        if not changed:
            return original
        rendered = "".join(f' {k}="{v}"' if v is not None else f" {k}" for k, v in out)
        end = "/>" if attrs.rstrip().endswith("/") else ">"
        return f"<{name}{rendered}{end}"


def _is_page(path: str) -> bool:
    """True for a page's URL (a directory URL or an .html file), False for other files."""
    return path in ("", ".") or path.endswith("/") or path.endswith(".html")


def _is_switch(values: dict[str, str | None]) -> bool:
    return "hb-switch" in (values.get("class") or "").split()


def _attributes(attrs: str) -> list[tuple[str, str | None]]:
    """(name, value) pairs of a start tag's attribute text; values keep their HTML escapes."""
    out: list[tuple[str, str | None]] = []
    for m in _ATTR.finditer(attrs.rstrip("/")):
        raw = m.group(3)
        if raw is None:
            out.append((m.group(1).lower(), None))
        else:
            value = raw[1:-1] if raw[:1] in "\"'" else raw
            out.append((m.group(1).lower(), value.replace('"', "&quot;")))
    return out


_CJK_OR_MARK = re.compile("[\u3000-\u9fff\uf900-\ufaff\ue000-\ue003\uff00-\uffef\U00020000-\U0002fa1f]")


def _needs_conversion(text: str) -> bool:
    """False for text without Chinese (or markers): whitespace, ASCII, numbers are left as they are."""
    return bool(_CJK_OR_MARK.search(text))
