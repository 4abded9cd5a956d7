"""What is specific to Material for MkDocs: its `__config` JSON in the converted pages, and one fix to
its bundle.

Material's bundle fetches `sitemap.xml` under the `href` of every `<link rel="alternate">` in the
page head, to send a click on a language link to the same page in the other language. Our language
links already point at the same page, and their targets are pages, not site roots: every page would
download both scripts' sitemaps (160 KB on the home page) and term pages would ask for
`terms/<id>/sitemap.xml`, which does not exist (two 404s). The bundle is served with that selector
narrowed to links marked `data-md-sitemap`, which no page has. The readers' search is the
handbook's own (`outputs/search.py`, `hb-search.js`): Material's search plugin is not used.
"""
from __future__ import annotations

import json
import logging
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from handbook.outputs.htmlconvert import PageConverter

log = logging.getLogger("mkdocs.plugins.handbook")
BUNDLE = re.compile(r"^assets/javascripts/bundle\.[0-9a-f]+\.min\.js$")
ALTERNATE_SELECTOR = '"link[rel=alternate]"'
NO_SITEMAP_SELECTOR = '"link[rel=alternate][data-md-sitemap]"'


def patch_bundle(js: str) -> str | None:
    """Material's bundle without the sitemap fetches, or None when its code no longer has that shape."""
    if js.count(ALTERNATE_SELECTOR) != 1 or "sitemap.xml" not in js:
        return None
    return js.replace(ALTERNATE_SELECTOR, NO_SITEMAP_SELECTOR)


def convert_config(converter: PageConverter, page_url: str, text: str) -> str:
    """Material's `__config` JSON in the converted page: its UI strings converted, the worker's
    path pointing at the shared copy, the version selector left to hb-versions.js."""
    try:
        data = json.loads(text)
    except ValueError:
        return text
    translations = data.get("translations")
    if isinstance(translations, dict):
        data["translations"] = {k: converter.text(v) if isinstance(v, str) else v for k, v in translations.items()}
    if isinstance(data.get("search"), str):
        data["search"] = converter.relative(data["search"], page_url)
    if data.get("version"):
        data["version"] = None  # Material's selector assumes <version>/ is the root; see hb-versions.js
    out = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return out.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def patch_material_bundle(files: Files, config: MkDocsConfig) -> None:
    """Serve Material's bundle without the sitemap fetches (see the module docstring)."""
    for file in list(files):
        if BUNDLE.match(file.src_uri):
            patched = patch_bundle(file.content_string)
            if patched is None:
                log.info(f"Material 的脚本 {file.src_uri} 已变化，无法去掉它对 sitemap.xml 的请求；请更新 handbook.adapter.material")
                return
            files.remove(file)
            files.append(File.generated(config, file.src_uri, content=patched))
