"""Live preview only: a change to what a page shows, written again without a Pelican run.

A new title or summary of one news item shows on its page, its translation's
page, the news listing and home page, the pages of the stakeholders it names,
the sources page and its share card. A full Pelican run for that costs
seconds at 2,000 items (reading every file into new objects, every
generator's context); here the last full build's generators (``render_cache``
records them per run: the main site and each language sub-site) simply write
again, in this process:

1. each Pelican object of the edited files is read again by its own run's
   readers; if anything but ``SHOWN_FIELDS`` (or the text) differs, nothing is
   touched and the full build decides;
2. the changed values are set on the existing objects, so every listing,
   paginator and cross-reference of the last build's context sees them;
3. every generator writes again through a writer that renders every page but
   other items' own pages (an item's page shows no other item's front matter:
   a test compares a fresh build file by file). Generators that cannot show
   these fields opt out (``preview_replay = False``: the calendars);
4. share cards: a page's old card leaves the output, the new one is drawn.

A field is in ``SHOWN_FIELDS`` only when nothing Pelican computes before
writing (order, URLs, categories, tags, translations, drafts) depends on it,
and a test edits it and compares with a fresh build.
"""

from __future__ import annotations

import os
from itertools import chain
from pathlib import Path

from pelican.generators import StaticGenerator
from pelican.writers import Writer

from ktan_content.state import adopt_content

SHOWN_FIELDS = frozenset({
    "title", "summary", "sources", "modified",  # every type that has them
    "also_called", "legal_status", "regulation",  # drug pages
})

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
    seen = set()
    for obj in chain.from_iterable(getattr(generator, name, None) or () for name in _CONTENT_LISTS):
        if obj.source_path in sources and id(obj) not in seen:
            seen.add(id(obj))
            yield obj


def _read_again(generator, obj):
    """The object as this run would create it from the file now (readers, signals and all)."""
    return generator.readers.read_file(base_path=generator.path, path=os.path.relpath(obj.source_path, generator.path),
                                       content_class=type(obj), context=generator.context)


def _changed_metadata(obj, new) -> set:
    return {key for key in obj.metadata.keys() | new.metadata.keys()
            if obj.metadata.get(key, _MISSING) != new.metadata.get(key, _MISSING)}


def _update(settings, obj, new, keys: set, output: Path) -> None:
    from .render_cache import body_filters, forget_content

    for key in keys:
        attribute = "_summary" if key == "summary" else key.lower()  # Pelican keeps a given summary as _summary
        if key in new.metadata:
            obj.metadata[key] = new.metadata[key]
            setattr(obj, attribute, getattr(new, attribute))
        else:
            obj.metadata.pop(key, None)
            if attribute in vars(obj):
                delattr(obj, attribute)
    obj._content = new._content
    body_filters(settings, obj, output, publish=False)  # published once, after writing
    forget_content(obj)


def _replayed(generator) -> bool:
    return not isinstance(generator, StaticGenerator) and getattr(generator, "preview_replay", True)


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
                keys = _changed_metadata(obj, new)
                if not keys <= SHOWN_FIELDS:
                    return None
                updates.append((run.settings, obj, new, keys))
    if not updates:
        return None
    for settings, obj, new, keys in updates:
        _update(settings, obj, new, keys, output)
    written = 0
    for run in runs:
        writer = _ReplayWriter(str(output / os.path.relpath(run.folder, root)), run.settings, sources)
        for generator in run.generators:
            if _replayed(generator):
                generator.generate_output(writer)
        written += writer.written
    _publish_images(runs[0].settings, output)
    return written


def _publish_images(settings, output: Path) -> None:
    try:
        from ktan_images.ktan_images import publish_to
    except ImportError:  # pragma: no cover - the plugin is not loaded
        return
    publish_to(settings, output)
