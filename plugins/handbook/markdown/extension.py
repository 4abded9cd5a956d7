"""The handbook's Python-Markdown extension: protected spans, term linking, script conversion.

Order in the Markdown pipeline (treeprocessor priorities):
- inline `-{…}-` protected spans (inline priority 185, below code spans so code keeps them);
- term linking at 7 (after `inline` 20 and `attr_list` 8), see `linking.py`;
- script conversion at 3 (after `toc` 5, so ids and slugs come from the Simplified text; before
  MkDocs' title extraction 1), which also converts the TOC's titles.
The extension holds per-build state; the adapter tells it which page is being rendered.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from handbook.core.variants import MARKUP, Variant, resolve_markup

NO_CONVERT_TAGS = frozenset({"code", "pre", "script", "style", "kbd", "samp"})
CONVERTED_ATTRIBUTES = ("title", "alt", "aria-label")


class ProtectedSpanProcessor(InlineProcessor):
    """`-{原文}-` and `-{zh-hans:…;zh-hant:…}-`: the variant's text, KEEP-delimited and atomic."""

    def __init__(self, variant: Variant) -> None:
        super().__init__(MARKUP.pattern)
        self.variant = variant

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[str, int, int]:  # type: ignore[override]  # noqa: N802
        return AtomicString(resolve_markup(m.group(0), self.variant.region)), m.start(0), m.end(0)


def walk_text(root: etree.Element, visit: Callable[[str], str], *, skip: frozenset[str]) -> None:
    """Apply `visit` to every text and tail outside `skip` elements (tails of skipped ones too)."""
    stack: list[tuple[etree.Element, bool]] = [(root, False)]
    while stack:
        el, inside = stack.pop()
        skipped = inside or el.tag in skip
        if el.text and not skipped:
            el.text = _same_type(el.text, visit(el.text))
        for child in el:
            if child.tail and not skipped:
                child.tail = _same_type(child.tail, visit(child.tail))
            stack.append((child, skipped))


def _same_type(old: str, new: str) -> str:
    return AtomicString(new) if isinstance(old, AtomicString) else new


class ConvertTreeprocessor(Treeprocessor):
    """Converts text nodes, human-readable attributes and TOC titles to the page's variant."""

    def __init__(self, md: Markdown, variant: Variant) -> None:
        super().__init__(md)
        self.variant = variant

    def run(self, root: etree.Element) -> None:
        convert = self.variant.convert_resolved
        self._convert_in_one_call(root)  # Simplified: only the markers are stripped
        for token in _flatten(getattr(self.md, "toc_tokens", [])):
            token["name"] = convert(token["name"])
            if "html" in token:
                token["html"] = convert(token["html"])
            if "data-toc-label" in token:
                token["data-toc-label"] = convert(token["data-toc-label"])


    def _convert_in_one_call(self, root: etree.Element) -> None:
        """Convert every text node and readable attribute of the page with one OpenCC call."""
        texts: list[str] = []

        def collect(text: str) -> str:
            texts.append(text)
            return text

        walk_text(root, collect, skip=NO_CONVERT_TAGS)
        attrs = [(el, name) for el in root.iter() for name in CONVERTED_ATTRIBUTES if el.get(name)]
        pieces = texts + [resolve_markup(el.get(name) or "", self.variant.region) for el, name in attrs]
        if not pieces:
            return
        converted = iter(self.variant.convert_many(pieces))
        walk_text(root, lambda _: next(converted), skip=NO_CONVERT_TAGS)
        for el, name in attrs:
            el.set(name, next(converted))


def _flatten(tokens: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for token in tokens:
        out.append(token)
        out.extend(_flatten(token.get("children", [])))
    return out


class HandbookExtension(Extension):
    """Registers the handbook's processors for one variant; `linker` is optional."""

    def __init__(self, variant: Variant, linker: Any = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.variant = variant
        self.linker = linker

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown API)
        md.inlinePatterns.register(ProtectedSpanProcessor(self.variant), "handbook_protected", 185)
        if self.linker is not None:
            md.inlinePatterns.register(self.linker.inline_processor(md), "handbook_reference", 175)
            md.treeprocessors.register(self.linker.treeprocessor(md), "handbook_link", 7)
        md.treeprocessors.register(ConvertTreeprocessor(md, self.variant), "handbook_convert", 3)

