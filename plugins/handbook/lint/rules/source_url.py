"""出处网址必须是完整、安全的链接：有主机名，不带用户名密码和跟踪参数（utm_*、spm、fbclid 等）。

只接受 http 和 https（javascript:、data:、ftp: 等由 schema 拒绝）；原文有 https 地址时优先写 https。

Pass::

    url: https://mp.weixin.qq.com/s/abc123

Fail::

    url: https://mp.weixin.qq.com/s/abc123?utm_source=wechat&spm=a1.b2
"""
from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import parse_qsl, urlsplit

from handbook.core.frontmatter import Document
from handbook.core.problems import Level, Problem
from handbook.lint.context import Context

ID = "source-url"
LEVEL = Level.ERROR
SCOPE = "file"
BUILD = True
TRACKING = ("utm_", "spm", "fbclid", "gclid", "mc_", "share_token", "sharer_", "scene", "from", "isappinstalled")


def check(doc: Document, ctx: Context) -> Iterable[Problem]:
    sources = (doc.data or {}).get("sources")
    if not isinstance(sources, list):
        return
    for i, src in enumerate(sources):
        url = src.get("url") if isinstance(src, dict) else None
        if not isinstance(url, str):
            continue
        at = ("sources", i, "url")
        try:
            parts = urlsplit(url.strip())
        except ValueError:
            yield doc.problem(ID, LEVEL, f"网址无法解析：{url}", "检查括号和特殊字符", at=at)
            continue
        if parts.scheme.lower() not in ("http", "https"):
            continue  # the schema requires http(s):// and reports it
        if not parts.hostname or "." not in parts.hostname or parts.username or parts.password:
            yield doc.problem(ID, LEVEL, f"网址缺少有效的主机名：{url}", "写出完整网址，如 https://example.com/…", at=at)
            continue
        tracking = [k for k, _ in parse_qsl(parts.query, keep_blank_values=True) if k.lower().startswith(TRACKING)]
        if tracking:
            yield doc.problem(ID, LEVEL, f"网址带有跟踪参数：{'、'.join(tracking)}", "删去这些参数，只保留能打开原文的部分", at=at)
