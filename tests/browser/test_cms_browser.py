"""The browser CMS end to end: `invoke edit` on a copy of content/, Decap in Debian's Chromium.

Each test drives the forms an editor sees and then asserts on what matters:
the files on disk, our check, the pages the live preview builds, and what the
browser loaded. The tests share one `invoke edit` and run in file order
(the last one presses Ctrl+C).
"""

from __future__ import annotations

import json
import re
import struct
import zlib
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from ktan_content.schema import CONTENT_TYPES
from ktan_content.schema.labels import field_label
from tests.browser.cms import (
    add_list_item,
    choose,
    control,
    open_admin,
    publish,
    screenshot,
    set_time,
    start_edit,
    type_into,
    wait,
    wait_for_rebuild,
)
from tests.browser.conftest import make_chrome, quit_chrome, requested_urls

EVENT_SLUG = "sosialisasi-bahaya-narkoba-di-smpn-3-jember"


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    edit = start_edit(tmp_path_factory.mktemp("cms"))
    yield edit
    edit.stop()


@pytest.fixture(scope="module")
def browser(session):
    driver = make_chrome(1280, 900)
    yield driver
    quit_chrome(driver)


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode("utf-8")


def status(session) -> dict:
    return json.loads(get(f"{session.url}/api/ktan/status"))


def test_admin_loads_nothing_from_another_origin(session, browser):
    requested_urls(browser)  # forget earlier requests
    open_admin(browser, session.url, "collections/kegiatan")
    wait(browser, lambda d: d.find_elements(By.XPATH, "//a[contains(@href, 'entries/')]"))
    screenshot(browser, "01-daftar-kegiatan")
    open_admin(browser, session.url, "collections/layanan/entries/bnn-184")
    frame = wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "iframe"))
    assert frame
    open_admin(browser, session.url, "collections/kegiatan/new")
    control(browser, "Judul")
    urls = [u for u in requested_urls(browser) if u.startswith(("http:", "https:", "ws:", "wss:"))]
    assert f"{session.url}/admin/decap-cms.js" in urls
    assert any(u.startswith(f"{session.url}/api/v1") for u in urls)
    foreign = [u for u in urls if not u.startswith(session.url + "/")]
    assert not foreign, foreign


def test_the_preview_pane_shows_the_page_as_the_site_renders_it(session, browser):
    open_admin(browser, session.url, "collections/layanan/entries/bnn-184")
    frame = wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "iframe"))[0]
    browser.switch_to.frame(frame)  # Decap's preview frame
    inner = wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "iframe.ktan-preview__frame"))[0]
    assert inner.get_attribute("src") == f"{session.url}/layanan/#layanan-bnn-184"
    browser.switch_to.frame(inner)  # our page, from the live preview
    wait(browser, lambda d: d.find_elements(By.ID, "layanan-bnn-184"))
    stylesheets = [link.get_attribute("href") for link in browser.find_elements(By.CSS_SELECTOR, "link[rel=stylesheet]")]
    assert any(re.search(r"/theme/.*site.*\.css$", href or "") for href in stylesheets), stylesheets
    assert "184" in browser.find_element(By.ID, "layanan-bnn-184").text
    browser.switch_to.default_content()
    screenshot(browser, "03-pratinjau-layanan")


