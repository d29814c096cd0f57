"""Pelican plugin: compiled templates shared by every Jinja environment of the process.

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


def register():
    signals.generator_init.connect(share_compiled_templates)
