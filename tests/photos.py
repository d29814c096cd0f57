"""Phone-like test photos made with Pillow: large, with GPS, camera make and XMP metadata.

Generated at test time (no binary fixtures in git). ``CAMERA_MAKE`` and the
coordinates are what the tests search for in every published image.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from PIL import Image, ImageDraw

from tests.conftest import ROOT

CAMERA_MAKE = "KtanTestCam"
CAMERA_MODEL = "Phone X9 Secret"
XMP_MARKER = "ktan-secret-xmp-location"
PHOTOS_FIXTURE = ROOT / "tests" / "fixtures" / "photos"


def photo_like(size: tuple[int, int]) -> Image.Image:
    """Sky, ground, shapes, texture at the scale a 720 px view still shows, and sensor grain.

    Compresses like a phone photo: a 6000x4000 JPEG of ~7.5 MB, ~26 KB as 720 px AVIF, ~55 KB as JPEG.
    """
    width, height = size
    small = Image.new("RGB", (width // 10, height // 10))
    draw = ImageDraw.Draw(small)
    w, h = small.size
    for y in range(h):
        shade = int(120 + 100 * y / h)
        draw.line([(0, y), (w, y)], fill=(shade // 2, shade // 2 + 30, shade) if y < h // 2 else (90, shade // 2 + 40, 50))
    for i in range(12):
        x, y = (i * 97) % w, h // 3 + (i * 53) % (h // 2)
        draw.ellipse([x, y, x + w // 10, y + h // 6], fill=(200 - i * 9, 80 + i * 11, 60 + i * 7))
    image = small.resize(size, Image.BICUBIC)
    texture = Image.merge("RGB", [Image.effect_noise((width // 8, height // 8), 50) for _ in range(3)])
    image = Image.blend(image, texture.resize(size, Image.BICUBIC), 0.3)
    return Image.blend(image, Image.effect_noise(size, 20).convert("RGB"), 0.1)


def exif_with_gps() -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = CAMERA_MAKE  # Make
    exif[0x0110] = CAMERA_MODEL  # Model
    exif[0x0112] = 1  # Orientation
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "S", (8.0, 9.0, 35.0)  # GPSLatitudeRef, GPSLatitude (Jember)
    gps[3], gps[4] = "E", (113.0, 42.0, 18.0)
    return exif


def xmp_packet() -> bytes:
    return (
        '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
        f'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description>{XMP_MARKER}'
        "</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>"
    ).encode()


def save_phone_photo(path: Path, size=(6000, 4000), fmt="JPEG") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    image = photo_like(size)
    if fmt == "PNG":
        image.save(path, "PNG", exif=exif_with_gps())
    else:
        image.save(path, "JPEG", quality=95, exif=exif_with_gps(), xmp=xmp_packet())
    return path


def photo_content(target: Path, size=(6000, 4000)) -> Path:
    """The photos fixture with its three photos written in, plus the real help lines (content/layanan)."""
    shutil.copytree(PHOTOS_FIXTURE, target)
    shutil.copytree(ROOT / "content" / "layanan", target / "layanan")
    save_phone_photo(target / "images" / "sosialisasi-balai.jpg", size)
    save_phone_photo(target / "images" / "selebaran.jpg", (size[1], size[0]))  # portrait
    save_phone_photo(target / "images" / "foto-bersama.png", (1200, 800), fmt="PNG")
    return target


def metadata_blocks(data: bytes) -> list[str]:
    """Names of the metadata blocks in an image file, read from its container (not with Pillow).

    JPEG: APPn segments other than JFIF, and COM; PNG: eXIf/tEXt/iTXt/zTXt chunks; WebP: EXIF/XMP
    chunks; AVIF (ISOBMFF): an 'Exif' item or an XMP ('mime') item in the meta box.
    """
    found = []
    if data[:2] == b"\xff\xd8":
        pos = 2
        while pos + 4 <= len(data) and data[pos] == 0xFF:
            marker = data[pos + 1]
            if marker == 0xDA:  # start of scan: image data follows
                break
            length = int.from_bytes(data[pos + 2:pos + 4], "big")
            body = data[pos + 4:pos + 2 + length]
            if 0xE1 <= marker <= 0xEF or (marker == 0xE0 and not body.startswith(b"JFIF")) or marker == 0xFE:
                found.append(f"JPEG segment 0x{marker:02X} {body[:12]!r}")
            pos += 2 + length
    elif data[:8] == b"\x89PNG\r\n\x1a\n":
        pos = 8
        while pos + 8 <= len(data):
            length, kind = int.from_bytes(data[pos:pos + 4], "big"), data[pos + 4:pos + 8]
            if kind in (b"eXIf", b"tEXt", b"iTXt", b"zTXt"):
                found.append(f"PNG chunk {kind!r}")
            pos += 12 + length
    elif data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        pos = 12
        while pos + 8 <= len(data):
            kind, length = data[pos:pos + 4], int.from_bytes(data[pos + 4:pos + 8], "little")
            if kind in (b"EXIF", b"XMP "):
                found.append(f"WebP chunk {kind!r}")
            pos += 8 + length + (length & 1)
    elif data[4:8] == b"ftyp":
        meta = data.find(b"meta")
        header = data[meta:meta + 4096] if meta >= 0 else b""
        for item_type in (b"Exif", b"mime"):
            if b"infe" in header and item_type in header:
                found.append(f"AVIF item {item_type!r}")
    else:
        found.append("unknown container")
    return found
