"""Live preview: the real pipeline on save, a reload script only in served pages, errors in the browser."""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import threading
import urllib.error
import urllib.request

import pytest

from ktan_preview.rebuild import Rebuilder
from ktan_preview.server import inject, make_server
from ktan_preview.watch import needs_restart, relevant
from tests.conftest import ROOT

NEWS = "berita/rapat-koordinasi-kampung-tangguh-anti-narkoba"


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    """A preview of a copy of the real content, built once, served on a free port."""
    work = tmp_path_factory.mktemp("preview")
    content = shutil.copytree(ROOT / "content", work / "content")
    rebuilder = Rebuilder("pelicanconf.py", str(work / "output"), str(content))
    import os

    cwd = os.getcwd()
    os.chdir(ROOT)
    first = rebuilder.run()
    server = make_server(rebuilder, work / "output", port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield {"work": work, "content": content, "rebuilder": rebuilder, "first": first,
           "url": f"http://127.0.0.1:{server.server_address[1]}"}
    server.shutdown()
    server.server_close()
    os.chdir(cwd)


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def test_first_build_works_and_the_output_has_no_preview_script(preview):
    assert preview["first"].ok, preview["first"].report
    pages = list((preview["work"] / "output").rglob("*.html"))
    assert len(pages) > 10
    assert not [p for p in pages if "__preview" in p.read_text(encoding="utf-8")]


def test_served_pages_carry_the_reload_script(preview):
    status, page = get(preview["url"] + f"/{NEWS}/")
    assert status == 200
    assert page.count('<script src="/__preview/reload.js?g=') == 1
    assert page.index("/__preview/reload.js") < page.index("</body>")
    status, script = get(preview["url"] + "/__preview/reload.js")
    assert status == 200 and "location.reload()" in script


def test_nothing_the_preview_serves_is_cached(preview):
    """Every answer is the latest build: pages, files from disk, the reload API (``ktan_cms.responses``)."""
    static_file = next(p for p in (preview["work"] / "output").rglob("*") if p.is_file() and p.suffix in (".css", ".svg", ".png"))
    paths = ["/", f"/{NEWS}/", "/__preview/reload.js", "/" + static_file.relative_to(preview["work"] / "output").as_posix()]
    for path in paths:
        with urllib.request.urlopen(preview["url"] + path, timeout=30) as response:
            assert response.headers["Cache-Control"] == "no-store", path


def test_a_broken_edit_keeps_the_last_good_site_and_explains_in_the_browser(preview):
    rebuilder, content = preview["rebuilder"], preview["content"]
    target = content / f"{NEWS}.id.md"
    good = target.read_text(encoding="utf-8")
    live_page = preview["work"] / "output" / NEWS / "index.html"
    before = live_page.read_bytes()
    try:
        target.write_text(good.replace("date: 2023-08-31\n", "date: 31/08/2023\n"), encoding="utf-8")
        failed = rebuilder.run()
        assert not failed.ok
        assert f"{NEWS}.id.md" in failed.report and "2023-08-31" in failed.report
        assert live_page.read_bytes() == before
        status, page = get(preview["url"] + f"/{NEWS}/")
        assert status == 500
        assert f"{NEWS}.id.md" in page and "/__preview/reload.js" in page
    finally:
        target.write_text(good.replace("Pada Kamis", "Pada hari Kamis"), encoding="utf-8")
    fixed = rebuilder.run()
    assert fixed.ok and fixed.generation == failed.generation + 1
    status, page = get(preview["url"] + f"/{NEWS}/")
    assert status == 200 and "Pada hari Kamis" in page


def test_a_draft_with_mistakes_warns_in_the_browser_and_the_site_still_updates(preview):
    rebuilder, content = preview["rebuilder"], preview["content"]
    draft = content / "berita" / "rencana-rahasia.id.md"
    try:
        draft.write_text("---\ntitle: Rencana rahasia\nstatus: draft\ndate: 31/08/2031\n---\nIsi.\n", encoding="utf-8")
        outcome = rebuilder.run()
        assert outcome.ok, outcome.report
        assert "berita/rencana-rahasia.id.md, baris 4, kolom 'date' (draft):" in outcome.warnings
        status, page = get(preview["url"] + f"/{NEWS}/")
        assert status == 200
        assert page.index("Peringatan pratinjau") < page.index("kolom &#x27;date&#x27; (draft)") < page.index("</body>")
        assert not (preview["work"] / "output" / "berita" / "rencana-rahasia").exists()
    finally:
        draft.unlink()
    clean = rebuilder.run()
    assert clean.ok and not clean.warnings
    assert "Peringatan pratinjau" not in get(preview["url"] + f"/{NEWS}/")[1]


def test_the_browser_waits_for_the_next_build(preview):
    rebuilder = preview["rebuilder"]
    seen = rebuilder.last.generation
    status, body = get(preview["url"] + f"/__preview/wait?g={seen - 1}")
    assert json.loads(body)["generation"] == seen  # an older page reloads at once
    answer = {}
    waiter = threading.Thread(target=lambda: answer.update(json.loads(get(preview["url"] + f"/__preview/wait?g={seen}")[1])))
    waiter.start()
    rebuilder.run()
    waiter.join(timeout=60)
    assert answer == {"generation": seen + 1, "ok": True}


def test_inject_puts_the_script_before_the_end_of_body():
    assert inject("<html><body><p>x</p></body></html>", 7) == (
        '<html><body><p>x</p><script src="/__preview/reload.js?g=7" defer></script></body></html>'
    )


def test_what_triggers_a_rebuild_or_a_restart():
    assert relevant("content/berita/a.id.md") and relevant("theme/templates/base.html")
    assert not relevant("content/berita/.#a.id.md") and not relevant("theme/translations/id/LC_MESSAGES/messages.mo")
    assert not relevant("plugins/x/__pycache__/y.pyc")
    assert needs_restart(["plugins/events/events.py"]) and not needs_restart(["content/berita/a.id.md"])


@pytest.fixture()
def synthetic_preview(tmp_path):
    from bench.synthetic import generate

    content = tmp_path / "content"
    generate(content, 12)
    frozen = {"KTAN_NOW": "2024-06-01 12:00"}  # events depend on the build time: the same for both builds
    return content, Rebuilder("pelicanconf.py", str(tmp_path / "preview"), str(content), frozen), frozen


def _html_files(site):
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("*.html")}


