"""Pelican plugin (production builds): what the post-build steps need, taken while a page is written.

The sitemap step needs each page's canonical URL, language alternates,
last-checked date and whether it is indexable; the link step needs every
page's root-relative links made absolute. Both used to read every written
page back from disk (a head parser over 3,600 pages, then a read and a
rewrite of each, at N = 2,000). Pelican's writer renders each page from a
context that already holds all of it, so this writer:

- keeps, per written ``.html`` file, its sitemap entry from the values the
  page's own templates computed (``page_path``, ``has_translation``,
  ``page_noindex``, ``page_is_error``, ``content_item`` set at the top of
  ``base.html`` and the page templates; the ``lang_root``/``site_langs``
  helpers; the dates the head's meta tags show). It is the same data
  ``partials/hreflang.html`` and ``partials/share-meta.html`` write into the
  head; a site test compares the two on every page;
- makes the page's root-relative links absolute before the file is written
  (``absolute_urls``), so the bytes are written once.

Only pages rendered through ``base.html`` are recorded; any other HTML file
(none today) is still read back by the steps, so nothing depends on every page
passing through here. Active only when ``KTAN_POSTBUILD`` lists
``write_sitemap`` or ``absolutize_links``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from pelican import signals
from pelican.writers import Writer

from .absolute_urls import absolutize
from .sitemap import PageLinks, w3c_datetime

STEPS = {"write_sitemap", "absolutize_links"}
# Set at the top of base.html for every page it renders: their presence says the page went through it.
BASE_VARS = ("page_path", "has_translation", "page_is_error", "page_noindex")


@dataclass(frozen=True)
class WrittenPage:
    absolute_under: str  # the SITEURL its links were made absolute under ('': left as rendered)
    from_context: bool = False  # its sitemap entry was taken (the page went through base.html)
    entry: PageLinks | None = None  # None: not in the sitemap (noindex, an error page)


_WRITTEN: dict[str, WrittenPage] = {}  # absolute file path -> what this build's writer recorded
_ROOTS: set[str] = set()  # the writers' output folders, to forget those a failed build left behind


def written_under(build_dir: Path) -> dict[Path, WrittenPage]:
    """What the writer recorded for the files below ``build_dir`` (this build's staging folder)."""
    prefix = os.path.join(os.path.abspath(build_dir), "")
    return {build_dir / path[len(prefix):]: page for path, page in _WRITTEN.items() if path.startswith(prefix)}


def forget(build_dir: Path) -> None:
    prefix = os.path.join(os.path.abspath(build_dir), "")
    for path in [path for path in _WRITTEN if path.startswith(prefix)]:
        del _WRITTEN[path]


def sitemap_entry(context) -> PageLinks | None:
    """The head's canonical/alternates/date of a page, from its finished Jinja context; None: not listed."""
    values = context.vars
    if values.get("page_is_error") or values.get("page_noindex"):
        return None
    lang_root, site_langs, current = context["lang_root"], context["site_langs"], context["current_lang"]
    path, translated = str(values["page_path"]), bool(values["has_translation"])
    alternates = [(lang, f"{lang_root(lang)}{path}") for lang in site_langs if lang == current or translated]
    default_path = path if translated or current == site_langs[0] else ""
    alternates.append(("x-default", f"{lang_root(site_langs[0])}{default_path}"))
    return PageLinks(f"{lang_root(current)}{path}", alternates, _lastmod(context))


def _lastmod(context) -> str:
    """``dcterms.modified``, else a news article's modified, else published time (partials/share-meta.html)."""
    iso = context.environment.filters["iso_datetime"]
    article = context.get("article")
    category = getattr(article, "category", None) if article is not None else None
    item = context.vars.get("content_item")
    if category and getattr(category, "slug", None) == "berita":  # news: shared as an article
        date, modified = getattr(article, "date", None), getattr(article, "modified", None)
        return w3c_datetime(iso(modified or date)) if date else ""
    modified = getattr(item, "modified", None) if item else None
    return w3c_datetime(iso(modified)) if modified else ""


def _render(template, context: dict):
    """``template.render(context)`` (the same code, so the same string), keeping the finished context."""
    ctx = template.new_context(dict(context))
    try:
        html = template.environment.concat(template.root_render_func(ctx))
    except Exception:
        template.environment.handle_exception()
    return html, ctx


class _RecordingTemplate:
    """Stands in for the template in one ``write_file`` call: renders, records, absolutises."""

    def __init__(self, template, writer: "PublishWriter"):
        self._template = template
        self._writer = writer

    def __getattr__(self, name):
        return getattr(self._template, name)

    def render(self, context: dict) -> str:
        html, ctx = _render(self._template, context)
        self._writer._rendered = ctx
        if self._writer.absolute_root:
            html = absolutize(html, self._writer.absolute_root)
        return html


class PublishWriter(Writer):
    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings)
        _ROOTS.add(os.path.abspath(output_path))
        steps = set(self.settings.get("KTAN_POSTBUILD", []))
        # The main site's address: a sub-site's SITEURL ends in its language (ktan_theme's KTAN_ROOT_URL).
        root = self.settings.get("KTAN_ROOT_URL", "")
        self.absolute_root = root if "absolutize_links" in steps and root.startswith(("http://", "https://")) else ""
        self.sitemap = "write_sitemap" in steps
        self._rendered = None

    def write_file(self, name, template, context, *args, **kwargs):
        if name and str(name).endswith(".html"):
            template = _RecordingTemplate(template, self)
        return super().write_file(name, template, context, *args, **kwargs)

    def _open_w(self, filename, encoding, override=False):
        """Pelican's one place where a page's file is opened (or skipped, as os.devnull): record it there."""
        handle = super()._open_w(filename, encoding, override)
        ctx, self._rendered = self._rendered, None
        if ctx is not None and handle.name != os.devnull:
            from_context = self.sitemap and all(name in ctx.vars for name in BASE_VARS)
            entry = sitemap_entry(ctx) if from_context else None
            _WRITTEN[os.path.abspath(filename)] = WrittenPage(self.absolute_root, from_context, entry)
        return handle


def choose_writer(pelican):
    for root in [root for root in _ROOTS if not os.path.isdir(root)]:  # a build that failed before its steps
        forget(Path(root))
        _ROOTS.discard(root)
    if STEPS & set(pelican.settings.get("KTAN_POSTBUILD", [])):
        return PublishWriter
    return None


def register():
    signals.get_writer.connect(choose_writer)
