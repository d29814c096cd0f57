"""Pelican settings for the published site: pelicanconf.py plus production.

``KTAN_SITEURL`` (environment) is the site's public address without a
trailing slash, e.g. ``https://ktan.example.go.id``; every URL in the output
becomes absolute from it (the English sub-site lives at ``<KTAN_SITEURL>/en``).
Build: ``KTAN_SITEURL=https://… invoke publish`` (or ``python -m ktan_build
--settings publishconf.py``).
"""

import os
from importlib.util import module_from_spec, spec_from_file_location
from pathlib import Path
from urllib.parse import urlsplit


def _fail(message: str):
    try:
        from ktan_build import BuildFailed
    except ImportError:  # plain `pelican -s publishconf.py`
        raise SystemExit(message) from None
    raise BuildFailed(message)


def _site_url() -> str:
    value = os.environ.get("KTAN_SITEURL", "").strip().rstrip("/")
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        _fail(
            "KTAN_SITEURL belum diisi atau tidak benar "
            f"(nilai sekarang: {value!r}). Isi dengan alamat situs, contoh: KTAN_SITEURL=https://ktan.example.go.id\n"
            "(EN) KTAN_SITEURL is unset or not an http(s) address. Set it to the site's public address, "
            "e.g. KTAN_SITEURL=https://ktan.example.go.id\n"
            "Situs yang tayang tidak diubah. / The live site was not changed."
        )
    return value


def _base_settings() -> dict:
    """pelicanconf.py executed afresh.

    Not ``from pelicanconf import *``: Pelican keeps the last loaded settings
    module in ``sys.modules`` and i18n-subsites writes SITEURL/OUTPUT_PATH into
    its I18N_SUBSITES dicts, so a cached module would carry another build's values.
    """
    spec = spec_from_file_location("_ktan_pelicanconf", Path(__file__).with_name("pelicanconf.py"))
    module = module_from_spec(spec)
    spec.loader.exec_module(module)
    return {name: getattr(module, name) for name in dir(module) if name.isupper()}


globals().update(_base_settings())

SITEURL = _site_url()
FEED_DOMAIN = SITEURL
RELATIVE_URLS = False

# Atom feeds per language and section: /feeds/berita.atom.xml (news),
# /feeds/kegiatan.atom.xml (events), and the same under /en/.
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"
FEED_MAX_ITEMS = 30
AUTHOR = SITENAME_SHORT  # noqa: F821 (from pelicanconf); Atom entries need an author name
PLUGINS = [
    *PLUGINS,  # noqa: F821 (from pelicanconf)
    "ktan_feeds",  # feed titles in each language
    "ktan_build.publish_writer",  # absolute links and sitemap entries taken as each page is written
]

I18N_SUBSITES = {
    lang: {**overrides, "SITEURL": f"{SITEURL}/{lang}", "FEED_DOMAIN": f"{SITEURL}/{lang}"}
    for lang, overrides in I18N_SUBSITES.items()  # noqa: F821 (from pelicanconf)
}

# Production adds to the steps local builds run: links made absolute before Pagefind
# reads the pages; the sitemap and robots.txt while it indexes; precompression last,
# so it also covers the files earlier steps write (search index, sitemap).
_local_steps = globals().get("KTAN_POSTBUILD", [])
KTAN_POSTBUILD = [
    *_local_steps[:_local_steps.index("search_index")],
    "absolutize_links",
    *_local_steps[_local_steps.index("search_index"):],
    "write_sitemap",
    "write_robots_txt",
    "precompress",
]
