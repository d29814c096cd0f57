"""Plain Pelican settings for the benchmark baseline: default theme, no plugins.

Only the settings that decide *which* pages exist follow pelicanconf.py (same
Markdown extensions, pagination, no tag/author/archive pages, no feeds), so
both builds write the same set of pages and the difference is our features.
"""

PATH = "content"
SITENAME = "Plain Pelican baseline"
SITEURL = ""
TIMEZONE = "Asia/Jakarta"
DEFAULT_LANG = "id"
DEFAULT_PAGINATION = False
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

FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

MARKDOWN = {
    "extensions": [
        "markdown.extensions.extra",
        "markdown.extensions.sane_lists",
        "markdown.extensions.toc",
    ],
    "extension_configs": {"markdown.extensions.toc": {"permalink": False}},
    "output_format": "html",
}