def test_create_an_event_in_both_languages(session, browser):
    open_admin(browser, session.url, "collections/kegiatan/new")
    type_into(browser, "Judul", "Sosialisasi bahaya narkoba di SMPN 3 Jember")
    type_into(browser, "Judul", "Drug awareness session at SMPN 3 Jember", pane=1)
    set_time(browser, "Mulai", "2026-12-15", "09:00")
    type_into(browser, "Nama tempat", "Aula SMPN 3 Jember")
    type_into(browser, "Nama tempat", "SMPN 3 Jember hall", pane=1)
    choose(browser, "Kecamatan", "patrang")
    choose(browser, "Jenis kegiatan", "sosialisasi")
    choose(browser, "Mitra yang terlibat", "Satres", option="Satresnarkoba Polres Jember")
    choose(browser, "Mitra yang terlibat", "Dinkes", option="Dinkes Jember")
    add_list_item(browser, "sumber")
    type_into(browser, "Judul sumber", "Satresnarkoba Polres Jember: jadwal sosialisasi")
    type_into(browser, "Alamat web sumber", "https://example.org/jadwal")
    add_list_item(browser, "sumber", pane=1)
    type_into(browser, "Judul sumber", "Jember police narcotics unit: schedule", pane=1)
    type_into(browser, "Alamat web sumber", "https://example.org/jadwal", pane=1)
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", control(browser, "Mulai"))
    screenshot(browser, "02-kegiatan-baru")
    since = len(session.log)
    publish(browser)

    folder = session.content / "kegiatan"
    id_file, en_file = folder / f"{EVENT_SLUG}.id.md", folder / f"{EVENT_SLUG}.en.md"
    assert id_file.read_text(encoding="utf-8") == (
        "---\ntitle: Sosialisasi bahaya narkoba di SMPN 3 Jember\nstatus: draft\nstart: 2026-12-15 09:00\n"
        "place:\n  name: Aula SMPN 3 Jember\n  kecamatan: patrang\ntype: sosialisasi\n"
        "stakeholders: [satresnarkoba, dinkes]\nsources:\n"
        '  - title: "Satresnarkoba Polres Jember: jadwal sosialisasi"\n    url: https://example.org/jadwal\n---\n')
    english = en_file.read_text(encoding="utf-8")
    assert "title: Drug awareness session at SMPN 3 Jember\nstatus: draft\nstart: 2026-12-15 09:00\n" in english
    assert "  name: SMPN 3 Jember hall\n  kecamatan: patrang\n" in english
    assert status(session)["errors"] == []

    # A new entry is a draft: only the preview shows it, marked as a draft (no published build does:
    # tests/site/test_preview_drafts.py), and the preview pane shows that page.
    wait_for_rebuild(session, since)
    assert "kt-draft-note" in get(f"{session.url}/kegiatan/{EVENT_SLUG}/")
    english, preview = "//button[@title='Bahasa kedua atau pratinjau']", "//button[@title='Pratinjau']"
    for toggle in (english, preview):  # the English form gives way to the preview (clicked under the toast)
        browser.execute_script("arguments[0].click()", wait(browser, lambda d: d.find_elements(By.XPATH, toggle))[0])
    browser.switch_to.frame(wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "iframe"))[0])
    inner = wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "iframe.ktan-preview__frame"))[0]
    assert inner.get_attribute("src") == f"{session.url}/kegiatan/{EVENT_SLUG}/"
    browser.switch_to.frame(inner)
    assert wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, ".kt-draft-note"))
    browser.switch_to.default_content()
    browser.execute_script("arguments[0].click()", browser.find_element(By.XPATH, english))  # English form back

    open_admin(browser, session.url, f"collections/kegiatan/entries/{EVENT_SLUG}")
    choose(browser, "Status terbit", "published")
    since = len(session.log)
    publish(browser)
    assert "status: published\n" in en_file.read_text(encoding="utf-8")
    wait_for_rebuild(session, since)
    state = status(session)
    assert state["ok"] and state["errors"] == [] and state["preview_ok"] is True
    assert "Sosialisasi bahaya narkoba di SMPN 3 Jember" in get(f"{session.url}/kegiatan/")
    assert "Drug awareness session at SMPN 3 Jember" in get(f"{session.url}/en/kegiatan/")
    ics = get(f"{session.url}/kegiatan/{EVENT_SLUG}/{EVENT_SLUG}.ics")
    assert "DTSTART:20261215T020000Z" in ics  # 09:00 WIB is 02:00 UTC
    assert "SUMMARY:Sosialisasi bahaya narkoba di SMPN 3 Jember" in ics


