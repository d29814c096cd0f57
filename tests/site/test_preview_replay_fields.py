"""Every field the live preview replays (``ktan_preview.replay.SHOWN_FIELDS``) is edited here, one at a time.

For each content type, one real item gets each of its shown fields changed
(in the Indonesian file, or in both files for a value both languages share);
each edit must take the replay, not a Pelican run, and leave the preview
equal, file by file, to a fresh build. A field added to ``SHOWN_FIELDS``
without an edit below fails ``test_every_shown_field_has_an_edit_here``.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from ktan_cms.normalize import _load, _split_front_matter, dump, on_disk
from ktan_content.load import _shared
from ktan_content.schema import CONTENT_TYPES
from ktan_preview import render_cache
from ktan_preview.replay import SHOWN_FIELDS
from tests.photos import save_phone_photo
from tests.site.test_preview import _same_as_a_fresh_build, real_content_preview

DERIVED = {"preview_draft", "date"}  # Pelican metadata made from other fields (kegiatan: date is the start)


def _next_day(value: str) -> str:
    day, rest = re.fullmatch(r"(\d{4}-\d\d-\d\d)(.*)", str(value)).groups()
    return (dt.date.fromisoformat(day) + dt.timedelta(days=1)).isoformat() + rest


def _changed_text(value: str) -> str:
    return value[:-1] + ("X" if value[-1] != "X" else "Y")


def _first_source_retitled(sources: list) -> list:
    return [{**sources[0], "title": sources[0]["title"] + " (diperiksa)"}, *sources[1:]]


# field -> the new value, from the old one (None: the field is absent). Changes are applied in this order.
EDITS = {
    "title": _changed_text,
    "summary": _changed_text,
    "sources": _first_source_retitled,
    "modified": _next_day,
    "also_called": lambda names: [*names, "nama-jalanan-baru"],
    "legal_status": lambda status: "golongan-2" if status != "golongan-2" else "golongan-1",
    "regulation": _changed_text,
    "tags": lambda tags: [*tags[:-1]],
    "stakeholders": lambda ids: [i for i in ids if i != "dinkes"] if "dinkes" in ids else [*ids, "dinkes"],
    "place": lambda place: {**place, "name": place["name"] + " (aula)"},
    "type": lambda kind: "pelatihan" if kind != "pelatihan" else "sosialisasi",
    "start": lambda start: _next_day(start)[:10] + " 19:00",  # a time, so a duration can follow
    "duration": lambda _old: "2 jam",
    "end": lambda _old: None,  # with the duration above, no end; then the other way round (below)
    "repeat": lambda repeat: None if repeat else "yearly",
    "date": _next_day,
    "image_alt": _changed_text,  # the news gets a photo first (_with_a_photo)
    "image": lambda path: "images/foto-kedua.jpg" if path != "images/foto-kedua.jpg" else None,
    "law": lambda ids: [*ids[1:]] if ids else ["uu35-2009-ps127"],
    "status": lambda _old: "cancelled",  # events only here (others' would unpublish a page other pages link to)
}
EXTRA = {  # edits that change two fields at once: (after which field, {field: value function})
    "kegiatan": ("end", {"duration": lambda _old: None, "end": lambda _old: "2023-09-02 21:00"}),
}
ITEMS = {  # an item of each type with most of its shown fields
    "berita": "rapat-koordinasi-kampung-tangguh-anti-narkoba",
    "narkoba": "sabu",
    "pages": "tentang",
    "kegiatan": "pembentukan-kampung-tangguh-jember-lor",
}


def _schema_fields(type_name: str) -> list[str]:
    fields = CONTENT_TYPES[type_name].field_map()
    return [name for name in EDITS if name in SHOWN_FIELDS[type_name] and name in fields]


def _with_a_photo(content) -> None:
    """The shipped news has no photo: give it one, so its description (image_alt) shows on pages."""
    save_phone_photo(content / "images" / "rapat-koordinasi.jpg", (1600, 1067))
    save_phone_photo(content / "images" / "foto-kedua.jpg", (1200, 800))  # another photo to switch to
    _edit(content, "berita", ITEMS["berita"], {"image": lambda _old: "images/rapat-koordinasi.jpg",
                                               "image_alt": lambda _old: "Peserta rapat koordinasi di aula"})
    english = content / "berita" / f"{ITEMS['berita']}.en.md"  # each language describes the photo in its words
    english.write_text(english.read_text(encoding="utf-8").replace(
        "image: images/rapat-koordinasi.jpg\n", "image: images/rapat-koordinasi.jpg\nimage_alt: Coordination meeting\n"),
        encoding="utf-8")


def test_every_shown_field_has_an_edit_here():
    for type_name, shown in SHOWN_FIELDS.items():
        assert type_name in ITEMS, type_name
        missing = shown - set(EDITS) - DERIVED
        assert not missing, f"{type_name}: add an edit for {sorted(missing)} to EDITS"


def _edit(content, type_name: str, slug: str, changes: dict) -> None:
    ctype = CONTENT_TYPES[type_name]
    fields = ctype.field_map()
    for lang in ("id", "en"):
        if lang == "en" and not any(_shared(fields[name]) or name == "status" for name in changes):
            continue
        path = content / type_name / f"{slug}.{lang}.md"
        header, body = _split_front_matter(path.read_text(encoding="utf-8"))  # the CMS's own reader and writer
        meta = _load(header)
        for name, change in changes.items():
            if lang == "en" and not (_shared(fields[name]) or name == "status"):
                continue
            new = change(meta.get(name))
            if new is None:
                meta.pop(name, None)
            else:
                meta[name] = new
        path.write_text(f"---\n{dump(meta, ctype, on_disk(path, True))}---\n{body}", encoding="utf-8")


@pytest.mark.parametrize("type_name", sorted(ITEMS))
def test_each_shown_field_edit_is_replayed_and_equals_a_fresh_build(type_name, tmp_path, monkeypatch):
    content, preview_out, frozen, rebuilder = real_content_preview(
        tmp_path, monkeypatch, _with_a_photo if type_name == "berita" else None)
    steps = [(name, {name: EDITS[name]}) for name in _schema_fields(type_name) if name != "status"]
    if type_name in EXTRA:
        after, changes = EXTRA[type_name]
        steps.insert([name for name, _ in steps].index(after) + 1, ("+".join(changes), changes))
    if type_name == "kegiatan":  # cancelled; other types' status (publishing a draft): test_preview.py
        steps.append(("status", {"status": EDITS["status"]}))
    for number, (name, changes) in enumerate(steps, start=1):
        _edit(content, type_name, ITEMS[type_name], changes)
        outcome = rebuilder.run()
        assert outcome.ok, (name, outcome.report)
        assert render_cache.STATS["replayed"] == number, f"{type_name}.{name} took a full build"
        _same_as_a_fresh_build(content, preview_out, frozen, tmp_path, f"fresh-{number}", drafts=True)


def test_a_new_photo_file_takes_a_full_build_that_leaves_the_old_photo_behind(tmp_path, monkeypatch):
    """A new photo file with the news switched to it in one save: a full build, equal to a fresh one."""
    content, preview_out, frozen, rebuilder = real_content_preview(tmp_path, monkeypatch, _with_a_photo)
    save_phone_photo(content / "images" / "foto-baru.jpg", (1000, 700))
    _edit(content, "berita", ITEMS["berita"], {"image": lambda _old: "images/foto-baru.jpg"})
    outcome = rebuilder.run()
    assert outcome.ok, outcome.report
    assert render_cache.STATS["replayed"] == 0  # a new file: the full build
    assert not list((preview_out / "images").glob("rapat-koordinasi-*"))
    _same_as_a_fresh_build(content, preview_out, frozen, tmp_path, "fresh", drafts=True)
