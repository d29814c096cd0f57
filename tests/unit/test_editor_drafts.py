"""Drafts at the lowest level: the content set hides them, their problems only warn."""

from __future__ import annotations

from pathlib import Path

import pytest

from ktan_content.load import load_content
from ktan_content.scaffold import render
from ktan_content.schema import CONTENT_TYPES, ContentType
from ktan_content.schema.common import STATUS
from ktan_content.schema.fields import Text

MITRA = "name:\n  id: Dinas Kesehatan\n  en: Health Office\nshort_name: Dinkes\ngroup: perangkat-daerah\n" \
        "role:\n  id: Kesehatan\n  en: Health\nsources:\n  - title: Sumber\n    url: https://example.org/\n"


def write_photo(root: Path, rel: str) -> None:
    """A real (tiny) image: a file that is not one gets its own message from the photo check."""
    from PIL import Image

    (root / rel).parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (4, 4)).save(root / rel, "PNG")


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def news(title: str = "Rapat", status: str = "", extra: str = "") -> str:
    line = f"status: {status}\n" if status else ""
    return f"---\ntitle: {title}\n{line}date: 2023-08-31 10:00\n{extra}---\nIsi.\n"


@pytest.mark.parametrize("type_name", sorted(CONTENT_TYPES))
def test_every_type_declares_status_and_new_files_start_as_drafts(type_name):
    ctype = CONTENT_TYPES[type_name]
    status = ctype.field_map()["status"]
    assert status.default == "draft" and not status.required
    assert {"published", "draft"} <= set(status.choices)
    assert "\nstatus: draft\n" in "\n" + render(ctype, "Judul", "id" if ctype.per_language else "")


def test_a_type_that_forgets_status_still_gets_it():
    ctype = ContentType("uji", "data", "Uji", "Test", (Text("title"),))
    assert ctype.field_map()["status"] is STATUS


def test_only_events_can_be_cancelled():
    cancellable = {name for name, t in CONTENT_TYPES.items() if "cancelled" in t.field_map()["status"].choices}
    assert cancellable == {"kegiatan"}


def test_lookups_give_published_items_unless_drafts_are_asked_for(tmp_path):
    write(tmp_path, "berita/terbit.id.md", news())
    write(tmp_path, "berita/rencana.id.md", news("Rencana", "draft"))
    write(tmp_path, "mitra/dinkes.yml", MITRA)
    write(tmp_path, "mitra/baru.yml", MITRA + "status: draft\n")
    content = load_content(tmp_path)
    assert not content.errors and not content.warnings
    assert [i.path for i in content.items] == ["berita/terbit.id.md", "mitra/dinkes.yml"]
    assert [i.slug for i in content.of_type("berita")] == ["terbit"]
    assert list(content.data("mitra")) == ["dinkes"]
    assert content.find("berita", "rencana", "id") is None and "berita/rencana.id.md" not in content.by_path()
    assert content.find("berita", "rencana", "id", drafts=True).is_draft
    assert sorted(content.data("mitra", drafts=True)) == ["baru", "dinkes"]
    assert len(content.by_path(drafts=True)) == 4


def test_problems_in_drafts_are_warnings_and_in_published_files_errors(tmp_path):
    write(tmp_path, "berita/rencana.id.md", news("Rencana", "draft", "stakeholders: [tidak-ada]\n"))
    write(tmp_path, "berita/rusak.id.md", '---\ntitle: "Belum ditutup\nstatus: draft\ndate: 2023-08-31\n---\n')
    write(tmp_path, "berita/terbit.id.md", news(extra="stakeholders: [tidak-ada]\n"))
    content = load_content(tmp_path)
    assert [(e.path, e.field) for e in content.errors] == [("berita/terbit.id.md", "stakeholders")]
    assert sorted((e.path, e.field, e.line) for e in content.warnings) == [
        ("berita/rencana.id.md", "stakeholders", 5), ("berita/rusak.id.md", "title", 2)]
    assert all(w.draft and "(draft)" in w.format() for w in content.warnings)


