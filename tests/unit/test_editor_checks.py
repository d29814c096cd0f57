"""The editor-facing checks, one rule at a time (no Pelican)."""

from __future__ import annotations

import pytest

from ktan_content.bodylinks import links_in
from ktan_content.frontmatter import parse_data_file, parse_document
from ktan_content.load import load_content
from ktan_content.paths import parse_name
from ktan_content.schema import CONTENT_TYPES, ContentType
from ktan_content.schema.fields import Phone, Text
from ktan_content.validate import validate_document

NEWS = CONTENT_TYPES["berita"]


def parse(text, path="berita/x.id.md"):
    errors = []
    return parse_document(text, path, errors), errors


@pytest.mark.parametrize("filename, fragment, suggestion", [
    ("Rapat Koordinasi.id.md", "tanpa spasi, huruf besar", "rapat-koordinasi.id.md"),
    ("rapat.id.MD", "bukan '.MD'", "rapat.id.md"),
    ("rapat.md", "belum menyebut bahasanya", "rapat.id.md"),
    ("rapat.in.md", "Kode bahasa 'in' tidak dikenal", "rapat.id.md"),
    ("rapat.eng.md", "Kode bahasa 'eng' tidak dikenal", "rapat.en.md"),
    ("rapat.id.md.txt", "di belakang '.md'", "rapat.id.md"),
    ("rapat.docx", "bukan '.docx'", "rapat.id.md"),
    ("Rapat 31.08.2023.id.md", "tanpa spasi", "rapat-31-08-2023.id.md"),
])
def test_file_name_mistakes_get_the_corrected_name(filename, fragment, suggestion):
    name, problem = parse_name(f"berita/{filename}", NEWS)
    assert name is None
    assert fragment in problem.message_id
    assert problem.example == suggestion


@pytest.mark.parametrize("filename, fragment, suggestion", [
    ("dinkes.yaml", "bukan '.yaml'", "dinkes.yml"),
    ("dinkes.md", "bukan '.md'", "dinkes.yml"),
    ("Dinkes Jember.yml", "huruf kecil", "dinkes-jember.yml"),
])
def test_data_file_name_mistakes(filename, fragment, suggestion):
    _, problem = parse_name(f"mitra/{filename}", CONTENT_TYPES["mitra"])
    assert fragment in problem.message_id and problem.example == suggestion


def test_blank_lines_before_front_matter_and_spaces_after_fences_are_fine():
    doc, errors = parse("\n\n--- \ntitle: Judul\n---  \nIsi\n")
    assert not errors and doc.meta == {"title": "Judul"} and doc.body == "Isi\n"
    assert doc.lines["title"] == 4 and doc.body_line == 6


def test_unclosed_quote_points_at_its_line():
    _, errors = parse('---\ntitle: "Judul tanpa penutup\ndate: 2023-08-31\n---\n')
    assert errors[0].line == 2 and "tidak ditutup" in errors[0].message_id


def test_unclosed_list_is_explained():
    _, errors = parse("---\ntitle: Judul\ntags: [satu, dua\n---\n")
    assert "kurung" in errors[0].message_id and errors[0].field == "tags"


def test_tab_after_a_list_dash_is_found():
    _, errors = parse("---\ntitle: Judul\ntags:\n  -\tsatu\n---\n")
    assert "TAB" in errors[0].message_id and errors[0].line == 4


def test_invisible_character_is_explained_with_its_line():
    _, errors = parse("---\ntitle: Judul\x0b\n---\n")
    assert errors[0].line == 2 and "tak terlihat" in errors[0].message_id and errors[0].field == "title"


def test_every_error_in_a_file_is_reported_at_once():
    doc, errors = parse("---\ntitle: ''\ndate: 31-08-2023\ntittle: x\nimage: Foto Rapat.jpg\n---\n")
    fields, problems = validate_document(doc, NEWS)
    assert {p.field for p in problems} == {"title", "date", "tittle", "image"}
    by_field = {p.field: p for p in problems}
    assert "masih kosong" in by_field["title"].message_id
    assert "2023-08-31" in by_field["date"].message_id
    assert by_field["image"].line == 5


def test_empty_optional_fields_count_as_not_given():
    doc, _ = parse("---\ntitle: Judul\ndate: 2023-08-31\nsummary:\nimage: ''\ntags: []\n---\n")
    fields, problems = validate_document(doc, NEWS)
    assert not problems and "summary" not in fields and "image" not in fields


@pytest.mark.parametrize("key, fragment", [("slug", "nama berkas"), ("lang", ".id.md"), ("category", "folder")])
def test_keys_from_other_tools_are_explained(key, fragment):
    doc, _ = parse(f"---\ntitle: Judul\ndate: 2023-08-31\n{key}: x\n---\n")
    _, problems = validate_document(doc, NEWS)
    assert len(problems) == 1 and fragment in problems[0].message_id and problems[0].line == 4


def test_phone_field_normalises_and_explains():
    ctype = ContentType("uji", "data", "Uji", "Test", (Text("title"), Phone("phone")))
    for raw, expected in [("0331 - 487 267", "0331487267"), ("(0331) 487.267", "0331487267"), ("+62 812-3456-7890", "+6281234567890"), ("184", "184")]:
        doc = parse_data_file(f'title: X\nphone: "{raw}"\n', "uji/x.yml", [])
        fields, problems = validate_document(doc, ctype)
        assert not problems and fields["phone"] == expected
    doc = parse_data_file("title: X\nphone: 0331-48x\n", "uji/x.yml", [])
    _, problems = validate_document(doc, ctype)
    assert problems[0].field == "phone" and problems[0].line == 2 and problems[0].example == "phone: 0812-3456-7890"


