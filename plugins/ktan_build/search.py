"""The static search index: Pagefind over the finished build folder.

Pagefind reads each page's ``<html lang>`` and writes one index per language
into ``pagefind/``; only the part of a page marked ``data-pagefind-body``
(the main content of article, page and detail templates) is indexed, so
listings, the header and the help bar do not crowd the results. The search
page loads ``pagefind/pagefind.js`` itself; no other page loads anything of it.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

BUNDLE_DIR = "pagefind"
# Pagefind's own UI bundles are not used (their CSS/JS inject inline styles the CSP forbids).
UNUSED_BUNDLE_FILES = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js", "pagefind-component-ui.js", "pagefind-component-ui.css")


def pagefind_executable() -> Path:
    from pagefind_bin import get_executable

    return get_executable()


def index_site(build_dir: Path) -> None:
    """Run Pagefind on ``build_dir``; raise RuntimeError with its output if it fails."""
    command = [str(pagefind_executable()), "--site", str(build_dir), "--output-subdir", BUNDLE_DIR, "--quiet"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError((result.stdout + result.stderr).strip() or f"pagefind exited with {result.returncode}")
    for name in UNUSED_BUNDLE_FILES:
        (build_dir / BUNDLE_DIR / name).unlink(missing_ok=True)
