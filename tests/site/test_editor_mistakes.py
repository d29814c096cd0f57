"""Typical editor mistakes: each gets its own plain-language message, the build
exits non-zero without a traceback, and the last good site stays byte for byte.

Each case is a folder under tests/fixtures/editor-mistakes/cases/ laid over the
small valid site in .../base/ and built with ``python -m ktan_build`` as an
editor would run it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ktan_build import releases
from tests.conftest import ROOT
from tests.sitepages import soup

FIXTURES = ROOT / "tests" / "fixtures" / "editor-mistakes"
BASE = FIXTURES / "base"
CASES = FIXTURES / "cases"

# case -> (file, line or None, field or "", part of the Indonesian message, the example or "" for none)
EXPECTED = {
    "curly-quotes": ("berita/sosialisasi.id.md", 2, "title", "tanda kutip miring", 'title: "Sosialisasi: Bahaya Narkoba"'),
    "slashed-date": ("berita/sosialisasi.id.md", 3, "date", "Tulis tahun-bulan-tanggal: 2023-08-31", "date: 2023-08-31"),
    "tab-in-front-matter": ("berita/sosialisasi.id.md", 3, "date", "karakter TAB", "date: 2023-09-17 08:00"),
    "uppercase-extension": ("berita/sosialisasi.id.MD", None, "", "'.md' dengan huruf kecil, bukan '.MD'", "sosialisasi.id.md"),
    "saved-as-txt": ("berita/sosialisasi.txt", None, "", "harus berakhiran .md (Markdown), bukan '.txt'", "sosialisasi.id.md"),
    "saved-as-markdown": ("pages/kontak.id.markdown", None, "", "bukan '.markdown'", "kontak.id.md"),
    "notepad-added-txt": ("pages/kontak.id.md.txt", None, "", "berakhiran '.txt' di belakang '.md'", "kontak.id.md"),
    "image-name-with-spaces": ("berita/sosialisasi.id.md", 4, "image", "tidak boleh berisi spasi", "image: images/rapat-koordinasi-2023.jpg"),
    "image-file-with-spaces": ("images/Foto Rapat.png", None, "", "Gambar ini dipakai di berita/foto.id.md baris 5", "foto-rapat.png"),
    "missing-image-in-body": ("berita/sosialisasi.id.md", 7, "", "Gambar '/images/sosialisasi-smpn3.jpg' tidak ditemukan", "![Keterangan foto](/images/nama-foto.jpg)"),
    "image-without-alt": ("berita/sosialisasi.id.md", 7, "", "belum punya teks pengganti (alt)", "![Peserta sosialisasi di balai kelurahan](/images/peserta.png)"),
    "broken-internal-link": ("pages/kontak.id.md", 4, "", "Tautan '/tentng/' menuju halaman yang tidak ada", "[Tentang program](/tentang/)"),
    "stakeholder-id-typo": ("berita/sosialisasi.id.md", 4, "stakeholders", "Kode 'satresnarkob' tidak ada di content/mitra/. Mungkin maksudnya: satresnarkoba", "satresnarkoba"),
    "unknown-field-typo": ("berita/sosialisasi.id.md", 2, "tittle", "Mungkin maksudnya: title?", "title: ..."),
    "translation-without-indonesian": ("berita/outreach.en.md", None, "", "tidak punya berkas bahasa Indonesia 'outreach.id.md'", "outreach.id.md"),
    "duplicate-field": ("berita/sosialisasi.id.md", 4, "title", "ditulis dua kali (juga di baris 2)", "title: ..."),
    "file-outside-folders": ("sosialisasi.id.md", None, "", "ada langsung di folder content/", "content/berita/sosialisasi.id.md"),
    "page-takes-section-name": ("pages/berita.id.md", None, "", "sudah dipakai untuk bagian situs /berita/", "tentang-berita.id.md"),
    "front-matter-not-closed": ("berita/sosialisasi.id.md", 1, "", "Bagian kepala tidak ditutup", "---"),
    # Second round (issue 13).
    "empty-source-for-number": ("layanan/uji.yml", 8, "phone", "Nomor '0331-000-111' tidak punya sumber",
                                "sources:\n  - title: BNN RI - Call Center 184\n    url: https://bnn.go.id/"),
    "unreadable-file-one-message": ("berita/kabar-baik.id.md", 2, "title", 'Tanda kutip (") dibuka di baris ini', 'title: "Kabar baik dari situs uji"'),
    "tab-in-stakeholder-file": ("mitra/dinkes.yml", 5, "group", "karakter TAB", "group: perangkat-daerah"),
    "unclosed-quote-in-data-file": ("mitra/dinkes.yml", 2, "name", 'Tanda kutip (") dibuka di baris ini', 'id: "Dinas Kesehatan"'),
    "unclosed-quote-far-from-error": ("berita/sosialisasi.id.md", 4, "summary", "Tanda kutip (') dibuka di baris ini", "summary: 'Ringkasan yang belum ditutup'"),
    "non-breaking-space-in-date": ("berita/sosialisasi.id.md", 3, "date", "(spasi tak-putus, U+00A0) pada huruf ke-11, sesudah '2023-09-17'", "date: 2023-09-17 08:00"),
    "zero-width-space-in-field-name": ("berita/sosialisasi.id.md", 2, "title", "(spasi lebar-nol, U+200B) pada huruf ke-6", "title: ..."),
    "wita-time": ("berita/sosialisasi.id.md", 3, "date", "WITA = WIB + 1 jam, jadi '2023-09-17 08:30 WITA' adalah 2023-09-17 07:30 WIB", "date: 2023-09-17 07:30"),
    "time-with-pagi": ("berita/sosialisasi.id.md", 3, "date", "jam 24 jam dengan titik dua: 2023-09-17 08:30", "date: 2023-09-17 08:30"),
    "month-first-date": ("berita/sosialisasi.id.md", 3, "date", "bulan/tanggal/tahun (gaya Amerika). Tulis tahun-bulan-tanggal: 2027-01-15", "date: 2027-01-15"),
    "translation-date-differs": ("berita/kabar-baik.en.md", 3, "date", "di sini (2023-08-13 10:00) berbeda dengan berkas bahasa Indonesia berita/kabar-baik.id.md (2023-08-31 10:00)", ""),
    "translation-event-time-differs": ("kegiatan/sosialisasi-balai.en.md", 3, "start", "di sini (2031-05-02 10:00) berbeda dengan berkas bahasa Indonesia kegiatan/sosialisasi-balai.id.md (2031-05-02 09:00)", ""),
    "translation-cancelled-in-one-language": ("kegiatan/sosialisasi-balai.en.md", 1, "status", "Status di sini (published) berbeda dengan berkas bahasa Indonesia kegiatan/sosialisasi-balai.id.md (cancelled)", ""),
    "translation-event-duration-differs": ("kegiatan/sosialisasi-balai.en.md", 4, "duration", "di sini (90 menit) berbeda dengan berkas bahasa Indonesia kegiatan/sosialisasi-balai.id.md (2 jam)", ""),
    "unpublish-linked-page": ("berita/kabar-baik.en.md", 6, "", "tetapi halaman itu tidak tayang: pages/tentang.en.md berstatus draft", ""),
    "link-to-source-file": ("pages/kontak.id.md", 4, "", "menuju berkas sumber, bukan halamannya; di situs berkas itu tidak ada. Tulis alamat halamannya: /berita/kabar-baik/", "[Kabar baik dari situs uji](/berita/kabar-baik/)"),
    "link-to-missing-anchor": ("pages/kontak.id.md", 6, "", "menuju bagian '#jam-bukaa' yang tidak ada di halaman /kontak/. Bagian yang ada: #jam-buka", "[teks tautan](#jam-buka)"),
    "raw-img-without-alt": ("berita/sosialisasi.id.md", 7, "", "Gambar belum punya teks pengganti (alt) di atribut alt", '<img src="/images/peserta.png" alt="Peserta sosialisasi di balai kelurahan">'),
    "missing-colon": ("berita/sosialisasi.id.md", 2, "title", "tidak punya titik dua (:) sesudah nama kolom 'title'", "title: Sosialisasi bahaya narkoba"),
    "text-after-closing-quote": ("berita/sosialisasi.id.md", 2, "title", "Ada teks sesudah tanda kutip penutup", "title: '\"Sosialisasi\" bahaya narkoba'"),
    "used-camera-image": ("images/IMG_1234.JPG", None, "", "Gambar ini dipakai di berita/sosialisasi.id.md baris 7: ganti nama berkasnya menjadi 'img-1234.jpg'", "img-1234.jpg"),
}

# Cases that must build: case -> (the warning's location or "", part of its message or "")
BUILDS = {
    "colon-in-title": ("", ""),  # Pelican's own metadata reads it; so do we
    "unused-camera-image": ("images/IMG_1234.JPG (peringatan / warning):", "Belum ada halaman yang memakainya"),
    "draft-with-mistakes": ("berita/rencana.id.md, baris 4, kolom 'date' (draft):", "karakter TAB"),
    "cancelled-event": ("", ""),
}


def example_text(example: str) -> str:
    """How the report shows a correct example (a multi-line one indented below its label)."""
    if "\n" in example:
        return "Contoh yang benar:\n" + "\n".join("    " + line for line in example.split("\n"))
    return f"Contoh yang benar: {example}"


def location(path: str, line, field: str) -> str:
    where = path + (f", baris {line}" if line else "") + (f", kolom '{field}'" if field else "")
    return where + ":"


def run_build(content: Path, output: Path, *extra: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins")}
    return subprocess.run(
        [sys.executable, "-m", "ktan_build", "--content", str(content), "--output", str(output), *extra],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )


def tree_hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def data_file_with_examples(type_name: str, **values: str) -> str:
    """A data file of ``type_name`` with every required field set to its declared example."""
    from ktan_content.schema import CONTENT_TYPES

    lines = []
    for field in CONTENT_TYPES[type_name].fields:
        if field.name in values:
            lines.append(f"{field.name}: {values[field.name]}")
        elif field.required:
            lines.append(f"{field.name}: {field.example}")
    return "\n".join(lines) + "\n"


def make_content(tmp_path: Path, case: str | None = None) -> Path:
    content = tmp_path / "content"
    shutil.copytree(BASE, content)
    if case:
        shutil.copytree(CASES / case, content, dirs_exist_ok=True)
    if case == "stakeholder-id-typo":
        (content / "mitra").mkdir()
        (content / "mitra" / "satresnarkoba.yml").write_text(data_file_with_examples("mitra"), encoding="utf-8")
    return content


@pytest.fixture(scope="module")
def last_good_site(tmp_path_factory):
    """The base site, built once; every broken build below targets this folder."""
    tmp = tmp_path_factory.mktemp("editor-mistakes")
    output = tmp / "output"
    result = run_build(make_content(tmp), output)
    assert result.returncode == 0, result.stderr
    return output, tree_hashes(output)


def test_every_case_folder_has_an_expectation():
    assert sorted(p.name for p in CASES.iterdir()) == sorted([*EXPECTED, *BUILDS])


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_mistake_is_explained_and_live_site_untouched(case, tmp_path, last_good_site):
    output, before = last_good_site
    path, line, field, message, example = EXPECTED[case]
    result = run_build(make_content(tmp_path, case), output)
    report = result.stderr
    assert result.returncode == 1, report
    assert "Traceback" not in report + result.stdout
    assert location(path, line, field) in report
    assert message in report
    if example:
        assert example_text(example) in report
    else:  # no value to offer (e.g. which of two files holds the typo is the editor's call)
        assert "Contoh yang benar" not in report
    assert "\\n" not in report, "a literal \\n in a message"
    assert "(EN) " in report and "Situs TIDAK diperbarui" in report
    if case != "stakeholder-id-typo":  # its generated stakeholder file follows another team's schema
        assert "Ditemukan 1 masalah" in report, "one mistake, one message"
    assert tree_hashes(output) == before, "a failed build changed the live site"
    assert not releases.leftovers(output), "staging folder left behind"


@pytest.mark.parametrize("case", sorted(BUILDS))
def test_accepted_case_builds_and_warns_where_it_should(case, tmp_path):
    where, message = BUILDS[case]
    output = tmp_path / "output"
    result = run_build(make_content(tmp_path, case), output)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    if where:
        assert where in result.stderr and message in result.stderr
        assert "Peringatan: 1 masalah" in result.stderr
    else:
        assert "Peringatan" not in result.stderr, result.stderr
    CHECK_OUTPUT[case](output)


def _colon_title_is_published(output: Path):
    assert soup(output / "berita" / "sosialisasi" / "index.html").h1.get_text(strip=True) == "Sosialisasi: Bahaya Narkoba bagi Pelajar"


def _draft_is_not_published(output: Path):
    assert not (output / "berita" / "rencana").exists()
    assert not [p for p in output.rglob("*.html") if "Rencana tes urine" in p.read_text(encoding="utf-8")]


def _cancelled_event_is_marked_everywhere(output: Path):
    import json

    page = soup(output / "kegiatan" / "sosialisasi-balai" / "index.html")
    assert page.h1.get_text(" ", strip=True) == "Dibatalkan: Sosialisasi di balai kelurahan"
    assert "Kegiatan ini dibatalkan." in page.select_one("main").get_text(" ")
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    english = soup(output / "en" / "kegiatan" / "sosialisasi-balai" / "index.html")
    assert english.h1.get_text(" ", strip=True) == "Cancelled: Outreach at the village hall"
    card = [li for li in soup(output / "kegiatan" / "index.html").select(".kt-event-card") if "balai" in li.get_text()]
    assert card and card[0].h3.get_text(" ", strip=True).startswith("Dibatalkan:")
    for ics in (output / "kegiatan" / "sosialisasi-balai" / "sosialisasi-balai.ics", output / "kegiatan" / "kalender.ics"):
        text = ics.read_text(encoding="utf-8")
        assert "STATUS:CANCELLED" in text and "SEQUENCE:1" in text, ics


CHECK_OUTPUT = {
    "colon-in-title": _colon_title_is_published,
    "unused-camera-image": lambda output: (output / "index.html").is_file(),
    "draft-with-mistakes": _draft_is_not_published,
    "cancelled-event": _cancelled_event_is_marked_everywhere,
}


def test_all_errors_are_reported_in_one_run(tmp_path, last_good_site):
    output, before = last_good_site
    content = make_content(tmp_path)
    for case in ("slashed-date", "uppercase-extension", "broken-internal-link", "image-file-with-spaces"):
        shutil.copytree(CASES / case, content, dirs_exist_ok=True)
    (content / "berita" / "sosialisasi.id.MD").rename(content / "berita" / "lain.id.MD")
    result = run_build(content, output)
    assert result.returncode == 1
    for case in ("slashed-date", "broken-internal-link", "image-file-with-spaces"):
        path, line, field, message, _ = EXPECTED[case]
        assert location(path, line, field) in result.stderr
        assert message in result.stderr
    assert "berita/lain.id.MD:" in result.stderr
    assert "Ditemukan 4 masalah pada konten" in result.stderr
    assert tree_hashes(output) == before


def test_check_only_reports_the_same_without_building(tmp_path):
    content = make_content(tmp_path, "slashed-date")
    result = run_build(content, tmp_path / "never-built", "--check")
    assert result.returncode == 1
    assert location("berita/sosialisasi.id.md", 3, "date") in result.stderr
    assert not (tmp_path / "never-built").exists()


def test_bom_and_windows_line_endings_build_like_plain_files(tmp_path):
    content = make_content(tmp_path)
    text = "---\ntitle: Sosialisasi dari Notepad\ndate: 2023-09-17 08:00\n---\nBaris pertama.\n\nBaris kedua.\n"
    (content / "berita" / "notepad.id.md").write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    result = run_build(content, tmp_path / "output")
    assert result.returncode == 0, result.stderr
    page = soup(tmp_path / "output" / "berita" / "notepad" / "index.html")
    assert page.h1.get_text(strip=True) == "Sosialisasi dari Notepad"
    assert [p.get_text() for p in page.select("main p") if p.get_text().startswith("Baris")] == ["Baris pertama.", "Baris kedua."]
    assert "\r" not in (tmp_path / "output" / "berita" / "notepad" / "index.html").read_text(encoding="utf-8")


def test_valid_links_images_and_relative_links_pass(last_good_site):
    output, _ = last_good_site
    assert not (output / "images" / "peserta.png").exists()  # originals are published as derivatives only
    img = soup(output / "berita" / "kabar-baik" / "index.html").select_one("main .kt-prose picture img")
    assert img["alt"] == "Kotak abu-abu kecil" and (output / img["src"].lstrip("/")).is_file()
    assert soup(output / "en" / "berita" / "kabar-baik" / "index.html").select_one('main a[href="../../tentang/"]')


def _phone_type():
    from ktan_content.schema import CONTENT_TYPES
    from ktan_content.schema.fields import Phone

    for ctype in CONTENT_TYPES.values():
        for field in ctype.fields:
            if isinstance(field, Phone) and not ctype.per_language:
                return ctype.name, field.name
    pytest.skip("no data type declares a phone field yet")


def test_phone_with_spaces_and_dashes_is_normalised(tmp_path):
    from ktan_content.load import load_content

    type_name, field_name = _phone_type()
    content = make_content(tmp_path)
    (content / type_name).mkdir()
    (content / type_name / "uji.yml").write_text(
        data_file_with_examples(type_name, **{field_name: '"(0331) 000 - 111"'}), encoding="utf-8"
    )
    loaded = load_content(content)
    item = loaded.data(type_name)["uji"]
    assert item.fields[field_name] == "0331000111"
    assert not [e for e in loaded.errors if e.field == field_name and "tidak sah" in e.message_id]


def test_phone_with_letters_is_explained(tmp_path, last_good_site):
    output, before = last_good_site
    type_name, field_name = _phone_type()
    content = make_content(tmp_path)
    (content / type_name).mkdir()
    (content / type_name / "uji.yml").write_text(
        data_file_with_examples(type_name, **{field_name: "0331-000-11x"}), encoding="utf-8"
    )
    result = run_build(content, output)
    assert result.returncode == 1
    assert f"{type_name}/uji.yml, baris" in result.stderr and f"kolom '{field_name}'" in result.stderr
    assert "Nomor telepon '0331-000-11x' tidak sah" in result.stderr
    assert tree_hashes(output) == before


def test_missing_content_folder_is_explained(tmp_path):
    result = run_build(tmp_path / "tidak-ada", tmp_path / "output")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "Folder konten" in result.stderr and "tidak ditemukan" in result.stderr


def test_running_outside_the_project_folder_is_explained(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins")}
    result = subprocess.run([sys.executable, "-m", "ktan_build", "--check"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "Berkas pengaturan 'pelicanconf.py' tidak ditemukan" in result.stderr
