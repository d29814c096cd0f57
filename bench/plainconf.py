"""Plain Pelican settings for the benchmark's fair baseline: default theme, no plugins.

Only the settings that decide *which* pages exist follow pelicanconf.py (same
Markdown extensions, no tag/author/archive pages, no feeds), so both builds
write the same set of pages and the difference is our features. Two settings
differ from Pelican's defaults, on purpose:

- ``DISPLAY_PAGES_ON_MENU = False``: the default theme otherwise links every
  page of the language from every page's menu (334 links per page at
  N = 2000): output and rendering time grow with N², a cost no real site
  carries, which made our build look faster than plain Pelican.
- ``DEFAULT_PAGINATION = 10``: listings of a growing site are paginated, as
  Hugo's are in the reference (``hugo_site.py``). (Our own listings are
  written once, ``DEFAULT_PAGINATION = False``, because they show titles only.)

``plainconf_menu.py`` is the earlier baseline (Pelican's defaults for both),
kept as a labelled second row so older results stay comparable.
"""

import runpy
from pathlib import Path

# The settings that decide the work per page come from our own configuration, so they can't drift.
_ours = runpy.run_path(str(Path(__file__).resolve().parents[1] / "pelicanconf.py"))
TIMEZONE = _ours["TIMEZONE"]
MARKDOWN = _ours["MARKDOWN"]

PATH = "content"
SITENAME = "Plain Pelican baseline"
SITEURL = ""
DEFAULT_LANG = "id"
PLUGINS = []
ARTICLE_PATHS = ["berita", "kegiatan"]
PAGE_PATHS = ["pages"]

ARTICLE_URL = "berita/{slug}/"
ARTICLE_SAVE_AS = "berita/{slug}/index.html"
ARTICLE_LANG_URL = "{lang}/berita/{slug}/"
ARTICLE_LANG_SAVE_AS = "{lang}/berita/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
PAGE_LANG_URL = "{lang}/{slug}/"
PAGE_LANG_SAVE_AS = "{lang}/{slug}/index.html"
CATEGORY_URL = "{slug}/"
CATEGORY_SAVE_AS = "{slug}/index.html"
CATEGORIES_SAVE_AS = ""
TAG_SAVE_AS = ""
TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
DIRECT_TEMPLATES = ["index"]
DEFAULT_PAGINATION = 10
DISPLAY_PAGES_ON_MENU = False

FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
