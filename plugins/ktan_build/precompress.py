"""``.gz`` and ``.br`` copies of every text file, for nginx's gzip_static/brotli_static.

Why a post-build step and not pelican-precompress: it runs per Pelican
sub-site and goes stale with i18n sub-sites unless told to overwrite
(ECOSYSTEM.md); here it runs once over the finished folder, after every other
step, so it also covers the search index, the sitemap and robots.txt.
"""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import brotli

TEXT_SUFFIXES = {".html", ".css", ".js", ".mjs", ".json", ".xml", ".svg", ".txt", ".ics", ".webmanifest"}
MIN_SIZE = 256  # smaller files gain nothing worth a second request path
# Brotli 11 is about 9 % smaller than 9 but some 30x slower per file (measured on
# this site): worth it for the few fingerprinted theme files every visitor loads
# and caches for a year, not for every page of a daily rebuild.
THEME_DIR = "theme"
BROTLI_QUALITY = {"theme": 11, "other": 9}


def compressed_copies(data: bytes, brotli_quality: int = BROTLI_QUALITY["other"]) -> dict[str, bytes]:
    """Deterministic gzip (no timestamp) and brotli encodings of ``data``."""
    window = max(10, min(24, (len(data) - 1).bit_length()))  # no bigger than the file: faster, same output size
    return {
        ".gz": gzip.compress(data, compresslevel=9, mtime=0),
        ".br": brotli.compress(data, quality=brotli_quality, lgwin=window),
    }


def precompress_tree(root: Path) -> int:
    """Write ``x.gz``/``x.br`` next to each text file where they are smaller; return how many."""
    written = 0
    for path in sorted(root.rglob("*")):
        if not path.is_file() or path.suffix.lower() not in TEXT_SUFFIXES:
            continue
        data = path.read_bytes()
        if len(data) < MIN_SIZE:
            continue
        stat = path.stat()
        kind = "theme" if path.relative_to(root).parts[0] == THEME_DIR else "other"
        for suffix, encoded in compressed_copies(data, BROTLI_QUALITY[kind]).items():
            if len(encoded) >= len(data):
                continue
            target = path.with_name(path.name + suffix)
            target.write_bytes(encoded)
            # Same mtime as the original, so Last-Modified/ETag agree whichever copy nginx sends.
            os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))
            written += 1
    return written