def _same_as_a_fresh_build(content, preview_out, frozen, tmp_path, name, drafts=False):
    """Every file of the preview equals a fresh build's (the preview skips the search index and compression).

    ``drafts``: the fresh build shows drafts as the preview does (its pages must match too).
    """
    from ktan_build import build
    from ktan_build.pipeline import load_settings
    from ktan_preview.rebuild import SKIPPED_STEPS

    steps = [s for s in load_settings("pelicanconf.py")["KTAN_POSTBUILD"] if s not in SKIPPED_STEPS]
    fresh = tmp_path / name
    with _a_new_process_for_images():
        build("pelicanconf.py", fresh, overrides={"PATH": str(content), "KTAN_POSTBUILD": steps, **frozen,
                                                  "KTAN_PREVIEW_DRAFTS": drafts})
    expected, actual = _all_files(fresh), _all_files(preview_out)
    assert sorted(actual) == sorted(expected)
    assert [path for path in expected if actual[path] != expected[path]] == []


@contextlib.contextmanager
def _a_new_process_for_images():
    """The fresh build sees none of the preview's image bookkeeping, as in its own process.

    ``ktan_images`` keeps the files a site needs per content folder for the life of
    the process (the preview reuses pages without rendering them); a fresh build
    in the test's process would otherwise publish whatever the preview still lists.
    """
    from ktan_images import ktan_images

    names = ("NEEDED", "PENDING", "CARD_OF_PAGE", "RETIRED", "LINKED")
    saved = {name: getattr(ktan_images, name) for name in names}
    for name, value in saved.items():
        setattr(ktan_images, name, type(value)())
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(ktan_images, name, value)


