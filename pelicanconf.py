"""Pelican settings for local builds and live preview.

Production overrides live in publishconf.py. Content folders and their URL
patterns are declared by the content model (plugins/ktan_content/schema), not
here: this file only wires Pelican to it.
"""

SITENAME = "Kampung Tangguh Anti Narkoba Jember"
SITENAME_SHORT = "KTAN Jember"
SITEURL = ""
RELATIVE_URLS = False

PATH = "content"
OUTPUT_PATH = "output"
TIMEZONE = "Asia/Jakarta"
DEFAULT_LANG = "id"
DEFAULT_DATE_FORMAT = "%Y-%m-%d"
# No pagination: listings are written once (events are split by date, news is short).
# Paginating would render every event card on every page of /kegiatan/ (see docs/performance.md).
DEFAULT_PAGINATION = False

THEME = "theme"
THEME_STATIC_PATHS = []  # assets are bundled and fingerprinted by ktan_theme
STATIC_PATHS = ["images"]  # photos are published as derivatives only (plugins/ktan_images)

ARTICLE_PATHS = ["berita", "kegiatan"]
PAGE_PATHS = ["pages", "narkoba"]
ARTICLE_EXCLUDES = []
PAGE_EXCLUDES = []
IGNORE_FILES = [".#*", "*~", "README*", "_templates"]

# Slug and language come from the file name (slug.id.md / slug.en.md), set by our reader.
FILENAME_METADATA = r"(?P<slug>[^.]+)"
SLUGIFY_SOURCE = "basename"

INDEX_SAVE_AS = "index.html"
ARTICLE_URL = "berita/{slug}/"
ARTICLE_SAVE_AS = "berita/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
CATEGORY_URL = "{slug}/"
CATEGORY_SAVE_AS = "{slug}/index.html"  # /berita/ (news) and /kegiatan/ (events)
CATEGORIES_SAVE_AS = ""
TAG_URL = "topik/{slug}/"
TAG_SAVE_AS = ""
TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
DRAFT_LANG_SAVE_AS = ""
DRAFT_PAGE_LANG_SAVE_AS = ""
DIRECT_TEMPLATES = ["index"]
TEMPLATE_PAGES = {"404.html": "404.html", "search.html": "cari/index.html"}

FEED_ALL_ATOM = None
FEED_ALL_RSS = None
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

PLUGIN_PATHS = ["plugins"]
PLUGINS = [
    "ktan_content",
    "ktan_theme",
    "ktan_images",
    "ktan_cache",
    "stakeholders",
    "events",
    "substances",
    "services",
    "legal",
    "sources_page",
    "pelican.plugins.i18n_subsites",
]

JINJA_ENVIRONMENT = {
    "extensions": ["jinja2.ext.i18n"],
    "trim_blocks": True,
    "lstrip_blocks": True,
    # Pelican makes a new environment per generator and run, so a template never changes during
    # one's life; with auto_reload Jinja stat()ed the file on every include (56,000 times at N = 2000).
    "auto_reload": False,
}
# Template strings are written in English; the Indonesian catalogue translates them.
I18N_TEMPLATES_LANG = "en"
# An Indonesian article without an English version is not published on /en/
# (the language switch then says so and links to the English home).
I18N_UNTRANSLATED_ARTICLES = "remove"
I18N_UNTRANSLATED_PAGES = "remove"
I18N_SUBSITES = {
    "en": {
        "SITENAME": "Drug-Resilient Village (KTAN) Jember",
        "LOCALE": ("en_GB.UTF-8", "C.UTF-8", "C"),
    }
}
LOCALE = ("id_ID.UTF-8", "C.UTF-8", "C")

# Post-build steps (plugins/ktan_build/postbuild.py), in order; search_index before any precompression.
KTAN_POSTBUILD = ["remove_build_leftovers", "search_index"]

# Each good build is a release folder; OUTPUT_PATH is a symlink to the live one (plugins/ktan_build/releases.py).
# KTAN_RELEASES_DIR: where the releases go (None: ".<output>.releases" beside the output; on the server the
# build is given --releases). KTAN_RELEASES_KEEP: how many to keep for `invoke rollback`.
KTAN_RELEASES_DIR = None
KTAN_RELEASES_KEEP = 10
# Keep the live release when nothing the site is made from changed, the clock included
# (plugins/ktan_build/reuse.py); `invoke build --force` builds anyway.
KTAN_BUILD_REUSE = True

CACHE_PATH = ".cache/pelican"
# Parsed content and Markdown HTML by content hash, for the next build's process
# (plugins/ktan_cache/content_store.py); "" turns it off.
KTAN_CACHE_PATH = ".cache/ktan"
# Processes for independent work (Markdown, compression); None: one per core.
KTAN_WORKERS = None
DELETE_OUTPUT_DIRECTORY = False
LOAD_CONTENT_CACHE = False
