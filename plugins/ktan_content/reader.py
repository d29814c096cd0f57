"""Pelican reader for our Markdown files.

Why our own reader instead of pelican-yaml-metadata: the build must read
exactly what the check validated (same parser, same conversions), and both
language sub-sites must share one Markdown conversion per file (the i18n
sub-sites plugin reads every file once per sub-site). The reader therefore
takes the already-validated fields from the content set and caches the HTML
by file stamp in the process and by the text's hash on disk
(``ktan_cache.content_store``, for the next process).
"""

from __future__ import annotations

import datetime as dt
import os

from markdown import Markdown
from pelican.readers import BaseReader
from pelican.utils import SafeDatetime

from .messages import ContentErrors
from .paths import url_for
from .state import current_content, store_of

_HTML_CACHE: dict = {}


def _safe_datetime(value):
    if isinstance(value, dt.datetime):
        return SafeDatetime(
            value.year, value.month, value.day, value.hour, value.minute, value.second, tzinfo=value.tzinfo
        )
    if isinstance(value, dt.date):
        from .schema.fields import WIB

        return SafeDatetime(value.year, value.month, value.day, tzinfo=WIB)
    return value


def markdown_config(settings) -> dict:
    """The ``Markdown(**config)`` every body is converted with, wherever that happens.

    A copy of ``MARKDOWN`` without ``markdown.extensions.meta``: Pelican's own
    Markdown reader appends that extension to the shared settings when it is
    created, and it would eat a body's first line if it looks like ``Word: text``
    (our metadata is the YAML front matter, already split off). A copy also
    keeps the configuration the same before and after Pelican's readers exist,
    so the on-disk cache and the parallel conversion see what the reader uses.
    """
    config = dict(settings["MARKDOWN"])
    config["extensions"] = [e for e in config.get("extensions", []) if e != "markdown.extensions.meta"]
    return config


class KtanMarkdownReader(BaseReader):
    enabled = True
    file_extensions = ["md"]

    def _markdown(self, text: str) -> str:
        # One Markdown instance per reader, reset between texts: building one
        # (loading its extensions) costs about as much as converting a page.
        md = getattr(self, "_md", None)
        if md is None:
            md = self._md = Markdown(**markdown_config(self.settings))
        else:
            md.reset()
        return md.convert(text)

    def _html(self, text: str, store) -> str:
        """Markdown HTML of ``text``: from the on-disk store by the text's hash, else converted (and stored)."""
        if store is None:
            return self._markdown(text)
        from ktan_cache.content_store import html_key

        key = html_key(text)
        html = store.get(key)
        if html is None:
            html = self._markdown(text)
            store.put(key, html)
        return html

    def _render(self, source_path: str, item) -> tuple[str, str]:
        stat = os.stat(source_path)
        key = (source_path, stat.st_mtime_ns, stat.st_size)
        cached = _HTML_CACHE.get(key)
        if cached is None:
            store = store_of(self.settings)
            summary = item.fields.get("summary")
            cached = (self._html(item.doc.body, store), self._html(summary, store) if summary else "")
            _HTML_CACHE[key] = cached
        return cached

    def read(self, source_path):
        content = current_content(self.settings)
        rel = os.path.relpath(source_path, self.settings["PATH"]).replace(os.sep, "/")
        if content.is_draft_path(rel):
            return "", _draft_stub(rel)
        item = content.by_path().get(rel)
        if item is None:
            problems = [e for e in content.errors if e.path == rel]
            raise ContentErrors(problems) if problems else ValueError(f"{rel}: not a content file")
        html, summary_html = self._render(source_path, item)
        metadata = {}
        for name, value in item.fields.items():
            if name in ("date", "modified"):
                value = _safe_datetime(value)
            elif name == "tags":
                value = self.process_metadata("tags", value)
            metadata[name] = value
        if summary_html:
            metadata["summary"] = summary_html
        ctype = item.ctype
        if ctype.date_field != "date" and ctype.date_field in item.fields:
            metadata["date"] = _safe_datetime(item.fields[ctype.date_field])
        url, save_as = url_for(ctype, item.slug)
        # Pelican knows published/draft/hidden; a cancelled event is published (and says it is cancelled).
        metadata.update(slug=item.slug, lang=item.lang, url=url, save_as=save_as, content_type=ctype.name,
                        status="published", preview_draft=item.is_draft)
        if ctype.template:
            metadata["template"] = ctype.template
        if ctype.category:
            metadata["category"] = self.process_metadata("category", ctype.category)
        return html, metadata


# Far in the past, so a draft never sorts anywhere near published items.
_DRAFT_DATE = SafeDatetime(1970, 1, 1, tzinfo=dt.timezone.utc)


def _draft_stub(rel: str) -> dict:
    """What Pelican gets for a draft: nothing of its text, title or address.

    Pelican files it under ``drafts`` and writes nothing (empty ``save_as``);
    no ``content_type``, so no plugin attaches to it. Its problems are the
    check's warnings, never a reason to fail the build.
    """
    return {"title": "draft", "status": "draft", "save_as": "", "url": "", "date": _DRAFT_DATE,
            "slug": "draft-" + str(abs(hash(rel))), "lang": _lang_of(rel)}


def _lang_of(rel: str) -> str:
    parts = rel.rsplit("/", 1)[-1].split(".")
    return parts[-2] if len(parts) >= 3 else "id"