def test_a_published_translation_of_a_draft_is_explained(tmp_path):
    write(tmp_path, "berita/rapat.id.md", news(status="draft"))
    write(tmp_path, "berita/rapat.en.md", news("Meeting"))
    write(tmp_path, "berita/kabar.id.md", news())
    write(tmp_path, "berita/kabar.en.md", news("News", "draft"))  # English still being written: fine
    content = load_content(tmp_path)
    assert not content.warnings
    assert [(e.path, e.field, e.example) for e in content.errors] == [("berita/rapat.en.md", "status", "status: draft")]
    assert "masih draft" in content.errors[0].message_id


def test_a_link_from_published_to_draft_stakeholder_names_the_draft(tmp_path):
    write(tmp_path, "mitra/baru.yml", MITRA + "status: draft\n")
    write(tmp_path, "berita/rapat.id.md", news(extra="stakeholders: [baru]\n"))
    (error,) = load_content(tmp_path).errors
    assert (error.path, error.field, error.line) == ("berita/rapat.id.md", "stakeholders", 4)
    assert "masih draft (mitra/baru.yml" in error.message_id and error.example == ""


def test_an_unreadable_file_gives_one_message_not_its_consequences(tmp_path):
    write(tmp_path, "berita/rapat.id.md", "---\ntitle: Rapat: koordinasi: x\n\tdate: 2023-08-31\n---\n")
    write(tmp_path, "berita/rapat.en.md", news("Meeting"))
    write(tmp_path, "mitra/dinkes.yml", MITRA.replace("group: perangkat-daerah", "group:\tperangkat-daerah"))
    write(tmp_path, "berita/lain.id.md", news(extra="stakeholders: [dinkes]\n"))
    errors = load_content(tmp_path).errors
    assert sorted(e.path for e in errors) == ["berita/rapat.id.md", "mitra/dinkes.yml"], [e.format() for e in errors]


# Held-out cases: variants of the defects that the corpus does not spell out.

SERVICE = ("name:\n  id: Layanan\n  en: Service\nkind: community\ndescription:\n  id: Konseling.\n  en: Counselling.\n"
           "phone: 0331-000-111\noffers: [counselling]\nverified_on: 2026-11-27\n")


@pytest.mark.parametrize("sources", [
    "sources:\n  - title: '   '\n    url: '  '\n",
    "sources: []\n",
    "sources:\n  -\n",
    "sources:\n",
])
def test_blank_sources_never_count_as_a_source(tmp_path, sources):
    write(tmp_path, "layanan/uji.yml", SERVICE + sources)
    (error,) = load_content(tmp_path).errors
    assert (error.field, error.line) == ("phone", 8) and "tidak punya sumber" in error.message_id
    assert "\\n" not in error.example and error.example.startswith("sources:\n  - title:")


def test_a_source_with_an_address_but_no_title_is_explained(tmp_path):
    write(tmp_path, "layanan/uji.yml", SERVICE + "sources:\n  - title: ''\n    url: https://example.org/\n")
    (error,) = load_content(tmp_path).errors
    assert error.field == "sources" and "perlu 'title:'" in error.message_id


def test_invisible_character_inside_a_choice_is_located(tmp_path):
    write(tmp_path, "mitra/dinkes.yml", MITRA.replace("group: perangkat-daerah", "group: perangkat\u00a0daerah"))
    (error,) = load_content(tmp_path).errors
    assert (error.field, error.line) == ("group", 5)
    assert "U+00A0) pada huruf ke-10, sesudah 'perangkat'" in error.message_id
    assert error.example == "group: perangkat-daerah"  # 'perangkat daerah' would not be a valid choice either


def test_a_title_with_only_an_invisible_character_is_accepted_not_rejected(tmp_path):
    write(tmp_path, "berita/rapat.id.md", news("Rapat\u00a0koordinasi"))
    content = load_content(tmp_path)
    assert not content.errors and content.items[0].fields["title"] == "Rapat\u00a0koordinasi"