def test_an_end_before_the_start_shows_our_message_in_the_browser(session, browser):
    open_admin(browser, session.url, f"collections/kegiatan/entries/{EVENT_SLUG}")
    set_time(browser, "Selesai", "2026-12-15", "08:00")
    publish(browser)
    box = wait(browser, lambda d: [b for b in d.find_elements(By.ID, "ktan-status") if "tidak sesudah" in b.text] or False, 30)[0]
    text = box.text
    assert f"kegiatan/{EVENT_SLUG}.id.md" in text and "kolom 'end'" in text
    assert "Waktu selesai (2026-12-15 08:00) tidak sesudah waktu mulai (2026-12-15 09:00)." in text
    assert "The end (2026-12-15 08:00) is not after the start (2026-12-15 09:00)." in text
    screenshot(browser, "04-pesan-kesalahan")
    assert not status(session)["ok"]

    # The editor fixes it in the same form; the message goes away.
    end = control(browser, "Selesai")
    end.find_element(By.XPATH, "following-sibling::button[normalize-space()='Hapus']").click()
    publish(browser)
    wait(browser, lambda d: "tidak ada masalah" in d.find_element(By.ID, "ktan-status").text, 30)
    assert "end:" not in (session.content / "kegiatan" / f"{EVENT_SLUG}.id.md").read_text(encoding="utf-8")


def test_edit_a_service_phone_number(session, browser):
    open_admin(browser, session.url, "collections/layanan/entries/polisi-110")
    type_into(browser, "Telepon", "0331 484 285", clear=True)
    since = len(session.log)
    publish(browser)
    saved = (session.content / "layanan" / "polisi-110.yml").read_text(encoding="utf-8")
    assert 'phone: "0331 484 285"\n' in saved  # quoted like the number it replaces
    wait_for_rebuild(session, since)
    for page in ("/layanan/", "/en/layanan/"):
        html = get(session.url + page)
        assert 'href="tel:0331484285"' in html, page


def test_editing_a_body_changes_only_what_was_typed(session, browser):
    """The Markdown body is edited as text: headings, links and attribute lists stay exactly as written."""
    path = session.content / "narkoba" / "sabu.id.md"
    english = path.with_name("sabu.en.md")
    before, before_en = path.read_text(encoding="utf-8"), english.read_bytes()
    open_admin(browser, session.url, "collections/narkoba/entries/sabu")
    control(browser, "Judul")
    body = wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "[contenteditable=true]"))[0]  # the Indonesian body
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", body)
    body.click()
    body.send_keys(Keys.CONTROL, Keys.END)
    body.send_keys("Kalimat tambahan.")
    publish(browser)
    assert path.read_text(encoding="utf-8") == before + "Kalimat tambahan.\n"
    assert english.read_bytes() == before_en


