"""``.gz`` and ``.br`` copies of every text file, for nginx's gzip_static/brotli_static.

Why a post-build step and not pelican-precompress: it runs per Pelican
sub-site and goes stale with i18n sub-sites unless told to overwrite
(ECOSYSTEM.md); here it runs once over the finished folder, after every other
step, so it also covers the search index, the sitemap and robots.txt.

The levels: nginx only sends these files (``gzip_static``/``brotli_static``
in ``deploy/nginx/ktan-jember-site.conf``, no compression at request time),
so a level costs build time only, once per changed file. gzip 9 costs what 6
does here (0.113 s against 0.105 s for 7.7 MB of N = 2,000 pages, 0.1 %
smaller); brotli 9 is 7 % smaller than gzip at 1.4x its time; brotli 11
another 8 % but 40x slower, kept for the theme files (below).
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


def _compress(job: tuple[str, int]) -> dict[str, bytes]:
    """A file's copies, read where they are made: only paths go to the workers, no file stays in memory."""
    path, quality = job
    with open(path, "rb") as handle:
        return compressed_copies(handle.read(), quality)


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

    from .files import files_under

    files = []  # (path, size, key); the bytes are not kept: at N = 2,000 they are 80 MB
    for path in files_under(root, TEXT_SUFFIXES, exclude, within):
        data = path.read_bytes()
        if len(data) < MIN_SIZE:
            continue
        kind = "theme" if path.relative_to(root).parts[0] == THEME_DIR else "other"
        files.append((path, len(data), ("z", hashlib.sha256(data).hexdigest(), BROTLI_QUALITY[kind])))
    copies = {key: store.get(key) for _, _, key in files} if store is not None else {}
    todo = list({key: (str(path), key[2]) for path, _, key in files if copies.get(key) is None}.items())
    for (key, _), encoded in zip(todo, parallel_map(_compress, [job for _, job in todo], workers)):
        copies[key] = encoded
        if store is not None:
            store.put(key, encoded)
    written = 0
    for path, size, key in files:
        stat = path.stat()
        for suffix, encoded in copies[key].items():
            if len(encoded) >= size:
                continue
            target = path.with_name(path.name + suffix)
            target.write_bytes(encoded)
            # Same mtime as the original, so Last-Modified/ETag agree whichever copy nginx sends.
            os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))
            written += 1
    if store is not None:
        store.save()
    return written
