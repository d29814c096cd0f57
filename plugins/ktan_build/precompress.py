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


def _compress(job: tuple[bytes, int]) -> dict[str, bytes]:
    data, quality = job
    return compressed_copies(data, quality)


def compression_fingerprint() -> str:
    """What shapes a compressed copy besides its input: the encoders and this module's choices."""
    import hashlib
    import zlib

    text = repr((brotli.__version__, zlib.ZLIB_RUNTIME_VERSION, Path(__file__).read_bytes()))
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def precompress_tree(root: Path, store=None, workers: int = 1, exclude=(), within: str | None = None) -> int:
    """Write ``x.gz``/``x.br`` next to each text file where they are smaller; return how many.

    Incremental: with a ``store`` (``ktan_cache.content_store``), copies of a
    file whose bytes were compressed before (by content hash) are taken from
    it. The rest is compressed on ``workers`` processes. Either way the bytes
    are those of ``compressed_copies``. ``exclude`` (top-level names) and
    ``within`` (one top-level folder) take a part of the tree, for a folder
    another process is still writing.
    """
    import hashlib

    from ktan_cache.workers import parallel_map

    files = []
    tops = [root / within] if within else [top for top in root.iterdir() if top.name not in exclude]
    for path in sorted(path for top in tops for path in (top, *top.rglob("*"))):
        if path.suffix.lower() not in TEXT_SUFFIXES or not path.is_file():
            continue
        data = path.read_bytes()
        if len(data) < MIN_SIZE:
            continue
        kind = "theme" if path.relative_to(root).parts[0] == THEME_DIR else "other"
        key = ("z", hashlib.sha256(data).hexdigest(), BROTLI_QUALITY[kind])
        files.append((path, data, key))
    copies = {key: store.get(key) for _, _, key in files} if store is not None else {}
    todo = list({key: (data, key[2]) for _, data, key in files if copies.get(key) is None}.items())
    for (key, _), encoded in zip(todo, parallel_map(_compress, [job for _, job in todo], workers)):
        copies[key] = encoded
        if store is not None:
            store.put(key, encoded)
    written = 0
    for path, data, key in files:
        stat = path.stat()
        for suffix, encoded in copies[key].items():
            if len(encoded) >= len(data):
                continue
            target = path.with_name(path.name + suffix)
            target.write_bytes(encoded)
            # Same mtime as the original, so Last-Modified/ETag agree whichever copy nginx sends.
            os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))
            written += 1
    if store is not None:
        store.save()
    return written
