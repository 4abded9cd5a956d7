"""Find every broken internal link or anchor in a built site (both scripts), without a browser."""
from __future__ import annotations

import posixpath
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


@dataclass(frozen=True)
class BrokenLink:
    """A link in `page` to `href` that leads nowhere (missing file or missing anchor)."""

    page: str
    href: str
    reason: str

    def format(self) -> str:
        return f"{self.page}: {self.href} — {self.reason}"


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for key in ("id", "name"):
            if values.get(key) and (key == "id" or tag == "a"):
                self.ids.add(values[key] or "")
        for key in ("href", "src"):
            if values.get(key) and not (tag == "link" and values.get("rel") in ("canonical", "alternate")
                                        and str(values.get(key, "")).startswith("http")):
                self.links.append(values[key] or "")


def _parse(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text("utf-8", errors="replace"))
    return collector


def check_site(site_dir: Path, base_path: str = "/") -> list[BrokenLink]:
    """Every internal href/src in every HTML page that points at a missing file or anchor.

    `base_path` is where the site is served (the path of `site_url`): absolute links start there.
    """
    pages = {p.relative_to(site_dir).as_posix(): p for p in site_dir.rglob("*.html")}
    parsed = {rel: _parse(path) for rel, path in pages.items()}
    broken: list[BrokenLink] = []
    for rel, info in sorted(parsed.items()):
        base = posixpath.dirname(rel)
        for href in info.links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith(("mailto:", "data:", "javascript:")):
                continue
            path = unquote(parts.path)
            if path.startswith("/"):
                if not path.startswith(base_path):
                    broken.append(BrokenLink(rel, href, "指向网站之外"))
                    continue
                path = "/" + path[len(base_path):]
                target = posixpath.normpath(path.lstrip("/") or ".")
            else:
                target = rel if not path else posixpath.normpath(posixpath.join(base, path))
            if target.startswith(".."):
                broken.append(BrokenLink(rel, href, "指向网站之外"))
                continue
            file = site_dir / target
            if file.is_dir() or path.endswith("/"):
                target = posixpath.join(target, "index.html") if target != "." else "index.html"
                file = site_dir / target
            if not file.exists():
                broken.append(BrokenLink(rel, href, "文件不存在"))
                continue
            if parts.fragment and target.endswith(".html"):
                ids = parsed[target].ids if target in parsed else _parse(file).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(BrokenLink(rel, href, f"页面中没有锚点 #{unquote(parts.fragment)}"))
    return broken