def test_a_link_to_a_drafts_source_file_says_it_is_a_draft(tmp_path):
    write(tmp_path, "berita/rencana.id.md", news("Rencana", "draft"))
    write(tmp_path, "berita/rapat.id.md", news() + "Lihat [rencana](rencana.id.md).\n")
    (error,) = load_content(tmp_path).errors
    assert "berstatus draft" in error.message_id and error.line == 6


def test_a_link_to_a_page_that_cannot_be_read_gives_no_second_message(tmp_path):
    write(tmp_path, "pages/tentang.id.md", "---\ntitle: 'Tentang\n---\n")
    write(tmp_path, "berita/rapat.id.md", news() + "Lihat [tentang](/tentang/).\n")
    assert [e.path for e in load_content(tmp_path).errors] == ["pages/tentang.id.md"]


def test_anchors_on_the_services_page_are_checked_against_the_services(tmp_path):
    write(tmp_path, "layanan/bnn.yml", SERVICE + "sources:\n  - title: BNN\n    url: https://bnn.go.id/\n")
    write(tmp_path, "berita/rapat.id.md", news() + "[a](/layanan/#layanan-bnn) [b](/layanan/#layanan-bnm) [c](/layanan/#kt-kind-helpline)\n")
    (error,) = load_content(tmp_path).errors
    assert "'#layanan-bnm'" in error.message_id and error.example == "[teks tautan](/layanan/#layanan-bnn)"


def test_uppercase_img_tag_with_empty_alt_is_caught(tmp_path):
    write_photo(tmp_path, "images/foto.png")
    write(tmp_path, "berita/rapat.id.md", news() + '<IMG SRC="/images/foto.png" ALT="">\n<img alt="Foto" src="/images/foto.png">\n')
    (error,) = load_content(tmp_path).errors
    assert error.line == 6 and "teks pengganti (alt)" in error.message_id


def test_an_image_field_naming_a_camera_file_gives_one_message(tmp_path):
    write_photo(tmp_path, "images/IMG_1234.JPG")
    write(tmp_path, "berita/rapat.id.md", news(extra="image: images/IMG_1234.JPG\nimage_alt: Foto rapat\n"))
    content = load_content(tmp_path)
    assert [(e.path, e.field) for e in content.errors] == [("berita/rapat.id.md", "image")]
    assert not content.warnings


def test_wit_time_after_midnight_moves_to_the_day_before(tmp_path):
    write(tmp_path, "berita/rapat.id.md", news().replace("2023-08-31 10:00", "2023-09-01 01:00 WIT"))
    (error,) = load_content(tmp_path).errors
    assert error.example == "date: 2023-08-31 23:00" and "WIT = WIB + 2 jam" in error.message_id


@pytest.mark.parametrize("raw", ["32/13/2023", "2023-13-45", "hari ini"])
def test_impossible_dates_get_no_made_up_correction(tmp_path, raw):
    write(tmp_path, "berita/rapat.id.md", news().replace("2023-08-31 10:00", raw))
    (error,) = load_content(tmp_path).errors
    assert raw not in error.example and "13" not in error.example.split(":", 1)[-1][5:8]


def test_unclosed_quote_in_a_source_list_points_at_its_line(tmp_path):
    write(tmp_path, "mitra/dinkes.yml", MITRA.replace("  - title: Sumber", '  - title: "Sumber'))
    (error,) = load_content(tmp_path).errors
    assert (error.field, error.line) == ("sources", 10) and "dibuka di baris ini" in error.message_id


def test_a_draft_taking_a_live_address_warns_and_the_live_page_still_builds(tmp_path):
    write(tmp_path, "mitra/a/dinkes.yml", MITRA + "status: draft\n")  # read first, but only a draft
    write(tmp_path, "mitra/b/dinkes.yml", MITRA)
    content = load_content(tmp_path)
    assert not content.errors
    assert [w.path for w in content.warnings] == ["mitra/a/dinkes.yml"] and "sudah dipakai" in content.warnings[0].message_id
