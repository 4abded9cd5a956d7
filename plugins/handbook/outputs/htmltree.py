"""A small element tree of sanitised HTML fragments, for the outputs that are not HTML pages.

The print book's bodies are rendered once, as HTML (Markdown → linker → sanitiser); the Typst book
and the EPUB walk this tree instead of re-parsing Markdown, so every output shows the same content.
The fragments come from the sanitiser's allowlist, so a plain `html.parser` is enough.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from html import escape
from html.parser import HTMLParser

VOID = frozenset({"br", "hr", "img", "col", "wbr"})


@dataclass
class Node:
    """An element (`tag`, `attrs`, `children`) or a text node (`tag` is empty, `text` holds it)."""

    tag: str = ""
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node] = field(default_factory=list)
    text: str = ""

    def plain(self) -> str:
        """The text content, markup dropped."""
        return self.text if not self.tag else "".join(c.plain() for c in self.children)


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("root")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(Node(text=data))


@lru_cache(maxsize=4096)
def parse(html: str) -> Node:
    """The fragment as a tree under a `root` node. Parsed once per fragment (the PDF and the EPUB
    of a book walk the same bodies): the tree is shared, so callers never change it."""
    builder = _Builder()
    builder.feed(html)
    builder.close()
    return builder.root


def xhtml(node: Node) -> str:
    """The tree as well-formed XHTML (void elements closed, attributes quoted and escaped)."""
    if not node.tag:
        return escape(node.text, quote=False)
    inner = "".join(xhtml(c) for c in node.children)
    return inner if node.tag == "root" else element(node.tag, node.attrs, inner)


def element(tag: str, attrs: dict[str, str], inner: str) -> str:
    """One XHTML element around already serialised content (void elements closed)."""
    rendered = "".join(f' {k}="{escape(v)}"' for k, v in attrs.items())
    if tag in VOID:
        return f"<{tag}{rendered}/>"
    return f"<{tag}{rendered}>{inner}</{tag}>"
