"""Which built pages stand for which part of the site (for the browser and axe checks).

Pages are picked from the built site, not listed by hand, so the checks follow
the content; a section the nav links to that has no page is a failure.
"""

from __future__ import annotations

from pathlib import Path

LANG_PREFIX = {"id": "", "en": "en/"}
# name -> (listing path below the language root, whether to pick the first item under it)
KEY_PAGES = {
    "home": ("", False),
    "substance": ("narkoba/", True),
    "events": ("kegiatan/", False),
    "event": ("kegiatan/", True),
    "services": ("layanan/", False),
    "stakeholders": ("mitra/", False),
    "search": ("cari/", False),
}


def first_item(site: Path, section_dir: Path) -> Path | None:
    items = sorted(p for p in section_dir.glob("*/index.html"))
    return items[0] if items else None


def key_page_url(site: Path, lang: str, name: str) -> str:
    """URL path of a key page in a language, or raise LookupError naming what is missing."""
    section, pick_item = KEY_PAGES[name]
    root = site / LANG_PREFIX[lang]
    listing = root / section / "index.html"
    if not pick_item:
        if not listing.is_file():
            raise LookupError(f"/{LANG_PREFIX[lang]}{section} does not exist, but the site links to it")
        return "/" + LANG_PREFIX[lang] + section
    item = first_item(site, root / section) if (root / section).is_dir() else None
    if item is None:
        raise LookupError(f"/{LANG_PREFIX[lang]}{section} has no page for a {name}")
    return "/" + item.parent.relative_to(site).as_posix() + "/"