def _png(width: int, height: int) -> bytes:
    """A plain grey PNG (a photo stand-in) without an imaging library."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\x80\x80\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


def test_a_news_item_with_a_photo(session, browser, tmp_path):
    photo = tmp_path / "Foto Rapat.png"  # a camera-style name: the CMS stores it as foto-rapat.png
    photo.write_bytes(_png(1200, 800))
    browser.get_log("browser")
    open_admin(browser, session.url, "collections/berita/new")
    type_into(browser, "Judul", "Rapat relawan antinarkoba")
    type_into(browser, "Judul", "Anti-drug volunteers meeting", pane=1)
    set_time(browser, "Tanggal terbit", "2026-11-30", "10:00")
    wait(browser, lambda d: [b for b in d.find_elements(By.TAG_NAME, "button")
                             if b.get_attribute("textContent") == "Pilih gambar"] or False)[0].click()
    wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "input[type=file]"))[0].send_keys(str(photo))
    wait(browser, lambda d: d.find_elements(By.XPATH, "//button[normalize-space()='Pakai yang dipilih']"))[0].click()
    type_into(browser, "Keterangan foto", "Relawan duduk melingkar di balai RW")
    type_into(browser, "Keterangan foto", "Volunteers sitting in a circle in the neighbourhood hall", pane=1)
    publish(browser)
    assert (session.content / "images" / "foto-rapat.png").read_bytes() == photo.read_bytes()
    text = (session.content / "berita" / "rapat-relawan-antinarkoba.id.md").read_text(encoding="utf-8")
    assert "date: 2026-11-30 10:00\nimage: images/foto-rapat.png\nimage_alt: Relawan duduk melingkar di balai RW\n" in text
    assert status(session)["errors"] == []
    blocked = [e["message"] for e in browser.get_log("browser") if "Content Security Policy" in e["message"]]
    assert not blocked, blocked


def _identifier(relative: str) -> str:
    ctype = CONTENT_TYPES[relative.split("/")[0]]
    from ktan_cms.config import identifier_field

    return identifier_field(ctype)


def test_every_content_file_round_trips_through_the_cms(session, browser):
    """Open every entry, add ' X' to its name in the form, save: only that value changes, byte for byte."""
    content = session.content
    entries = {}
    for path in sorted(content.rglob("*")):
        relative = path.relative_to(content).as_posix()
        if path.is_file() and relative.split("/")[0] in CONTENT_TYPES:
            slug = path.name.split(".")[0]
            entries.setdefault((relative.split("/")[0], slug), []).append(path)
    assert len(entries) >= 30
    before = {path: path.read_bytes() for paths in entries.values() for path in paths}
    changed = {}
    for (type_name, slug), paths in entries.items():
        key = _identifier(f"{type_name}/x")
        main_path = next(p for p in paths if not p.name.endswith(".en.md"))
        old = _value_of(main_path.read_text(encoding="utf-8"), key)
        label = "Bahasa Indonesia" if key.endswith(".id") else field_label(key)  # a bilingual name: its first box
        for attempt in (1, 2):  # on a loaded machine a page can miss a beat: one fresh try, from the file on disk
            open_admin(browser, session.url, f"collections/{type_name}/entries/{slug}")
            try:
                field = control(browser, label)
                assert field.get_attribute("value") == old, (type_name, slug)
                type_into(browser, label, " X")
                wait(browser, lambda d: d.find_elements(By.XPATH, "//*[normalize-space()='Belum disimpan']"), 10)
                publish(browser)
                break
            except Exception as problem:
                browser.save_screenshot(str(session.output.parent / f"round-trip-failure-{slug}-{attempt}.png"))
                if attempt == 2 or main_path.read_bytes() != before[main_path]:
                    raise AssertionError(f"{type_name}/{slug}: {problem!r}") from problem
        changed[main_path] = (key, old, old + " X")
    problems = []
    for path, original in before.items():
        expected = original.decode("utf-8")
        if path in changed:
            expected = _replace_value(expected, *changed[path])
        if path.read_text(encoding="utf-8") != expected:
            problems.append(path.relative_to(content).as_posix())
    assert not problems, problems
    assert status(session)["errors"] == []


def _value_of(text: str, key: str) -> str:
    name = key.split(".")[-1]
    indent = "  " if "." in key else ""
    match = re.search(rf"^{indent}{name}: (.*)$", text, re.MULTILINE)
    value = match.group(1)
    return json.loads(value) if value.startswith('"') else value


def _replace_value(text: str, key: str, old: str, new: str) -> str:
    """The text with the line of ``key`` (``title``, ``name.id``) changed from ``old`` to ``new``, quotes kept."""
    name = key.split(".")[-1]
    indent = "  " if "." in key else ""
    for before, after in ((json.dumps(old, ensure_ascii=False), json.dumps(new, ensure_ascii=False)), (old, new)):
        pattern = re.compile(rf"^({indent}{name}: ){re.escape(before)}$", re.MULTILINE)
        if pattern.search(text):
            return pattern.sub(lambda m: m.group(1) + after, text, count=1)
    raise AssertionError(f"{old!r} not found")


def test_ctrl_c_stops_the_workspace_cleanly(session):
    assert session.stop() == 0
    log = session.text()
    assert "Penyunting dihentikan" in log
    assert "Traceback" not in log
    with pytest.raises(OSError):
        get(f"{session.url}/admin/")
    assert not any(Path(session.output).rglob("decap-cms.js"))
