"""`invoke new`: files generated from the content model, every field commented."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pytest

from ktan_content.frontmatter import parse_data_file, parse_document
from ktan_content.scaffold import ScaffoldError, find_type, new_files, render
from ktan_content.schema import CONTENT_TYPES
from ktan_content.schema.fields import WIB
from ktan_content.validate import validate_document
from tests.conftest import ROOT

NOW = dt.datetime(2026, 11, 27, 9, 30, tzinfo=WIB)
TITLE_FIELDS = {"title", "name"}


@pytest.mark.parametrize("type_name", sorted(CONTENT_TYPES))
def test_template_has_every_field_with_a_comment_and_parses(type_name):
    ctype = CONTENT_TYPES[type_name]
    for lang in ("id", "en") if ctype.per_language else ("",):
        text = render(ctype, 'Sosialisasi: "Bahaya" Narkoba', lang, NOW)
        errors = []
        parse = parse_document if ctype.per_language else parse_data_file
        doc = parse(text, f"{type_name}/x", errors)
        assert not errors, [e.format() for e in errors]
        lines = text.split("\n")
        for field in ctype.fields:
            assert field.name in doc.lines, f"{type_name}: field {field.name} missing from the template"
            comment = lines[doc.lines[field.name] - 2]
            assert comment.startswith("# (EN) ") and field.help_en in comment
            assert lines[doc.lines[field.name] - 3].startswith("# ") and field.help_id in lines[doc.lines[field.name] - 3]
        title_field = next((f for f in ctype.fields if f.name in TITLE_FIELDS), None)
        if title_field is not None:
            value = doc.meta[title_field.name]
            assert (value["id"] if isinstance(value, dict) else value) == 'Sosialisasi: "Bahaya" Narkoba'


@pytest.mark.parametrize("type_name", sorted(CONTENT_TYPES))
def test_template_only_asks_for_the_required_fields(type_name):
    """A fresh template fails only where the editor still has to write something."""
    ctype = CONTENT_TYPES[type_name]
    text = render(ctype, "Judul baru", "id" if ctype.per_language else "", NOW)
    doc = (parse_document if ctype.per_language else parse_data_file)(text, "x", [])
    fields, errors = validate_document(doc, ctype)
    required = {f.name for f in ctype.fields if f.required}
    for error in errors:
        assert error.field in required, error.format()
        assert "masih kosong" in error.message_id or "belum diisi" in error.message_id, error.format()
    if ctype.per_language:
        assert fields["status"] == "draft"
    if "date" in ctype.field_map():
        assert fields["date"].date() == NOW.date()


def test_news_template_is_complete():
    fields, errors = validate_document(parse_document(render(find_type("berita"), "Judul", "id", NOW), "x", []), find_type("berita"))
    assert not errors
    assert fields["title"] == "Judul"


def test_new_files_named_from_the_indonesian_title_in_both_languages(tmp_path):
    paths = new_files(tmp_path, "berita", "Sosialisasi Bahaya Narkoba di SMPN 3 Jember!", now=NOW)
    assert [p.relative_to(tmp_path).as_posix() for p in paths] == [
        "berita/sosialisasi-bahaya-narkoba-di-smpn-3-jember.id.md",
        "berita/sosialisasi-bahaya-narkoba-di-smpn-3-jember.en.md",
    ]
    assert "Translate every text into English" in paths[1].read_text(encoding="utf-8")


def test_data_type_gets_one_file_and_a_chosen_id(tmp_path):
    data_type = next(t.name for t in CONTENT_TYPES.values() if not t.per_language)
    paths = new_files(tmp_path, data_type, "Dinas Kesehatan Kabupaten Jember", slug="dinkes-uji", now=NOW)
    assert [p.relative_to(tmp_path).as_posix() for p in paths] == [f"{data_type}/dinkes-uji.yml"]


def test_english_type_names_are_accepted():
    assert find_type("news").name == "berita"
    assert find_type("Berita").name == "berita"


def test_existing_files_are_never_overwritten(tmp_path):
    (tmp_path / "berita").mkdir()
    existing = tmp_path / "berita" / "rapat.en.md"
    existing.write_text("milik editor", encoding="utf-8")
    with pytest.raises(ScaffoldError) as problem:
        new_files(tmp_path, "berita", "Rapat", now=NOW)
    assert "tidak ditimpa" in str(problem.value) and "not overwritten" in str(problem.value)
    assert existing.read_text(encoding="utf-8") == "milik editor"
    assert not (tmp_path / "berita" / "rapat.id.md").exists()


@pytest.mark.parametrize("kind, title, slug, message", [
    ("kucing", "Judul", "", "Jenis konten 'kucing' tidak dikenal"),
    ("berita", "  ", "", "Tulis judulnya"),
    ("berita", "Judul", "Nama Salah", "tidak sah"),
])
def test_command_mistakes_are_explained(tmp_path, kind, title, slug, message):
    with pytest.raises(ScaffoldError, match=message):
        new_files(tmp_path, kind, title, slug)


def test_invoke_new_is_wired_and_explains_an_unknown_type():
    env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins")}
    result = subprocess.run([sys.executable, "-m", "invoke", "new", "kucing", "Judul"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "Jenis konten 'kucing' tidak dikenal" in result.stderr
    assert "Traceback" not in result.stderr
