"""Frames drawn with Pillow: cover, chapter and end cards, and the subtitle frame of one cue.

Layout for 1080×1920 with safe margins for the apps' overlays: nothing important in the top 12 %,
the bottom 22 % or the outer 8 % on each side. Subtitles: at most two lines, large, white on a dark band.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from PIL import Image, ImageDraw, ImageFont

from ..errors import ConfigError

WIDTH, HEIGHT = 1080, 1920
SIDE = 88  #: 8 % side margin
TOP = 240  #: 12.5 % top margin
SUBTITLE_BOX = (SIDE, 1180, WIDTH - SIDE, 1480)  #: where the cues are drawn (above the bottom 22 %)
SUBTITLE_SIZE = 64
BACKGROUND = (18, 18, 24)
WHITE = (255, 255, 255)
SOFT = (200, 200, 210)


@dataclass(frozen=True)
class Style:
    font_file: str
    font_family: str
    brand: tuple[int, int, int]


@lru_cache(maxsize=64)
def font(style: Style, size: int) -> ImageFont.FreeTypeFont:
    """The style's font at ``size`` px (the right face of a .ttc collection is found by its family name)."""
    for index in range(16):
        try:
            face = ImageFont.truetype(style.font_file, size, index=index)
        except OSError:
            break
        if face.getname()[0] == style.font_family:
            return face
    raise ConfigError(f"font '{style.font_family}' not found in {style.font_file} (extra.casecast.video.font_file / font_family); "
                      "install it with `apt-get install fonts-noto-cjk`")


def wrap(text: str, face: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Lines of ``text`` no wider than ``width`` (Chinese breaks between any two characters)."""
    lines, line = [], ""
    for char in text:
        if face.getlength(line + char) > width and line:
            lines.append(line)
            line = char.lstrip()
        else:
            line += char
    return [*lines, line] if line else lines


def _canvas(style: Style) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH, 24), fill=style.brand)
    return image, draw


def _lines(draw: ImageDraw.ImageDraw, lines: Sequence[str], face: ImageFont.FreeTypeFont, top: int, fill, spacing: float = 1.35) -> int:
    step = round(face.size * spacing)
    for line in lines:
        draw.text((WIDTH // 2, top), line, font=face, fill=fill, anchor="ma")
        top += step
    return top


def draw_background(style: Style, series: str, title: str) -> Image.Image:
    """What shows behind the subtitles: the series and the episode's title near the top."""
    image, draw = _canvas(style)
    top = _lines(draw, [series], font(style, 44), TOP, style.brand)
    _lines(draw, wrap(title, font(style, 56), WIDTH - 2 * SIDE)[:3], font(style, 56), top + 30, SOFT)
    return image


def draw_subtitle(background: Image.Image, style: Style, lines: Sequence[str]) -> Image.Image:
    """``background`` with one cue (at most two lines) in the subtitle box."""
    image = background.copy()
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle(SUBTITLE_BOX, radius=24, fill=(0, 0, 0))
    face = font(style, SUBTITLE_SIZE)
    height = round(SUBTITLE_SIZE * 1.4) * len(lines)
    middle = (SUBTITLE_BOX[1] + SUBTITLE_BOX[3]) // 2
    _lines(draw, lines, face, middle - height // 2, WHITE, 1.4)
    return image


def draw_cover(style: Style, *, series: str, episode: int | None, title: str, organisation: str, safety_line: str) -> Image.Image:
    image, draw = _canvas(style)
    top = _lines(draw, [series + (f" · 第{episode}期" if episode else "")], font(style, 56), TOP + 120, style.brand)
    top = _lines(draw, wrap(title, font(style, 88), WIDTH - 2 * SIDE)[:4], font(style, 88), top + 80, WHITE, 1.3)
    _lines(draw, [safety_line], font(style, 52), max(top + 100, 1180), (255, 214, 102))
    _lines(draw, [organisation], font(style, 48), 1420, SOFT)
    return image


def draw_chapter_card(style: Style, *, series: str, title: str) -> Image.Image:
    image, draw = _canvas(style)
    draw.rectangle((SIDE, 860, SIDE + 12, 1060), fill=style.brand)
    _lines(draw, [series], font(style, 44), 760, SOFT)
    _lines(draw, wrap(title, font(style, 96), WIDTH - 2 * SIDE - 40)[:2], font(style, 96), 900, WHITE)
    return image


def draw_end_card(style: Style, *, organisation: str, hotlines: Sequence[tuple[str, str]], safety_line: str) -> Image.Image:
    image, draw = _canvas(style)
    top = _lines(draw, [safety_line], font(style, 64), TOP + 200, (255, 214, 102))
    top += 80
    for label, number in hotlines:
        top = _lines(draw, [label], font(style, 48), top, SOFT)
        top = _lines(draw, [number], font(style, 110), top, WHITE, 1.2) + 30
    _lines(draw, [organisation], font(style, 48), max(top + 40, 1400), SOFT)
    return image
