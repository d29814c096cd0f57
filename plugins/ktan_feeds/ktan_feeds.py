"""Pelican plugin: category feeds that feed validators and readers accept.

Pelican's Atom feeds need four fixes, made on ``feed_generated`` before the
file is written (loaded by publishconf.py, where the feeds are switched on):

- titles in their own language: Pelican titles a feed "<SITENAME> - <category
  name>", and our category names are the URL slugs ("berita", "kegiatan");
- a unique ``<id>`` per feed: Pelican uses the site's home URL, so a
  language's news and events feeds would share one (RFC 4287 4.2.6); the
  feed's own URL is unique and permanent;
- ``xml:lang`` on ``<feed>`` (Pelican leaves the language out);
- absolute links inside entries: links editors write in Markdown stay
  root-relative (``/layanan/``), which mean nothing in a feed reader. They are
  made absolute under the site's address (``KTAN_ROOT_URL``, the main
  site's SITEURL, which the ``/en/`` sub-site shares), as the published pages are.
"""

from __future__ import annotations

from pelican import signals

from ktan_build.absolute_urls import absolutize

SECTION_NAMES = {
    "berita": {"id": "Berita", "en": "News"},
    "kegiatan": {"id": "Kegiatan", "en": "Events"},
}


def section_of(feed_url: str) -> str:
    return feed_url.rsplit("/", 1)[-1].split(".", 1)[0]


def feed_title(site_name: str, feed_url: str, lang: str) -> str | None:
    """'<site> – News' for .../feeds/berita.atom.xml in English; None for other feeds."""
    names = SECTION_NAMES.get(section_of(feed_url))
    if not names:
        return None
    return f"{site_name} – {names.get(lang, names['id'])}"


def fix_feed(feed_data: dict, items: list[dict], site_name: str, lang: str, site_root: str) -> None:
    """Title, id, language and absolute entry links of one feed (feedgenerator's dicts, in place)."""
    feed_url = feed_data.get("feed_url") or ""
    title = feed_title(site_name, feed_url, lang)
    if title:
        feed_data["title"] = title
        # The feed's web page is its section's listing, not the home page.
        feed_data["link"] = feed_data["link"].rstrip("/") + f"/{section_of(feed_url)}/"
    if feed_url:
        feed_data["id"] = feed_url
    feed_data["language"] = lang
    if site_root:
        for item in items:
            for key in ("content", "description"):
                if item.get(key):
                    item[key] = absolutize(str(item[key]), site_root)


def on_feed(context, feed):
    fix_feed(
        feed.feed, feed.items, context["SITENAME"], context["DEFAULT_LANG"],
        context.get("KTAN_ROOT_URL") or context.get("SITEURL") or "",
    )


def register():
    signals.feed_generated.connect(on_feed)
