"""Share cards: the 1200x630 image a link preview shows for a page without its own photo.

Page title, site name and the help line, drawn with a font from Debian's
``fonts-dejavu-core`` (installed by ``tests/tools/install.sh``; see the
README's build command). JPEG, not PNG: a card encodes in about a
millisecond instead of ~100 ms and stays far under WhatsApp's 300 KB.
Cached by the hash of everything drawn, like the photos.

Why a card costs little (N = 2000 is 3,600 cards; 1.6 ms of CPU each instead
of 2.5): everything but the title (colours, site name, help line) is drawn
*and JPEG-encoded* once per language. A card draws its title's lines into a
grayscale mask (Pillow blends text into RGB eight times slower), turns the
mask's levels into colours with a palette made by that same blend, and
encodes only the 16-pixel rows (JPEG "MCU rows", 4:2:0) the title covers.
The JPEGs carry a restart marker after every MCU row, which resets the only
state one row's compressed bytes share with the next (the DC predictors);
with the same quantisation and Huffman tables (``optimize`` off), the
compressed bytes of a row depend on that row's pixels alone. So a card is
the base's header, the base's rows above and below the title, and the title
strip's rows, markers renumbered: byte for byte what encoding the whole card
drawn the plain way gives (tested). Its pixels are those of the cards drawn
before (VERSION 2, encoded without markers; 3,602 cards compared), so
cached cards stay valid.
"""

from __future__ import annotations

import functools
import hashlib
import io
import math
import re
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
QUALITY = 85  # no optimize pass: optimized Huffman tables would differ per strip (and cost twice the time)
MCU = 16  # pixel rows per JPEG MCU row with 4:2:0 subsampling (Pillow's default at this quality)
RST = re.compile(rb"\xff[\xd0-\xd7]")  # restart markers; other 0xFF bytes in the data are followed by 0x00


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


def card_path(text: CardText, cache_dir: Path, font_dirs=None) -> Path:
    """Where the card for this text lives in the cache (drawn there or not yet): a template needs only this."""
    return Path(cache_dir) / "cards" / f"{card_digest(text, font_dirs)[:20]}.jpg"


def draw_missing(cards: dict[Path, CardText], workers: int, font_dirs=None) -> int:
    """Draw the cards not yet in the cache, over ``workers`` processes; return how many were drawn.

    Each card is a pure function of its text, written to its own file, so the
    files do not depend on the number of workers (tested against a serial run).
    """
    from ktan_cache.workers import parallel_map

    missing = [(Path(path), text, font_dirs) for path, text in cards.items() if not Path(path).is_file()]
    if not missing:
        return 0
    prepare_folders(path for path, _, _ in missing)
    for site_name, help_line in {(text.site_name, text.help_line) for _, text, _ in missing}:
        _base(site_name, help_line, _dirs(font_dirs))  # drawn once here, before forking, not once per worker
    drawn = sum(parallel_map(_draw_to, missing, workers))
    ENCODES["count"] += drawn  # counted here: a worker's count dies with it
    return drawn


def prepare_folders(paths) -> None:
    for folder in {Path(path).parent for path in paths}:
        folder.mkdir(parents=True, exist_ok=True)


def draw_batch(jobs: list) -> int:
    """Draw a batch of ``(path, text, font_dirs)`` into their cache files (a background worker's job)."""
    return sum(_draw_to(job) for job in jobs)


def _draw_to(job) -> int:
    """Draw one card into its cache file (in a worker process when there are many)."""
    path, text, font_dirs = job
    _write(path.parent, path.name, render(text, font_dirs))
    return 1


def _dirs(font_dirs) -> tuple:
    return tuple(font_dirs or FONT_DIRS)


@functools.lru_cache(maxsize=32)
def _font(path: str, size: int):
    return ImageFont.truetype(path, size)


def _wrap(text: str, font, width: int) -> list[str]:
    """Greedy word wrap. Words are measured once and summed with the space's width: DejaVu has no
    kerning across a space, so the sum is the line's width (checked over every run of words in the
    shipped and the synthetic titles); a sum within 2 px of the limit is measured whole, to be sure."""
    words = text.split()
    if not words:
        return []
    space = font.getlength(" ")
    widths = [font.getlength(word) for word in words]
    lines, start, run = [], 0, widths[0]
    for i in range(1, len(words)):
        wide = run + space + widths[i]
        if abs(wide - width) < 2:
            wide = font.getlength(" ".join(words[start:i + 1]))
        if wide <= width:
            run = wide
        else:
            lines.append(" ".join(words[start:i]))
            start, run = i, widths[i]
    lines.append(" ".join(words[start:]))
    return lines


def _fit_title(title: str, font_path: Path, width: int, max_lines: int = 4):
    for size in (68, 60, 52, 46):
        font = _font(str(font_path), size)
        lines = _wrap(title, font, width)
        if len(lines) <= max_lines:
            return font, lines
    lines = lines[:max_lines]
    lines[-1] = lines[-1].rstrip(" .,;:") + "…"
    return font, lines


def encode(image: Image.Image) -> bytes:
    """A card's JPEG: a restart marker after every MCU row (what lets a card reuse the base's rows)."""
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=QUALITY, restart_marker_rows=1)
    return buffer.getvalue()


def split_rows(jpeg: bytes) -> tuple[bytes, list[bytes]]:
    """(the header up to and with the SOS segment, each MCU row's compressed bytes without its marker)."""
    sos = jpeg.index(b"\xff\xda")
    start = sos + 2 + int.from_bytes(jpeg[sos + 2:sos + 4], "big")
    assert jpeg.endswith(b"\xff\xd9"), "a JPEG ends with EOI"
    return jpeg[:start], RST.split(jpeg[start:-2])