def _all_files(site):
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_preview_edits_equal_a_fresh_build(synthetic_preview, tmp_path, monkeypatch):
    from ktan_preview import render_cache

    monkeypatch.chdir(ROOT)
    content, rebuilder, frozen = synthetic_preview
    preview_out = tmp_path / "preview"
    assert rebuilder.run().ok
    monkeypatch.setattr(render_cache, "STATS", {"reused": 0, "rendered": 0, "quick": 0, "replayed": 0})

    # The text of one news item: only its page and its translation are written again, without a build.
    body_edit = content / "berita" / "berita-00001.id.md"
    body_edit.write_text(body_edit.read_text(encoding="utf-8") + "\nKalimat baru dari editor.\n", encoding="utf-8")
    assert rebuilder.run().ok
    assert render_cache.STATS == {"reused": 0, "rendered": 0, "quick": 1, "replayed": 0}
    assert "Kalimat baru dari editor." in (preview_out / "berita" / "berita-00001" / "index.html").read_text(encoding="utf-8")
    _same_as_a_fresh_build(content, preview_out, frozen, tmp_path, "fresh-1")

    # A text edit together with a new image: a full build (the image must be copied), unchanged pages reused.
    body_edit.write_text(body_edit.read_text(encoding="utf-8") + "\nKalimat kedua.\n", encoding="utf-8")
    (content / "images" / "baru.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="2" height="2"/>\n')
    assert rebuilder.run().ok
    assert render_cache.STATS["quick"] == 1
    assert render_cache.STATS["rendered"] == 2 and render_cache.STATS["reused"] > 10  # the page and its translation
    assert (preview_out / "images" / "baru.svg").is_file()
    _same_as_a_fresh_build(content, preview_out, frozen, tmp_path, "fresh-2")

    # A title: other pages show it (listings, stakeholders, sources, its card); written again without a build.
    title_edit = content / "berita" / "berita-00002.en.md"
    title_edit.write_text(title_edit.read_text(encoding="utf-8").replace("title: ", "title: New ", 1), encoding="utf-8")
    reused_before = render_cache.STATS["reused"]
    assert rebuilder.run().ok
    assert render_cache.STATS["replayed"] == 1 and render_cache.STATS["reused"] == reused_before
    _same_as_a_fresh_build(content, preview_out, frozen, tmp_path, "fresh-3")

    # A date orders the listings: replayed too, the lists put in order again (both languages carry the date).
    # The same date as a newer item: a tie, which Pelican breaks by slug (berita-00002 first).
    for version in (title_edit, title_edit.with_name("berita-00002.id.md")):
        version.write_text(re.sub(r"date: .*", "date: 2023-05-05 08:00", version.read_text(encoding="utf-8"), count=1),
                           encoding="utf-8")
    assert rebuilder.run().ok
    assert render_cache.STATS["replayed"] == 2 and render_cache.STATS["reused"] == reused_before
    _same_as_a_fresh_build(content, preview_out, frozen, tmp_path, "fresh-3b")

    # A text edit after full builds takes the quick way again, and still equals a fresh build.
    body_edit.write_text(body_edit.read_text(encoding="utf-8").replace("Kalimat kedua.", "Kalimat ketiga."), encoding="utf-8")
    assert rebuilder.run().ok
    assert render_cache.STATS["quick"] == 2
    _same_as_a_fresh_build(content, preview_out, frozen, tmp_path, "fresh-4")
    assert render_cache.STATS["replayed"] == 2


SHOWN_FIELD_EDITS = [  # (file, old text, new text): each changes only fields the preview writes again
    ("berita/rapat-koordinasi-kampung-tangguh-anti-narkoba.id.md", "title: ", "title: Judul baru: "),
    ("berita/rapat-koordinasi-kampung-tangguh-anti-narkoba.en.md", "summary: ", "summary: A new summary. "),
    ("berita/rapat-koordinasi-kampung-tangguh-anti-narkoba.id.md", '  - title: "', '  - title: "Sumber baru: '),
    ("narkoba/sabu.id.md", "title: Sabu (metamfetamina)", "title: Sabu-sabu (metamfetamina)"),
    ("narkoba/sabu.en.md", "also_called: [", "also_called: [crystal meth, "),
    ("narkoba/ganja.id.md", "modified: 2026-", "modified: 2025-"),
    ("pages/tentang.en.md", "title: ", "title: All about "),
    ("kegiatan/hari-anti-narkotika-internasional.en.md", "title: ", "title: Every year: "),
    ("kegiatan/pembentukan-kampung-tangguh-jember-lor.id.md", "  name: Pendopo", "  name: Aula Pendopo"),
    ("kegiatan/peluncuran-kampung-tangguh-anti-narkoba.en.md", "does not give the time.", "gives no time."),
    ("berita/rapat-koordinasi-kampung-tangguh-anti-narkoba.en.md", "tags: [coordination meeting, ", "tags: ["),
]
# Stakeholders must be the same in both languages: the first file saved is a mistake the preview shows,
# the second fixes it (the record of the live release is kept meanwhile, so the fix is replayed).
TWO_FILE_EDITS = [
    ("berita/rapat-koordinasi-kampung-tangguh-anti-narkoba", " bpkad,", ""),
    ("kegiatan/rapat-koordinasi-kampung-tangguh-2023", "stakeholders: [satresnarkoba]", "stakeholders: [satresnarkoba, dinkes]"),
    ("berita/rapat-koordinasi-kampung-tangguh-anti-narkoba", "date: 2023-08-31", "date: 2023-09-20"),  # a new order
    ("kegiatan/pembentukan-kampung-tangguh-jember-lor", "start: 2023-09-01", "start: 2027-01-15 09:00"),  # upcoming now
    ("kegiatan/rapat-koordinasi-kampung-tangguh-2023", "start: 2023-08-31\n", "start: 2023-08-31\nstatus: cancelled\n"),
]


def real_content_preview(tmp_path, monkeypatch, prepare=None):
    """A warm preview of a copy of the real content at a fixed time, its counters at zero.

    ``prepare(content)`` changes the copy before the first build. Returns the content folder, the
    preview's output, the frozen settings (for fresh builds) and the rebuilder.
    """
    from ktan_preview import render_cache

    monkeypatch.chdir(ROOT)
    content = shutil.copytree(ROOT / "content", tmp_path / "content")
    if prepare:
        prepare(content)
    frozen = {"KTAN_NOW": "2026-12-01 12:00"}
    preview_out = tmp_path / "preview"
    rebuilder = Rebuilder("pelicanconf.py", str(preview_out), str(content), frozen)
    assert rebuilder.run().ok
    monkeypatch.setattr(render_cache, "STATS", {"reused": 0, "rendered": 0, "quick": 0, "replayed": 0})
    return content, preview_out, frozen, rebuilder


def test_shown_field_edits_are_written_again_without_a_build_and_equal_a_fresh_build(tmp_path, monkeypatch):
    """Real content: titles, summaries, sources, synonyms and dates of news, drug and plain pages; events.

    Each edit takes the replay (no Pelican run) and leaves the preview equal,
    file by file, to a fresh build: listings, stakeholder pages, the sources
    page, the drug index, calendar files and the share cards included. Once
    the clock shows differently (a new day), an edit takes the full build.
    """
    from ktan_preview import render_cache

    content, preview_out, frozen, rebuilder = real_content_preview(tmp_path, monkeypatch)
    for number, (name, old, new) in enumerate(SHOWN_FIELD_EDITS, start=1):
        path = content / name
        text = path.read_text(encoding="utf-8")
        assert old in text, name
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        outcome = rebuilder.run()
        assert outcome.ok, outcome.report
        assert render_cache.STATS == {"reused": 0, "rendered": 0, "quick": 0, "replayed": number}, name
        _same_as_a_fresh_build(content, preview_out, frozen, tmp_path, f"fresh-{number}")
    shown = (preview_out / "index.html").read_text(encoding="utf-8")
    assert "Judul baru: " in shown
    for name, old, new in TWO_FILE_EDITS:
        for lang in ("id", "en"):
            path = content / f"{name}.{lang}.md"
            path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
            outcome = rebuilder.run()
            assert outcome.ok == (lang == "en"), (name, old, outcome.report)
        number += 1
        assert render_cache.STATS["replayed"] == number, name
        _same_as_a_fresh_build(content, preview_out, frozen, tmp_path, f"fresh-{number}")
    dinkes = (preview_out / "mitra" / "dinkes" / "index.html").read_text(encoding="utf-8")
    assert "/kegiatan/rapat-koordinasi-kampung-tangguh-2023/" in dinkes  # the event now names it
    assert "20270115T020000Z" in (preview_out / "kegiatan" / "kalender.ics").read_text(encoding="utf-8")

    # A draft the preview shows: its new title is written the same way, marked as a draft.
    news = content / "berita" / "rapat-koordinasi-kampung-tangguh-anti-narkoba.id.md"
    draft = news.with_name("draf-baru.id.md")
    draft.write_text(news.read_text(encoding="utf-8").replace("---\n", "---\nstatus: draft\n", 1), encoding="utf-8")
    assert rebuilder.run().ok and render_cache.STATS["replayed"] == number  # a new file: a build
    draft.write_text(draft.read_text(encoding="utf-8").replace("title: ", "title: Draf berjudul baru: ", 1),
                     encoding="utf-8")
    assert rebuilder.run().ok and render_cache.STATS["replayed"] == number + 1
    page = (preview_out / "berita" / "draf-baru" / "index.html").read_text(encoding="utf-8")
    assert "Draf berjudul baru: " in page and "Draf: halaman ini hanya tampil di pratinjau" in page
    _same_as_a_fresh_build(content, preview_out, frozen, tmp_path, "fresh-draft", drafts=True)
    draft.write_text(draft.read_text(encoding="utf-8") + "\nKalimat baru di draf.\n", encoding="utf-8")  # its text
    assert rebuilder.run().ok and render_cache.STATS["quick"] == 1
    _same_as_a_fresh_build(content, preview_out, frozen, tmp_path, "fresh-draft-text", drafts=True)
    draft.write_text(draft.read_text(encoding="utf-8").replace("status: draft\n", "", 1), encoding="utf-8")  # publish it
    assert rebuilder.run().ok and render_cache.STATS["replayed"] == number + 2
    assert "Draf: halaman ini" not in (preview_out / "berita" / "draf-baru" / "index.html").read_text(encoding="utf-8")
    _same_as_a_fresh_build(content, preview_out, frozen, tmp_path, "fresh-published")
    assert "Aula Pendopo" in (preview_out / "kegiatan" / "kalender.ics").read_text(encoding="utf-8")

    # The next day: pages show the date (and which events are over), so the same kind of edit builds fully.
    frozen["KTAN_NOW"] = rebuilder.extra["KTAN_NOW"] = "2026-12-02 12:00"
    news.write_text(news.read_text(encoding="utf-8").replace("Judul baru: ", "Judul esok hari: ", 1), encoding="utf-8")
    assert rebuilder.run().ok and render_cache.STATS["replayed"] == number + 2
    _same_as_a_fresh_build(content, preview_out, frozen, tmp_path, "fresh-next-day")


def test_a_deleted_page_leaves_nothing_behind_in_the_preview(tmp_path, monkeypatch):
    """A deleted drug page: a full build whose release equals a fresh build (its share cards are gone too)."""
    content, preview_out, frozen, rebuilder = real_content_preview(tmp_path, monkeypatch)
    cards_before = {p.name for p in (preview_out / "images").glob("kartu-*")}
    for lang in ("id", "en"):
        (content / "narkoba" / f"inhalan.{lang}.md").unlink()
    outcome = rebuilder.run()
    assert outcome.ok, outcome.report
    assert len({p.name for p in (preview_out / "images").glob("kartu-*")}) == len(cards_before) - 2  # its two cards
    _same_as_a_fresh_build(content, preview_out, frozen, tmp_path, "fresh")
