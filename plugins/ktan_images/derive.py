"""Photo derivatives with Pillow: a few widths, AVIF/WebP/JPEG, no metadata, cached by content hash.

Why Pillow directly and not ``pelican-image-process`` (3.4.0, evaluated with
Pelican 4.12): it only processes ``<img>`` tags an editor has marked with an
``image-process-*`` class, and rewrites every written HTML file again with
BeautifulSoup (twice with our i18n sub-sites); it skips work only when a
derivative in the *output* folder is newer than the original, and our
pipeline builds into a fresh folder every time, so every build would
re-encode every photo; and it re-saves images without clearing Pillow's
``info`` (XMP travels with it on JPEG). We need every photo processed
without markup from editors, metadata provably gone, a persistent cache keyed
by the photo's bytes, and the originals kept out of the output. That is a
few dozen lines over Pillow, which both would use anyway.

Everything here is pure (paths in, files and ``PhotoSet`` out), no Pelican.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, features

# Bump when the encoding changes: every cached derivative is made again.
VERSION = "1"
# Content width is 44rem (704 px) at most; a 360 px phone at DPR 2 needs ~656 px.
WIDTHS = (360, 720, 1080, 1440)
QUALITY = {"avif": 50, "webp": 72, "jpeg": 78, "png": None}
MIME = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg", "png": "image/png"}
SUFFIX = {"avif": "avif", "webp": "webp", "jpeg": "jpg", "png": "png"}
OG_SIZE = (1200, 630)  # WhatsApp, Facebook and Telegram link previews
OG_MAX_BYTES = 300 * 1024
RASTER_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif")

# How many files were encoded in this process (tests count them: a cached photo costs none).
ENCODES = {"count": 0}


def modern_formats() -> tuple[str, ...]:
    """AVIF only when the installed Pillow can encode it; WebP always (Pillow's wheels have it)."""
    return ("avif", "webp") if features.check("avif") else ("webp",)


def is_raster(path: str | os.PathLike) -> bool:
    return str(path).lower().endswith(RASTER_SUFFIXES)


@dataclass(frozen=True)
class Variant:
    name: str  # file name in the output's images folder
    format: str  # avif, webp, jpeg, png
    width: int
    height: int
    size: int  # bytes


@dataclass(frozen=True)
class PhotoSet:
    """One photo's derivatives; ``folder`` is the cache folder that holds the files."""

    folder: str
    variants: tuple[Variant, ...]

    def of(self, fmt: str) -> list[Variant]:
        return [v for v in self.variants if v.format == fmt]

    @property
    def fallback_format(self) -> str:
        return "png" if self.of("png") else "jpeg"

    @property
    def formats(self) -> list[str]:
        seen = []
        for v in self.variants:
            if v.format not in seen:
                seen.append(v.format)
        return seen

    @property
    def fallback(self) -> Variant:
        """The <img src>: the width a phone at DPR 2 takes, or the largest below it."""
        candidates = self.of(self.fallback_format)
        fitting = [v for v in candidates if v.width <= 720]
        return fitting[-1] if fitting else candidates[0]


def digest_of(source: Path) -> str:
    h = hashlib.sha256()
    with open(source, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            h.update(block)
    h.update(f"|v{VERSION}|{WIDTHS}|{sorted(QUALITY.items(), key=str)}|{modern_formats()}".encode())
    return h.hexdigest()


_MEMO: dict[tuple, PhotoSet] = {}


def _digest_memo(source: Path) -> str:
    st = source.stat()
    key = (str(source), st.st_mtime_ns, st.st_size)
    if key not in _DIGESTS:
        _DIGESTS[key] = digest_of(source)
    return _DIGESTS[key]


_DIGESTS: dict[tuple, str] = {}


def _folder(digest: str, cache_dir: Path) -> Path:
    return Path(cache_dir) / digest[:2] / digest


def folder_of(source: Path, cache_dir: Path) -> str:
    """The cache folder of ``source``'s derivatives (where ``derive`` and ``og_image`` put them)."""
    return str(_folder(_digest_memo(Path(source)), cache_dir))


def derive(source: Path, cache_dir: Path) -> PhotoSet:
    """The photo's derivatives, from the cache when its bytes were seen before."""
    source = Path(source)
    digest = _digest_memo(source)
    key = (digest, str(cache_dir))
    if key in _MEMO and Path(_MEMO[key].folder).is_dir():
        return _MEMO[key]
    folder = _folder(digest, cache_dir)
    photo = _read_manifest(folder / "manifest.json")
    if photo is None:
        photo = _encode_all(source, folder, digest)
    _MEMO[key] = photo
    return photo


def og_image(source: Path, cache_dir: Path) -> tuple[Variant, str]:
    """The photo as a 1200x630 JPEG for link previews (cached next to its other derivatives)."""
    source = Path(source)
    digest = _digest_memo(source)
    folder = _folder(digest, cache_dir)
    name = f"{source.stem}-{digest[:10]}-og.jpg"
    if not (folder / name).is_file():
        folder.mkdir(parents=True, exist_ok=True)
        with Image.open(source) as opened:
            opened.seek(0)
            image = clean_pixels(opened)
        _og_variant(image, folder, name)
    return Variant(name, "jpeg", *OG_SIZE, (folder / name).stat().st_size), str(folder)


def _read_manifest(manifest: Path) -> PhotoSet | None:
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    variants = tuple(Variant(**v) for v in data["variants"])
    if not all((manifest.parent / v.name).is_file() for v in variants):
        return None
    return PhotoSet(str(manifest.parent), variants)


def clean_pixels(image: Image.Image) -> Image.Image:
    """Upright pixels in sRGB-ish RGB(A), with no EXIF, GPS, XMP, ICC or comments left in ``info``."""
    image = ImageOps.exif_transpose(image)  # phones store rotation in EXIF: apply it before dropping EXIF
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    image = image.convert("RGBA" if has_alpha else "RGB")
    image.info = {}
    return image


def _encode(image: Image.Image, fmt: str, quality: int | None = None) -> bytes:
    image.info = {}  # resize/crop copy ``info``; make sure nothing rides along
    buffer = io.BytesIO()
    if fmt == "avif":
        image.save(buffer, "AVIF", quality=quality or QUALITY["avif"], speed=8, exif=b"", xmp=b"")
    elif fmt == "webp":
        image.save(buffer, "WEBP", quality=quality or QUALITY["webp"], method=4, exif=b"", xmp=b"")
    elif fmt == "jpeg":
        image.save(buffer, "JPEG", quality=quality or QUALITY["jpeg"], optimize=True, progressive=True, exif=b"")
    else:
        image.save(buffer, "PNG", optimize=True)
    ENCODES["count"] += 1
    return buffer.getvalue()


def _write(folder: Path, name: str, data: bytes) -> None:
    tmp = folder / f".{name}.tmp"
    tmp.write_bytes(data)
    os.replace(tmp, folder / name)


def _encode_all(source: Path, folder: Path, digest: str) -> PhotoSet:
    folder.mkdir(parents=True, exist_ok=True)
    stem = source.stem
    with Image.open(source) as opened:
        opened.seek(0)
        image = clean_pixels(opened)
    fallback = "png" if image.mode == "RGBA" else "jpeg"
    widths = [w for w in WIDTHS if w < image.width] + [min(image.width, WIDTHS[-1])]
    variants = []
    for width in sorted(set(widths)):
        height = max(1, round(image.height * width / image.width))
        resized = image if width == image.width else image.resize((width, height), Image.LANCZOS, reducing_gap=3.0)
        for fmt in (*modern_formats(), fallback):
            name = f"{stem}-{digest[:10]}-{width}.{SUFFIX[fmt]}"
            data = _encode(resized, fmt)
            _write(folder, name, data)
            variants.append(Variant(name, fmt, width, height, len(data)))
    photo = PhotoSet(str(folder), tuple(variants))
    data = {"source": source.name, "variants": [v.__dict__ for v in variants]}
    _write(folder, "manifest.json", json.dumps(data, indent=1).encode())
    return photo


def _og_variant(image: Image.Image, folder: Path, name: str) -> Variant:
    """1200x630 JPEG (what link previews show), cropped to fill, under 300 KB."""
    card = ImageOps.fit(image.convert("RGB"), OG_SIZE, Image.LANCZOS)
    for quality in (82, 72, 62, 50, 40):
        data = _encode(card, "jpeg", quality)
        if len(data) <= OG_MAX_BYTES:
            break
    _write(folder, name, data)
    return Variant(name, "jpeg", *OG_SIZE, len(data))
