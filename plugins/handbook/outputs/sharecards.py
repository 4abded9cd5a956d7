"""Share images: a 1200×630 card per term and case (title, one-sentence summary, site name), drawn
with Pillow in the Noto CJK font of the page's script, and one card for the site's other pages.

Link previews (WeChat, Open Graph, Twitter) show these. Cards are cached by content in
`.cache/cards/` as JPEG files: a card is drawn again only when its text, its script or this module's layout
(`LAYOUT`) changes; otherwise the build copies the cached file.
"""
from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
LAYOUT = "3"
SUFFIX = ".jpg"
MIME = "image/jpeg"
"""Bump when the drawing changes, so cached cards are drawn again."""
FONT_DIRS = (Path("/usr/share/fonts/opentype/noto"), Path("/usr/share/fonts/truetype/noto"))
FACE = {"zh-Hans": "Noto Sans CJK SC", "zh-Hant": "Noto Sans CJK TC"}
INK, MUTED, ACCENT, PAPER = (33, 33, 33), (94, 94, 94), (0, 124, 111), (255, 255, 255)
MARGIN = 80
_NO_LINE_START = set("，。、；：！？）》」』】”’…—·,.;:!?)")


class FontMissingError(RuntimeError):
    """The Noto CJK fonts are not installed (Debian package fonts-noto-cjk)."""


@dataclass(frozen=True)
class Card:
    """What one card shows, already in its script."""

    script: str
    title: str
    summary: str
    footer: str
    label: str = ""
    """A small tag above the title (术语, 案例), or empty."""

    def key(self) -> str:
        """The cache key: the text, the script and the layout version."""
        text = "\x1f".join((LAYOUT, self.script, self.title, self.summary, self.footer, self.label))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


@cache
def font(script: str, weight: str, size: int) -> ImageFont.FreeTypeFont:
    """Noto Sans CJK of a script (SC or TC forms) in "Regular" or "Bold"."""
    for folder in FONT_DIRS:
        path = folder / f"NotoSansCJK-{weight}.ttc"
        if path.exists():
            for index in range(10):
                face = ImageFont.truetype(str(path), size, index=index)
                if face.getname()[0] == FACE[script]:
                    return face
    raise FontMissingError(f"找不到字体 {FACE[script]} {weight}（Debian 软件包 fonts-noto-cjk）")


def wrap(text: str, face: ImageFont.FreeTypeFont, width: int, max_lines: int) -> list[str]:
    """Lines of at most `width` pixels, broken between characters (not before closing punctuation);
    the last line ends with “…” when the text does not fit. A line's width is the sum of its
    characters' advances (measured once per font and character)."""
    advance = _advances(face)
    lines: list[str] = []
    line, used = "", 0.0
    for ch in text:
        w = advance(ch)
        if used + w <= width or not line or ch in _NO_LINE_START:
            line, used = line + ch, used + w
            continue
        lines.append(line)
        line, used = ch, w
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and sum(map(advance, last + "…")) > width:
            last = last[:-1]
        lines = lines[:max_lines - 1] + [last + "…"]
    return lines


@cache
def _advances(face: ImageFont.FreeTypeFont) -> Callable[[str], float]:
    """A memoised advance width per character of one font."""
    return cache(face.getlength)


def draw(card: Card) -> Image.Image:
    """The card as an image."""
    img = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    pen = ImageDraw.Draw(img)
    pen.rectangle((0, 0, 24, HEIGHT), fill=ACCENT)
    text_width = WIDTH - 2 * MARGIN
    y = 70
    if card.label:
        small = font(card.script, "Regular", 30)
        pen.text((MARGIN, y), card.label, font=small, fill=ACCENT)
        y += 56
    size = 84
    title_font = font(card.script, "Bold", size)
    while size > 48 and len(wrap(card.title, title_font, text_width, 3)) > 1:
        size -= 12
        title_font = font(card.script, "Bold", size)
    for line in wrap(card.title, title_font, text_width, 2):
        pen.text((MARGIN, y), line, font=title_font, fill=INK)
        y += int(size * 1.3)
    y += 24
    body = font(card.script, "Regular", 38)
    for line in wrap(card.summary, body, text_width, 4 if y < 260 else 3):
        pen.text((MARGIN, y), line, font=body, fill=MUTED)
        y += 58
    pen.line((MARGIN, HEIGHT - 110, WIDTH - MARGIN, HEIGHT - 110), fill=(224, 224, 224), width=2)
    pen.text((MARGIN, HEIGHT - 88), card.footer, font=font(card.script, "Bold", 32), fill=ACCENT)
    return img


class CardWriter:
    """Writes cards into a site, drawing each only when the cache does not have it yet."""

    def __init__(self, cache_dir: Path) -> None:
        self.cache_dir = cache_dir
        self.drawn = 0
        self.reused = 0

    def cached(self, card: Card) -> Path:
        """The card's image in the cache, drawn now if missing."""
        path = self.cache_dir / f"{card.key()}{SUFFIX}"
        if path.exists():
            self.reused += 1
            return path
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        draw(card).save(tmp, "JPEG", quality=85)  # about twice as fast as PNG, about as small
        tmp.replace(path)
        self.drawn += 1
        return path

    def write(self, cards: Iterable[tuple[Path, Card]]) -> None:
        """Each card at its target path."""
        for target, card in cards:
            source = self.cached(card)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)  # a copy, not a link: the site never aliases the cache
