"""Live preview only: a change to what a page shows, written again without a Pelican run.

A new title or summary of one news item shows on its page, its translation's
page, the news listing and home page, the pages of the stakeholders it names,
the sources page and its share card; an event's place also on its calendar
files. The edit of an event's text is replayed too (event pages are not
recorded: they show the clock). A full Pelican run for that costs
seconds at 2,000 items (reading every file into new objects, every
generator's context); here the last full build's generators (``render_cache``
records them per run: the main site and each language sub-site) simply write
again, in this process:

1. each Pelican object of the edited files is read again by its own run's
   readers; if anything but ``SHOWN_FIELDS`` (or the text) differs, nothing is
   touched and the full build decides;
2. the changed values are set on the existing objects, with what Pelican and
   plugins derived from them when the new object was made (``locale_date``,
   an event's ``event``), so every listing, paginator and cross-reference of
   the last build's context sees them;
3. every generator writes again through a writer that renders every page but
   other items' own pages (an item's page shows no other item's front matter:
   a test compares a fresh build file by file) and category pages listing none
   of the edited items; the calendars convert and write only the events that
   changed (``events.EventsCalendarGenerator``);
4. share cards and photos: a page's old card leaves the output, the new one
   is drawn; after a photo edit, photos no item uses any more leave it too.

A field is in ``SHOWN_FIELDS`` only when nothing Pelican computes before
writing (order, URLs, categories, tags, translations, drafts) depends on it,
and a test edits it and compares with a fresh build. ``render_cache`` replays
only while the pages would show the clock as the last build did.
"""

from __future__ import annotations

import os
from itertools import chain
from operator import attrgetter
from pathlib import Path

from pelican.generators import ArticlesGenerator, StaticGenerator
from pelican.utils import order_content
from pelican.writers import Writer

from ktan_content.state import adopt_content

from .render_cache import body_filters, changed_keys, forget_content, publish_images

# status and preview_draft: publishing a draft the preview already shows (only its "Draf" mark goes); a draft the
# preview does not show (it has problems) takes the full build (render_cache._edits).
_EVERY_TYPE = frozenset({"title", "summary", "sources", "status", "preview_draft"})
SHOWN_FIELDS = {  # per content type: the fields (and Pelican metadata) an edit of which is replayed
    # tags show on the item's own page only: there are no tag pages (TAG_SAVE_AS is empty), so Pelican's tag
    # lists, made before writing, are not kept up to date here; image: a photo already in content/images
    "berita": _EVERY_TYPE | {"stakeholders", "tags", "date", "image", "image_alt"},
    "pages": _EVERY_TYPE | {"modified", "law"},
    "narkoba": _EVERY_TYPE | {"modified", "also_called", "legal_status", "regulation", "law"},
    # an event's times order the lists (``_reorder``) and split upcoming from past (``render_cache._same_clock``)
    "kegiatan": _EVERY_TYPE | {"place", "type", "stakeholders", "start", "end", "duration", "repeat", "date"},
}

_CONTENT_LISTS = ("articles", "translations", "hidden_articles", "hidden_translations", "drafts",
                  "drafts_translations", "pages", "hidden_pages", "draft_pages", "draft_translations")
_MISSING = object()


class _ReplayWriter(Writer):
    """Renders every page but those about other items only.

    Skipped: other items' own pages (``article``/``page``), and Pelican's
    category pages whose ``articles`` hold no edited item (the events listing
    for a news edit).
    """

    def __init__(self, output_path: str, settings: dict, sources: set[str]):
        super().__init__(output_path, settings)
        self.sources = sources
        self.written = 0

    def _shows_an_edit(self, items) -> bool:
        return any({item.source_path, *(t.source_path for t in item.translations)} & self.sources for item in items)

    def write_file(self, name, template, context, *args, **kwargs):
        item = kwargs.get("article") or kwargs.get("page")
        if item is not None and not self._shows_an_edit([item]):
            return None
        if "category" in kwargs and "articles" in kwargs and not self._shows_an_edit(kwargs["articles"]):
            return None
        self.written += 1
        return super().write_file(name, template, context, *args, **kwargs)


