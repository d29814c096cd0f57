"""A copy of the real site with one thing broken on purpose per page (see test_checks_catch_breakage)."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

BROKEN = {
    "img_without_alt": "tentang/index.html",
    "external_font": "en/tentang/index.html",
    "inline_blob": "privasi/index.html",
    "dead_link": "index.html",
    "inline_style": "en/privasi/index.html",
}


def _insert(page: Path, marker: str, snippet: str, after: bool = True) -> None:
    text = page.read_text(encoding="utf-8")
    assert marker in text, f"{page} has no {marker}"
    text = text.replace(marker, marker + snippet if after else snippet + marker, 1)
    page.write_text(text, encoding="utf-8")


def make_broken_site(built_site: Path, site: Path) -> Path:
    """Copy the real site to ``site`` and break one thing on each page of BROKEN."""
    shutil.copytree(built_site, site)
    icon = next((site / "theme").glob("favicon.*.svg")).name
    _insert(site / BROKEN["img_without_alt"], "<main", f'<img src="/theme/{icon}" width="16" height="16">', after=False)
    _insert(site / BROKEN["external_font"], "</head>", '<link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Roboto">', after=False)
    blob = random.Random(7).randbytes(22_500).hex()[:30_000]  # 30 KB that gzip cannot shrink much
    _insert(site / BROKEN["inline_blob"], "</main>", f'<div hidden>{blob}</div>', after=False)
    _insert(site / BROKEN["dead_link"], "</main>", '<p><a href="/tidak-ada/">hilang</a> <a href="/tentang/#tidak-ada">anchor</a></p>', after=False)
    _insert(site / BROKEN["inline_style"], "</main>", '<p style="color: red">inline</p>', after=False)
    return site


@pytest.fixture(scope="session")
def broken_site(built_site, tmp_path_factory) -> Path:
    return make_broken_site(built_site, tmp_path_factory.mktemp("broken") / "site")
