"""Share cards: the 1200x630 image a link preview shows for a page without its own photo.

Page title, site name and the help line, drawn with a font from Debian's
``fonts-dejavu-core`` (installed by ``tests/tools/install.sh``; see the
README's build command). JPEG, not PNG: a card encodes in a few ms instead
of ~100 ms and stays far under WhatsApp's 300 KB; what all cards share is
drawn once. Cached by the hash of everything drawn, like the photos.
"""

from __future__ import annotations

import functools
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from .derive import ENCODES, OG_SIZE, _write

VERSION = "2"
FONT_DIRS = ("/usr/share/fonts/truetype/dejavu",)
FONT_BOLD = "DejaVuSans-Bold.ttf"
FONT_REGULAR = "DejaVuSans.ttf"
# Colours of the theme (00-base.css): dark blue, the help bar's yellow.
INK = (11, 46, 74)
PAPER = (255, 255, 255)
ACCENT = (255, 214, 0)
MARGIN = 72


@dataclass(frozen=True)
class CardText:
    title: str
    site_name: str
    help_line: str  # e.g. "Butuh bantuan? Telepon BNN 184 (24 jam)"


class FontMissing(RuntimeError):
    pass


def find_font(name: str, dirs=None) -> Path:
    for folder in dirs or FONT_DIRS:
        path = Path(folder) / name
        if path.is_file():
            return path
    raise FontMissing(
        f"Huruf {name} tidak ditemukan (paket Debian fonts-dejavu-core: sudo apt-get install fonts-dejavu-core); "
        "kartu bagikan memakai kartu situs sebagai gantinya. / "
        f"Font {name} not found (Debian package fonts-dejavu-core: sudo apt-get install fonts-dejavu-core); "
        "link previews use the site card instead."
    )


def card_digest(text: CardText, font_dirs=None) -> str:
    h = hashlib.sha256(f"v{VERSION}|{OG_SIZE}|{text.title}|{text.site_name}|{text.help_line}".encode())
    for name in (FONT_BOLD, FONT_REGULAR):
        st = find_font(name, font_dirs).stat()
        h.update(f"|{name}:{st.st_size}".encode())
    return h.hexdigest()


def card_file(text: CardText, cache_dir: Path, font_dirs=None) -> Path:
    """The card's JPEG in the cache, drawn only when this exact text was never drawn before."""
    digest = card_digest(text, font_dirs)
    path = Path(cache_dir) / "cards" / f"{digest[:20]}.jpg"
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        _write(path.parent, path.name, render(text, font_dirs))
    return path


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=font) <= width or not line:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


@functools.lru_cache(maxsize=32)
def _font(path: str, size: int):
    return ImageFont.truetype(path, size)


def _fit_title(draw, title: str, font_path: Path, width: int, max_lines: int = 4):
    for size in (68, 60, 52, 46):
        font = _font(str(font_path), size)
        lines = _wrap(draw, title, font, width)
        if len(lines) <= max_lines:
            return font, lines
    lines = lines[:max_lines]
    lines[-1] = lines[-1].rstrip(" .,;:") + "…"
    return font, lines


@functools.lru_cache(maxsize=8)
def _background(site_name: str, help_line: str, font_dirs: tuple) -> Image.Image:
    """Everything but the title, drawn once per build and language (cards differ only in their title)."""
    bold, regular = find_font(FONT_BOLD, font_dirs), find_font(FONT_REGULAR, font_dirs)
    width, height = OG_SIZE
    image = Image.new("RGB", OG_SIZE, INK)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 16, height), fill=ACCENT)
    if site_name:
        draw.text((MARGIN, 56), site_name, font=_font(str(regular), 34), fill=PAPER)
    band = height - 110
    draw.rectangle((16, band, width, height), fill=ACCENT)
    if help_line:
        draw.text((MARGIN, band + 55), help_line, font=_font(str(bold), 40), fill=INK, anchor="lm")
    return image


def render(text: CardText, font_dirs=None) -> bytes:
    image = _background(text.site_name, text.help_line, tuple(font_dirs or FONT_DIRS)).copy()
    draw = ImageDraw.Draw(image)
    font, lines = _fit_title(draw, text.title, find_font(FONT_BOLD, font_dirs), OG_SIZE[0] - 2 * MARGIN)
    top = 140 if text.site_name else 100
    draw.multiline_text((MARGIN, top), "\n".join(lines), font=font, fill=PAPER, spacing=int(font.size * 0.25))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)  # no optimize pass: half the encoding time, ~10 % larger
    ENCODES["count"] += 1
    return buffer.getvalue()


def font_available(font_dirs=None) -> bool:
    try:
        find_font(FONT_BOLD, font_dirs)
        find_font(FONT_REGULAR, font_dirs)
    except FontMissing:
        return False
    return True

