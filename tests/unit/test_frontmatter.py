"""Front matter is read one way: strings in, schema converts, problems explained."""

from ktan_content.frontmatter import parse_data_file, parse_document
from ktan_content.schema.fields import DateTime, Phone, FieldProblem

import pytest


def parse(text):
    errors = []
    return parse_document(text, "content/berita/x.id.md", errors), errors


def test_values_stay_strings():
    doc, errors = parse("---\ntitle: Judul\ntime: 08:00\nphone: 0331487267\nok: no\n---\nIsi\n")
    assert not errors
    assert doc.meta == {"title": "Judul", "time": "08:00", "phone": "0331487267", "ok": "no"}
    assert doc.body == "Isi\n"


def test_bom_and_windows_line_endings_are_accepted():
    doc, errors = parse("\ufeff---\r\ntitle: Judul\r\n---\r\nIsi\r\n")
    assert not errors
    assert doc.meta["title"] == "Judul"


def test_colon_in_unquoted_title_is_read_as_pelican_reads_it():
    doc, errors = parse("---\ntitle: Sosialisasi: bahaya narkoba\nsummary: Catatan: \"a\" \\ b  # komentar\n---\n")
    assert not errors
    assert doc.meta == {"title": "Sosialisasi: bahaya narkoba", "summary": 'Catatan: "a" \\ b'}
    assert doc.lines == {"title": 2, "summary": 3}


def test_colon_values_in_lists_maps_and_blocks():
    errors = []
    doc = parse_data_file("name:\n  id: Dinas: Kesehatan\n  en: Office\nrole: |\n  a: b\nsources:\n  - title: Badar: BNN\n", "mitra/x.yml", errors)
    assert not errors
    assert doc.meta == {"name": {"id": "Dinas: Kesehatan", "en": "Office"}, "role": "a: b\n", "sources": [{"title": "Badar: BNN"}]}


def test_slashed_date_gets_the_corrected_form():
    with pytest.raises(FieldProblem) as problem:
        DateTime("date").convert("31/08/2023")
    assert "2023-08-31" in problem.value.message_id


def test_naive_time_is_wib():
    value = DateTime("date").convert("2023-08-31 08:00")
    assert value.utcoffset().total_seconds() == 7 * 3600


def test_phone_spaces_and_dashes_are_normalised():
    assert Phone("phone").convert("0331 - 487 267") == "0331487267"
    assert Phone("phone").convert("+62 331 487267") == "+62331487267"


@pytest.mark.parametrize("header", [
    "title: @judul", "title: `judul`", "title: *judul", "title: %x",
    'title: "Judul" lagi', "title: 'a' b", "- title: x\ndate: y",
    "title Judul\ndate: 2023-08-31", "title: [a, b", "title: {a: b", "title: x\n? b: c\n  d: e",
])
def test_unreadable_front_matter_is_explained_in_indonesian_on_the_right_line(header):
    doc, errors = parse(f"---\n{header}\n---\n")
    assert doc is None and len(errors) == 1
    (error,) = errors
    parser_words = ("expected", "found", "token", "mapping", "block", "scalar", "alias", "indicator")
    assert not [w for w in parser_words if w in error.message_id.lower()], error.message_id
    assert error.line in (2, 3)
    assert error.example and error.example.split(":", 1)[-1].strip() != header.split(":", 1)[-1].strip()


def test_a_line_of_loose_text_is_pointed_at_not_the_closing_fence_nor_called_a_field():
    doc, errors = parse("---\ntitle: Rapat\nlanjutan kata\n\n---\n")
    assert doc is None and [(e.line, e.field) for e in errors] == [(3, "")]
    assert "nama kolom 'lanjutan'" not in errors[0].message_id


def test_a_header_of_only_a_colon_is_explained_not_a_crash(tmp_path):
    """Found by the property test: ':' alone made the hint code index an empty value."""
    from ktan_content.load import load_content

    (tmp_path / "berita").mkdir()
    (tmp_path / "berita" / "rapat.id.md").write_text("---\n:\n---\nTeks.\n", encoding="utf-8")
    errors = load_content(tmp_path).errors
    assert errors and all(e.path == "berita/rapat.id.md" for e in errors)