def _objects(generator, sources: set[str]):
    """The generator's objects of the edited files, and their translations (i18n keeps some in no list)."""
    seen = set()
    for obj in chain.from_iterable(getattr(generator, name, None) or () for name in _CONTENT_LISTS):
        for candidate in (obj, *obj.translations):
            if candidate.source_path in sources and id(candidate) not in seen:
                seen.add(id(candidate))
                yield candidate


def _read_again(generator, obj):
    """The object as this run would create it from the file now (readers, signals and all)."""
    return generator.readers.read_file(base_path=generator.path, path=os.path.relpath(obj.source_path, generator.path),
                                       content_class=type(obj), context=generator.context)


# Attributes an object gets after it is made (links between objects, rewritten bodies): not taken from the new one.
_LINKS = frozenset({"translations", "in_default_lang", "_content", "_ktan_images_done", "metadata"})


def _update(settings, obj, new, keys: set) -> None:
    """Give ``obj`` what ``new`` says: the changed metadata and what Pelican and plugins derive from it."""
    for key in keys:
        if key in new.metadata:
            obj.metadata[key] = new.metadata[key]
        else:
            obj.metadata.pop(key, None)
            attribute = "_summary" if key == "summary" else key.lower()  # Pelican keeps a given summary as _summary
            if attribute in vars(obj) and attribute not in vars(new):
                delattr(obj, attribute)
    for name, value in vars(new).items():  # title, _summary, date and locale_date, an event's times and place...
        if name not in _LINKS and vars(obj).get(name, _MISSING) != value:
            setattr(obj, name, value)
    obj._content = new._content
    body_filters(settings, obj)
    forget_content(obj)


def _reorder(generator) -> None:
    """After a date changed: Pelican's date-ordered lists as ``generate_context`` orders them, in place.

    In place, because the context and the category lists share them. Pelican
    sorts by translation id before the date sort (``process_translations``),
    so ties of dates fall the same way; categories and tags follow the articles.
    """
    if not isinstance(generator, ArticlesGenerator):
        return
    settings = generator.settings
    translation_id = settings["ARTICLE_TRANSLATION_ID"]
    for name in ("articles", "hidden_articles", "drafts"):
        items = getattr(generator, name)
        if translation_id:
            ids = [translation_id] if isinstance(translation_id, str) else list(translation_id)
            items.sort(key=attrgetter(*ids))
        items[:] = order_content(items, settings["ARTICLE_ORDER_BY"])
    rank = {id(article): index for index, article in enumerate(generator.articles)}
    for _name, items in chain(generator.categories, generator.tags.items(), generator.authors):
        items.sort(key=lambda article: rank.get(id(article), len(rank)))
    generator.dates[:] = sorted(generator.articles, key=attrgetter("date"),
                                reverse=generator.context["NEWEST_FIRST_ARCHIVES"])
    generator.period_archives = generator.context["period_archives"] = generator._build_period_archives(
        generator.dates, generator.articles, settings)


def replay(runs: list, root: str, sources: set[str], output: Path, content) -> int | None:
    """Write the pages an edit of ``sources`` shows on into the live ``output``; pages written, or ``None``."""
    if not runs or root is None:
        return None
    for run in runs:  # the reader and the plugins read the edited content set from now on
        adopt_content(run.settings, content)
    updates = []
    for run in runs:
        for generator in run.generators:
            for obj in _objects(generator, sources):
                new = _read_again(generator, obj)
                keys = changed_keys(new.metadata, obj.metadata)
                if not keys <= SHOWN_FIELDS.get(obj.metadata.get("content_type"), frozenset()):
                    return None
                updates.append((run.settings, obj, new, keys))
    if not updates:
        return None
    for settings, obj, new, keys in updates:
        _update(settings, obj, new, keys)
    if any("date" in keys for *_, keys in updates):
        for run in runs:
            for generator in run.generators:
                _reorder(generator)
    written = 0
    for run in runs:
        writer = _ReplayWriter(str(output / os.path.relpath(run.folder, root)), run.settings, sources)
        for generator in run.generators:
            if not isinstance(generator, StaticGenerator):  # the static files did not change (render_cache checks)
                generator.generate_output(writer)
        written += writer.written
    photo_edited = any("image" in keys for *_, keys in updates)
    publish_images(runs[0].settings, output, content if photo_edited else None)
    return written