def join_rows(header: bytes, rows: list[bytes]) -> bytes:
    """The JPEG of these rows, restart markers numbered 0-7 in turn as the standard wants."""
    out = [header]
    for i, row in enumerate(rows[:-1]):
        out += [row, bytes((0xFF, 0xD0 + i % 8))]
    out += [rows[-1], b"\xff\xd9"]
    return b"".join(out)


@dataclass(frozen=True)
class _Base:
    image: Image.Image
    header: bytes
    rows: tuple[bytes, ...]
    plain: tuple[bool, ...]  # per MCU row: INK right of the accent bar, nothing else drawn there


PLAIN_FROM = 17  # the accent bar is x 0-16


@functools.lru_cache(maxsize=8)
def _base(site_name: str, help_line: str, font_dirs: tuple) -> _Base:
    """Everything but the title, drawn and encoded once per build and language (cards differ only in their title)."""
    bold, regular = find_font(FONT_BOLD, font_dirs), find_font(FONT_REGULAR, font_dirs)
    width, height = OG_SIZE
    image = Image.new("RGB", OG_SIZE, INK)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, PLAIN_FROM - 1, height), fill=ACCENT)
    if site_name:
        draw.text((MARGIN, 56), site_name, font=_font(str(regular), 34), fill=PAPER)
    band = height - 110
    draw.rectangle((16, band, width, height), fill=ACCENT)
    if help_line:
        draw.text((MARGIN, band + 55), help_line, font=_font(str(bold), 40), fill=INK, anchor="lm")
    header, rows = split_rows(encode(image))
    plain = tuple(image.crop((PLAIN_FROM, y, width, min(height, y + MCU))).getcolors(1) is not None
                  and image.getpixel((PLAIN_FROM, y)) == INK for y in range(0, height, MCU))
    return _Base(image, header, tuple(rows), plain)


@functools.cache
def _blend_palette() -> bytes:
    """Colour of each ink level (0-255) of PAPER drawn over INK: what Pillow's text drawing gives (same blend)."""
    levels = Image.new("L", (256, 1))
    levels.putdata(range(256))
    row = Image.new("RGB", (256, 1), INK)
    row.paste(PAPER, (0, 0), levels)
    return row.tobytes()


def _title(text: CardText, font_dirs):
    """(where the title starts, its font, its lines, the spacing ``multiline_text`` puts between them)."""
    font, lines = _fit_title(text.title, find_font(FONT_BOLD, font_dirs), OG_SIZE[0] - 2 * MARGIN)
    return 140 if text.site_name else 100, font, lines, int(font.size * 0.25)


def draw(text: CardText, font_dirs=None) -> Image.Image:
    """The whole card as an image, drawn the plain way (what ``render`` encodes; a test compares the two)."""
    image = _base(text.site_name, text.help_line, _dirs(font_dirs)).image.copy()
    top, font, lines, spacing = _title(text, font_dirs)
    ImageDraw.Draw(image).multiline_text((MARGIN, top), "\n".join(lines), font=font, fill=PAPER, spacing=spacing)
    return image


def render(text: CardText, font_dirs=None) -> bytes:
    """The card's JPEG: the base's rows, with only the MCU rows the title covers drawn and encoded anew.

    Lines are placed as ``multiline_text`` places them. Where the title's rows
    are plain INK (always, with this layout), the title is drawn into a
    grayscale mask, eight times cheaper than blending into RGB, and the mask's
    levels become colours through the palette of the same blend.
    """
    base = _base(text.site_name, text.help_line, _dirs(font_dirs))
    top, font, lines, spacing = _title(text, font_dirs)
    step = font.getbbox("A")[3] + spacing
    placed = [(top + i * step, line, font.getbbox(line)) for i, line in enumerate(lines)]
    # getbbox is the box of the mask each line is drawn with: no ink falls outside these rows
    first = min(top, *(y + box[1] for y, _, box in placed)) // MCU * MCU
    last = min(OG_SIZE[1], math.ceil(max(y + box[3] for y, _, box in placed) / MCU) * MCU)
    size = (OG_SIZE[0], last - first)
    if all(base.plain[first // MCU:math.ceil(last / MCU)]):
        levels = Image.new("P", size, 0)  # drawn as a grayscale mask: colour index = ink level
        levels.putpalette(_blend_palette())
        pen = ImageDraw.Draw(levels)
        pen.fontmode = "L"  # antialiased, as on RGB (Pillow's default for P is "1")
        for y, line, _ in placed:
            pen.text((MARGIN, y - first), line, font=font, fill=255)
        strip = levels.convert("RGB")
        strip.paste(base.image.crop((0, first, PLAIN_FROM, last)))
    else:
        strip = base.image.crop((0, first, OG_SIZE[0], last))
        pen = ImageDraw.Draw(strip)
        for y, line, _ in placed:
            pen.text((MARGIN, y - first), line, font=font, fill=PAPER)
    _, rows = split_rows(encode(strip))
    skip = first // MCU
    return join_rows(base.header, [*base.rows[:skip], *rows, *base.rows[skip + len(rows):]])


def font_available(font_dirs=None) -> bool:
    try:
        find_font(FONT_BOLD, font_dirs)
        find_font(FONT_REGULAR, font_dirs)
    except FontMissing:
        return False
    return True