def test_links_in_code_are_examples_not_links():
    body = "Lihat [a](/a/).\n\n```\n[b](/b/)\n```\n\nDan `[c](/c/)` serta <a href=\"/d/\">d</a>.\n\n[e]: /e/\n"
    assert sorted(url for _, url, _, _ in links_in(body)) == ["/a/", "/d/", "/e/"]


def write(root, rel, text):
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_links_resolve_against_the_language_and_page(tmp_path):
    write(tmp_path, "pages/tentang.id.md", "---\ntitle: T\n---\n[ok](/berita/) [ok2](../berita/) [en](/en/tentang/) [x](/en/berita/tidak-ada/)\n")
    write(tmp_path, "pages/tentang.en.md", "---\ntitle: T\n---\n[ok](../tentang/) [pelican]({filename}/pages/tentang.id.md) [gone]({static}/images/x.png)\n")
    errors = load_content(tmp_path).errors
    assert sorted((e.path, e.message_en.split("'")[1]) for e in errors) == [
        ("pages/tentang.en.md", "{static}/images/x.png"),
        ("pages/tentang.id.md", "/en/berita/tidak-ada/"),
    ]


def test_two_files_with_one_address_are_reported(tmp_path):
    write(tmp_path, "berita/2023/rapat.id.md", "---\ntitle: A\ndate: 2023-08-31\n---\n")
    write(tmp_path, "berita/2024/rapat.id.md", "---\ntitle: B\ndate: 2024-08-31\n---\n")
    errors = load_content(tmp_path).errors
    assert len(errors) == 1 and "sudah dipakai oleh berita/2023/rapat.id.md" in errors[0].message_id


def test_unknown_folder_suggests_the_right_one(tmp_path):
    write(tmp_path, "Berita/rapat.id.md", "---\ntitle: A\n---\n")
    errors = load_content(tmp_path).errors
    assert errors[0].example == "content/berita/rapat.id.md"


def test_a_photo_needs_its_description():
    doc, _ = parse("---\ntitle: Judul\ndate: 2023-08-31\nimage: images/foto.jpg\nimage_alt:\n---\n")
    _, problems = validate_document(doc, NEWS)
    assert [(p.field, p.line) for p in problems] == [("image_alt", 5)]


def test_a_link_to_a_draft_is_broken(tmp_path):
    write(tmp_path, "pages/tentang.id.md", "---\ntitle: T\n---\n[baru](/berita/baru/)\n")
    write(tmp_path, "berita/baru.id.md", "---\ntitle: B\ndate: 2023-08-31\nstatus: draft\n---\n")
    errors = load_content(tmp_path).errors
    assert [(e.path, e.line) for e in errors] == [("pages/tentang.id.md", 4)]


@pytest.mark.parametrize("header, line, field, fragment, example", [
    ("title:Judul\ndate: 2023-08-31\n", 2, "title", "harus ada spasi", "title: Judul"),
    ("date: 2023-08-31\ntitle:Judul\n", 3, "title", "harus ada spasi", "title: Judul"),
    ("title: Judul\n date: 2023-08-31\n", 3, "date", "diawali spasi", "date: 2023-08-31"),
])
def test_spacing_mistakes_point_at_the_right_line(header, line, field, fragment, example):
    _, errors = parse(f"---\n{header}---\n")
    assert [(e.line, e.field, e.example) for e in errors] == [(line, field, example)]
    assert fragment in errors[0].message_id


@pytest.mark.parametrize("raw, fixed", [
    ("31/08/2023", "2023-08-31"), ("31-08-2023 10:00", "2023-08-31 10:00"), ("2023-8-1", "2023-08-01"),
    ("31 Agustus 2023", "2023-08-31"), ("1 Mei 2024 08:00", "2024-05-01 08:00"), ("17 Aug 2024", "2024-08-17"),
])
def test_dates_in_other_forms_get_the_corrected_form(raw, fixed):
    from ktan_content.schema.fields import DateTime, FieldProblem

    with pytest.raises(FieldProblem) as problem:
        DateTime("date").convert(raw)
    assert problem.value.message_id.endswith(f": {fixed}.")


def test_editor_lock_and_backup_files_are_ignored(tmp_path):
    write(tmp_path, "berita/rapat.id.md", "---\ntitle: A\ndate: 2023-08-31\n---\n")
    for name in ("rapat.id.md~", ".rapat.id.md.swp", "~$rapat.docx", "#rapat.id.md#"):
        write(tmp_path, f"berita/{name}", "sementara")
    content = load_content(tmp_path)
    assert not content.errors and [i.path for i in content.items] == ["berita/rapat.id.md"]


def test_a_translation_keeps_dates_and_ids(tmp_path):
    write(tmp_path, "berita/rapat.id.md", "---\ntitle: Rapat\ndate: 2023-08-31 10:00\nmodified: 2023-09-01\n---\n")
    write(tmp_path, "berita/rapat.en.md", "---\ntitle: Meeting\ndate: 2023-08-30 10:00\n---\n")
    write(tmp_path, "pages/tentang.id.md", "---\ntitle: Tentang\nmodified: 2026-11-01\n---\n")
    write(tmp_path, "pages/tentang.en.md", "---\ntitle: About\nmodified: 2026-11-20\n---\n")
    errors = [e for e in load_content(tmp_path).errors if "berbeda" in e.message_id]
    assert [(e.path, e.field, e.line) for e in errors] == [("berita/rapat.en.md", "date", 3)]
    # Either file may hold the typo: both values are named, neither is offered as "the correct example".
    assert "2023-08-30 10:00" in errors[0].message_id and "2023-08-31 10:00" in errors[0].message_id
    assert errors[0].example == ""
