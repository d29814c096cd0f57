"""Every UI string in the theme has an Indonesian translation."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

THEME = Path(__file__).resolve().parents[2] / "theme"


def template_msgids() -> set[str]:
    method_map = [("templates/**.html", "jinja2")]
    options_map = {"templates/**.html": {"extensions": "jinja2.ext.i18n", "trim_blocks": "True", "lstrip_blocks": "True"}}
    ids = set()
    for _filename, _lineno, message, _comments, _context in extract_from_dir(str(THEME), method_map, options_map):
        ids.add(message if isinstance(message, str) else message[0])
    return ids


def indonesian_translations() -> dict[str, str]:
    merged = {}
    for po_path in sorted((THEME / "translations" / "id" / "LC_MESSAGES").glob("*.po")):
        with po_path.open("rb") as handle:
            for message in read_po(handle, locale="id"):
                if message.id and message.string and not message.fuzzy:
                    merged[message.id if isinstance(message.id, str) else message.id[0]] = message.string
    return merged


def test_every_template_string_is_translated_to_indonesian():
    ids = template_msgids()
    assert len(ids) > 30
    missing = sorted(ids - set(indonesian_translations()))
    assert not missing, "untranslated UI strings (add them to theme/translations/id/LC_MESSAGES/<area>.po): " + "; ".join(missing)
