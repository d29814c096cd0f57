"""Pelican plugin: category feeds titled in their own language.

Pelican titles a category feed "<SITENAME> - <category name>", and our
category names are the URL slugs ("berita", "kegiatan"), also in the English
feeds. Loaded by publishconf.py, where the feeds are switched on.
"""

from __future__ import annotations

from pelican import signals

SECTION_NAMES = {
    "berita": {"id": "Berita", "en": "News"},
    "kegiatan": {"id": "Kegiatan", "en": "Events"},
}


def feed_title(site_name: str, feed_url: str, lang: str) -> str | None:
    """'<site> – News' for .../feeds/berita.atom.xml in English; None for other feeds."""
    section = feed_url.rsplit("/", 1)[-1].split(".", 1)[0]
    names = SECTION_NAMES.get(section)
    if not names:
        return None
    return f"{site_name} – {names.get(lang, names['id'])}"


def retitle(context, feed):
    title = feed_title(context["SITENAME"], feed.feed["feed_url"] or "", context["DEFAULT_LANG"])
    if title:
        feed.feed["title"] = title


def register():
    signals.feed_generated.connect(retitle)
