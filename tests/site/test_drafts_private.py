"""Drafts stay private: nothing of a ``status: draft`` file reaches any output.

The real content plus one draft of every content type (and a draft that
cannot even be read) is built with the production settings; every file of the
output (HTML, XML feeds and sitemap, .ics calendars, JSON, JS, the search
index fragments, robots.txt; compressed copies decompressed) is searched for
the drafts' title, file name and source address. The same drafts set to
``published`` must show up in each kind of output: proof that the search
would have found a leak.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

TITLE, SLUG, SOURCE = "zqxjudul", "zqxslug", "zqxsumber"  # unique strings, lowercase as searched
SOURCE_URL = f"https://{SOURCE}.example.org/"


def _sources(kind: str) -> str:
    return f'sources:\n  - title: "Sumber {TITLE} {kind}"\n    url: {SOURCE_URL}{kind}\n'


def _article(kind: str, extra: str, body: str = "", status: str = "draft", lang: str = "id") -> str:
    title = f"{TITLE.capitalize()} {kind} rahasia" if lang == "id" else f"{TITLE.capitalize()} {kind} secret"
    return f"---\ntitle: {title}\nstatus: {status}\n{extra}{_sources(kind)}---\n{body or f'Isi {TITLE} {kind}.'}\n"


SECTIONS_ID = ["Cara pemakaian", "Efek jangka pendek", "Efek jangka panjang", "Risiko dan tanda overdosis",
               "Bahaya mencampur", "Saat keadaan darurat", "Hukumnya"]
SECTIONS_EN = ["How it is used", "Short-term effects", "Long-term effects", "Risks and signs of overdose",
               "Mixing", "In an emergency", "The law"]


def add_drafts(content: Path, status: str = "draft") -> None:
    """One file (both languages where the type has them) of every type, with ``status``."""
    def write(rel: str, text: str):
        (content / rel).write_text(text, encoding="utf-8")

    for lang in ("id", "en"):
        write(f"berita/{SLUG}-berita.{lang}.md", _article(
            "berita", "date: 2026-11-20 10:00\nstakeholders: [dinkes]\ntags: [patrang]\n",
            f"Isi {TITLE}. Baca [halaman](/{'en/' if lang == 'en' else ''}tentang/).", status, lang))
        write(f"kegiatan/{SLUG}-kegiatan.{lang}.md", _article(
            "kegiatan", "start: 2031-05-02 09:00\nduration: 2 jam\ntype: sosialisasi\nstakeholders: [dinkes]\n"
            f"place:\n  name: Balai {TITLE}\n  kecamatan: patrang\n", "", status, lang))
        write(f"pages/{SLUG}-halaman.{lang}.md", _article("halaman", "modified: 2026-11-20\n", "", status, lang))
        headings = SECTIONS_ID if lang == "id" else SECTIONS_EN
        body = "\n\n".join(f"## {h}\n\nTeks {TITLE}." for h in headings)
        write(f"narkoba/{SLUG}-narkoba.{lang}.md", _article(
            "narkoba", f"summary: Ringkasan {TITLE}.\nalso_called: [{TITLE}-jalanan]\nlegal_status: golongan-1\n"
            "regulation: UU 35/2009\nmodified: 2026-11-27\n", body, status, lang))
    write(f"mitra/{SLUG}-mitra.yml", (
        f"name:\n  id: Lembaga {TITLE} rahasia\n  en: {TITLE} secret agency\nstatus: {status}\nshort_name: {TITLE.capitalize()}\n"
        f"group: masyarakat\nrole:\n  id: Peran {TITLE}\n  en: Role {TITLE}\nphone: 0331-999-111\n") + _sources("mitra"))
    write(f"layanan/{SLUG}-layanan.yml", (
        f"name:\n  id: Layanan {TITLE} rahasia\n  en: {TITLE} secret service\nstatus: {status}\nkind: community\n"
        f"description:\n  id: Layanan {TITLE}.\n  en: Service {TITLE}.\nphone: 0331-999-222\noffers: [counselling]\n"
        "verified_on: 2026-11-27\n") + _sources("layanan"))


def add_broken_drafts(content: Path) -> None:
    """Drafts an editor is still writing: unreadable, or with mistakes. Warnings, not failures.

    Plus a fresh ``invoke new`` file of every declared type, so a type added
    later is covered without editing this test.
    """
    from ktan_content.scaffold import new_files
    from ktan_content.schema import CONTENT_TYPES

    for type_name in CONTENT_TYPES:
        new_files(content, type_name, f"{TITLE.capitalize()} baru {type_name}", slug=f"{SLUG}-baru-{type_name}")
    (content / "berita" / f"{SLUG}-rusak.id.md").write_text(
        f'---\ntitle: "{TITLE.capitalize()} tanda kutip tidak ditutup\nstatus: draft\n{_sources("rusak")}---\nIsi.\n',
        encoding="utf-8")
    (content / "kegiatan" / f"{SLUG}-salah.id.md").write_text(
        _article("salah", "start: 31/08/2031\ntype: sosialisasi\nstakeholders: [tidak-ada]\n"), encoding="utf-8")
    (content / "layanan" / f"{SLUG}-kosong.yml").write_text(
        f"name:\n  id: Layanan {TITLE} kosong\n  en: ''\nstatus: draft\nkind: community\nphone: 0331-999-333\n",
        encoding="utf-8")


def build(content: Path, output: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins"), "KTAN_SITEURL": "https://ktan.test"}
    return subprocess.run(
        [sys.executable, "-m", "ktan_build", "--settings", "publishconf.py", "--content", str(content), "--output", str(output)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )


def readable(path: Path) -> str:
    data = path.read_bytes()
    if path.suffix == ".gz" or path.suffix.startswith(".pf_") or data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError):
            pass
    return data.decode("utf-8", "replace").lower()


def leaks(output: Path) -> dict[str, list[str]]:
    """Output file -> which of the draft strings it contains."""
    found = {}
    for path in sorted(output.rglob("*")):
        if not path.is_file() or path.suffix == ".br":  # .br copies are checked through their originals below
            continue
        text = readable(path)
        hits = [token for token in (TITLE, SLUG, SOURCE) if token in text]
        if hits:
            found[path.relative_to(output).as_posix()] = hits
    return found


def kinds(paths) -> set[str]:
    return {re.sub(r"\.gz$", "", p).rsplit(".", 1)[-1] for p in paths}


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("drafts")
    built = {}
    for status in ("draft", "published"):
        content = tmp / f"content-{status}"
        shutil.copytree(ROOT / "content", content)
        add_drafts(content, status)
        if status == "draft":
            add_broken_drafts(content)
        output = tmp / f"output-{status}"
        built[status] = (build(content, output), output)
    return built


def test_published_twins_show_up_everywhere_so_the_search_can_find_leaks(sites):
    result, output = sites["published"]
    assert result.returncode == 0, result.stderr
    found = leaks(output)
    # (sw.js lists fixed pages only and pagefind-entry.json no text: both are searched, neither can hold one)
    assert {"html", "xml", "ics", "pf_fragment", "pf_index"} <= kinds(found), sorted(found)
    for page in ("sumber/index.html", "en/sumber/index.html", "mitra/dinkes/index.html", "layanan/index.html",
                 "kegiatan/index.html", "berita/index.html", "sitemap.xml", "kegiatan/kalender.ics"):
        assert page in found, (page, sorted(found))


def test_no_draft_reaches_any_output(sites):
    result, output = sites["draft"]
    assert result.returncode == 0, result.stderr
    assert (output / "index.html").is_file() and (output / "mitra" / "dinkes" / "index.html").is_file()
    assert len(list(output.rglob("*.br"))) > 10 and len(list(output.rglob("*.gz"))) > 10
    assert leaks(output) == {}


def test_every_compressed_copy_has_a_checked_original(sites):
    _, output = sites["draft"]
    for packed in [*output.rglob("*.br"), *output.rglob("*.gz")]:
        assert packed.with_suffix("").is_file(), packed


def test_draft_mistakes_are_warnings_with_their_place(sites):
    result, _ = sites["draft"]
    report = result.stderr
    assert "Traceback" not in report
    assert f"berita/{SLUG}-rusak.id.md, baris 2, kolom 'title' (draft):" in report
    assert f"kegiatan/{SLUG}-salah.id.md, baris 4, kolom 'start' (draft):" in report
    assert f"layanan/{SLUG}-kosong.yml" in report and "(draft)" in report
    assert "Peringatan:" in report and "situs tetap dibangun" in report
    assert "Situs TIDAK diperbarui" not in report


def test_an_english_draft_waits_while_the_indonesian_page_is_live(tmp_path):
    """'Belum sempat menerjemahkan': the .id page is published, nothing of the .en draft and no link to it."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "tests" / "fixtures" / "editor-mistakes" / "base", content)
    (content / "berita" / f"{SLUG}.id.md").write_text(
        "---\ntitle: Kabar yang sudah tayang\ndate: 2026-11-20 10:00\n---\nIsi.\n", encoding="utf-8")
    (content / "berita" / f"{SLUG}.en.md").write_text(
        f"---\ntitle: {TITLE.capitalize()} translation in progress\nstatus: draft\ndate: 2026-11-20 10:00\n---\nText {TITLE}.\n",
        encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins")}
    result = subprocess.run([sys.executable, "-m", "ktan_build", "--content", str(content), "--output", str(tmp_path / "out")],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    output = tmp_path / "out"
    assert (output / "berita" / SLUG / "index.html").is_file()
    assert not (output / "en" / "berita" / SLUG).exists()
    assert {p for p, hits in leaks(output).items() if hits != [SLUG]} == set()  # the English title is nowhere
    linking = [p for p in output.rglob("*.html") if f"/en/berita/{SLUG}/" in p.read_text(encoding="utf-8")]
    assert not linking, linking
