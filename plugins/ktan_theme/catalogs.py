"""Compile the theme's gettext catalogues into one ``messages.mo`` per language.

Each area of the theme keeps its strings in its own catalogue
(``translations/<lang>/LC_MESSAGES/<area>.po``: ``messages.po`` for the
shared layout, ``events.po`` for events, ...), so features can add strings
without touching each other's files; they are merged here, at build time.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po


def compile_catalogs(translations_dir: Path) -> list[Path]:
    compiled = []
    for folder in sorted(translations_dir.glob("*/LC_MESSAGES")):
        sources = sorted(folder.glob("*.po"))
        mo_path = folder / "messages.mo"
        if not sources:
            continue
        newest = max(p.stat().st_mtime_ns for p in sources)
        if mo_path.exists() and mo_path.stat().st_mtime_ns >= newest:
            continue
        lang = folder.parent.name
        merged = Catalog(locale=lang, domain="messages")
        for po_path in sources:
            with po_path.open("rb") as handle:
                for message in read_po(handle, locale=lang):
                    if message.id and message.string and not message.fuzzy:
                        merged.add(message.id, message.string)
        with mo_path.open("wb") as handle:
            write_mo(handle, merged, use_fuzzy=False)
        compiled.append(mo_path)
    return compiled
