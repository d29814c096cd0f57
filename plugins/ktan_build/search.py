"""The static search index: Pagefind over the finished build folder.

Pagefind reads each page's ``<html lang>`` and writes one index per language
into ``pagefind/``; only the part of a page marked ``data-pagefind-body``
(the main content of article, page and detail templates) is indexed, so
listings, the header and the help bar do not crowd the results. The search
page loads ``pagefind/pagefind.js`` itself; no other page loads anything of it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

BUNDLE_DIR = "pagefind"
# Pagefind's own UI bundles are not used (their CSS/JS inject inline styles the CSP forbids).
UNUSED_BUNDLE_FILES = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js", "pagefind-component-ui.js", "pagefind-component-ui.css")


def pagefind_executable() -> Path:
    from pagefind_bin import get_executable

    return get_executable()


def index_site(build_dir: Path, cache: Path | None = None) -> None:
    """Run Pagefind on ``build_dir``; raise RuntimeError with its output if it fails.

    With a ``cache`` folder, the bundle of the last run is reused when every
    HTML file Pagefind reads is byte for byte the same (a rebuild with
    unchanged content): Pagefind re-indexes the whole site on every run and is
    not incremental, and its output depends only on those files, its version
    and its options. Any change to any page runs it again.
    """
    executable = pagefind_executable()
    command = [str(executable), "--site", str(build_dir), "--output-subdir", BUNDLE_DIR, "--quiet"]
    key = _inputs_key(build_dir, executable, command[3:]) if cache else None
    stored = cache / f"pagefind-{key}" if cache else None
    if stored is not None and (stored / "pagefind-entry.json").is_file():
        shutil.copytree(stored, build_dir / BUNDLE_DIR, copy_function=_link_or_copy)
        return
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError((result.stdout + result.stderr).strip() or f"pagefind exited with {result.returncode}")
    for name in UNUSED_BUNDLE_FILES:
        (build_dir / BUNDLE_DIR / name).unlink(missing_ok=True)
    if stored is not None:
        _store(build_dir / BUNDLE_DIR, stored)


def _inputs_key(build_dir: Path, executable: Path, options: list[str]) -> str:
    digest = hashlib.sha256(repr((str(executable), executable.stat().st_size, options)).encode())
    for page in sorted(build_dir.rglob("*.html")):
        digest.update(page.relative_to(build_dir).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(page.read_bytes()).digest())
    return digest.hexdigest()[:24]


def _link_or_copy(source, target):
    """A hard link (instant, no second copy on disk); a copy across file systems. Nothing writes into these files."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _store(bundle: Path, stored: Path) -> None:
    """Keep this bundle as the only stored one (written beside, then renamed: never half a bundle)."""
    stored.parent.mkdir(parents=True, exist_ok=True)
    partial = stored.with_name(f".{stored.name}.{os.getpid()}")
    shutil.rmtree(partial, ignore_errors=True)
    shutil.copytree(bundle, partial, copy_function=_link_or_copy)
    for old in stored.parent.glob("pagefind-*"):
        shutil.rmtree(old, ignore_errors=True)
    try:
        partial.rename(stored)
    except OSError:
        shutil.rmtree(partial, ignore_errors=True)
