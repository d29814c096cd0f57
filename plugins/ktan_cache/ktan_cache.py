"""Pelican plugin: caches that make a build cheap without changing a byte of it.

- Compiled templates shared by every Jinja environment of the process (below).
- Parsed content and Markdown HTML on disk for the next process
  (``content_store``; read by ``ktan_content``), saved when a run finishes.
- The Markdown of every body the store lacks converted on all cores before
  Pelican reads (``workers``), so a cold build is not one core's work.

Compiled templates:

Pelican makes a new Jinja environment for each generator of each run, and the
i18n sub-sites plugin runs Pelican once per language, so every template was
parsed and compiled again for each language and, in the live preview, for
each rebuild. Jinja's bytecode cache keys a template by name and checks its
source, so an edited template is compiled again and nothing stale is served.
"""

from __future__ import annotations

from jinja2.bccache import Bucket, BytecodeCache
from pelican import signals


class MemoryBytecodeCache(BytecodeCache):
    """Compiled templates in memory, for the life of the process."""

    def __init__(self):
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        data = self._store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._store.clear()


TEMPLATES = MemoryBytecodeCache()


def share_compiled_templates(generator):
    generator.env.bytecode_cache = TEMPLATES


_CONVERTED: dict = {}  # id(store) -> the content set whose bodies were converted


def convert_markdown_ahead(readers):
    """Before Pelican reads: convert the bodies the store lacks, on every core."""
    from ktan_content.reader import markdown_config
    from ktan_content.state import current_content, store_of

    from .workers import prefill_html, worker_count

    settings = readers.settings
    store = store_of(settings)
    content = current_content(settings)
    if store is None or _CONVERTED.get(id(store)) is content:
        return  # Pelican makes a reader per generator: once per content set is enough
    _CONVERTED[id(store)] = content
    texts = []
    for item in content.items:
        if item.ctype.per_language and getattr(item.doc, "body", None) is not None:
            texts.append(item.doc.body)
            summary = item.fields.get("summary")
            if isinstance(summary, str) and summary:
                texts.append(summary)
    prefill_html(store, texts, markdown_config(settings), worker_count(settings))


def save_content_cache(pelican):
    from .content_store import save_all

    save_all()


def register():
    signals.generator_init.connect(share_compiled_templates)
    signals.readers_init.connect(convert_markdown_ahead)
    signals.finalized.connect(save_content_cache)
