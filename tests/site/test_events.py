"""Event schedules: the upcoming/past split, calendars, event pages, bad input."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys

import pytest
from icalendar import Calendar

from tests.conftest import ROOT
from tests.events_site import build_events_site
from tests.sitepages import resolve, soup

UTC = dt.timezone.utc


@pytest.fixture(scope="module")
def events_site(tmp_path_factory):
    return build_events_site(tmp_path_factory.mktemp("events") / "output")


def card_slugs(page, selector):
    return [a["href"].rstrip("/").rsplit("/", 1)[-1] for a in page.select(f"{selector} .kt-event-card__title a")]


def read_calendar(path):
    return Calendar.from_ical(path.read_bytes())


def vevents(cal):
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


# --- the events page -------------------------------------------------------

def test_upcoming_soonest_first_including_events_under_way(events_site):
    page = soup(events_site / "kegiatan" / "index.html")
    assert card_slugs(page, '[data-events-list="upcoming"]') == [
        "pelatihan-malam-tahun-baru",  # 31 Dec 20:00 - 1 Jan 02:00: still under way at 1 Jan 00:00
        "konseling-kaliwates",
        "sosialisasi-sekolah",
        "tes-urine-2099",
    ]
    assert page.select_one("[data-events-none]").has_attr("hidden")


def test_past_newest_first_and_yearly_apart(events_site):
    page = soup(events_site / "kegiatan" / "index.html")
    assert card_slugs(page, '[data-events-list="past"]') == ["rapat-oktober", "rapat-2023"]
    assert not page.select_one("[data-events-past]").has_attr("hidden")
    yearly = page.select_one("#kt-events-yearly").find_parent("section")
    assert card_slugs(yearly, "") == ["hani"]
    assert yearly.select_one("time")["datetime"] == "2025-06-26"  # the next occurrence after the build date


def test_cards_carry_what_the_script_needs(events_site):
    page = soup(events_site / "kegiatan" / "index.html")
    card = page.select_one('[data-events-list="upcoming"] .kt-event-card:nth-of-type(3)')
    assert card["data-start"] == "2025-03-01T08:00:00+07:00"
    assert card["data-end"] == "2025-03-01T10:00:00+07:00"  # start + duration "2 jam"
    assert (card["data-kecamatan"], card["data-type"]) == ("patrang", "sosialisasi")
    assert page.select_one('script[src*="events."]')


def test_filter_works_without_js_as_grouped_lists(events_site):
    page = soup(events_site / "kegiatan" / "index.html")
    groups = page.select_one("[data-events-groups]")
    headings = [h.get_text(" ", strip=True) for h in groups.select("h3")]
    for expected in ("Kecamatan Patrang", "Kecamatan Kaliwates", "Kecamatan Ajung", "Kecamatan tidak disebutkan", "Sosialisasi", "Tes urine"):
        assert expected in headings
    # the JS filter form is there, but hidden until the script shows it
    form = page.select_one("[data-events-filter]")
    assert form.has_attr("hidden")
    assert [o["value"] for o in form.select("#kt-filter-kecamatan option")] == ["", "ajung", "kaliwates", "patrang", "sumbersari"]


def test_events_page_links_its_calendar_feed(events_site):
    for lang_root in ("", "en/"):
        page = soup(events_site / lang_root / "kegiatan" / "index.html")
        href = page.select_one('a[type="text/calendar"]')["href"]
        assert href == f"/{lang_root}kegiatan/kalender.ics"
        assert resolve(events_site, href)


def test_real_site_says_nothing_is_scheduled_and_whom_to_ask(built_site):
    page = soup(built_site / "kegiatan" / "index.html")
    none = page.select_one("[data-events-none]")
    if page.select('[data-events-list="upcoming"] .kt-event-card'):
        pytest.skip("the real site has an upcoming event")
    assert not none.has_attr("hidden")
    text = none.get_text(" ", strip=True)
    assert "Kelurahan Jember Lor" in text and "184" in text
    assert none.select_one('a[href="/mitra/"]')
    past = card_slugs(page, '[data-events-list="past"]')
    assert past == ["peluncuran-kampung-tangguh-anti-narkoba", "pembentukan-kampung-tangguh-jember-lor", "rapat-koordinasi-kampung-tangguh-2023"]


# --- event pages ------------------------------------------------------------

def test_event_page_date_time_in_wib_both_languages(events_site):
    slug = "sosialisasi-sekolah"
    id_when = soup(events_site / "kegiatan" / slug / "index.html").select_one(".kt-event__facts dd").get_text("", strip=True)
    en_when = soup(events_site / "en" / "kegiatan" / slug / "index.html").select_one(".kt-event__facts dd").get_text("", strip=True)
    assert id_when == "Sabtu, 1 Maret 2025, 08.00–10.00 WIB"
    assert en_when == "Saturday, 1 March 2025, 08:00–10:00 WIB"


def test_date_only_event_does_not_invent_a_time(events_site):
    when = soup(events_site / "kegiatan" / "rapat-2023" / "index.html").select_one(".kt-event__facts dd").get_text(" ", strip=True)
    assert "Kamis, 31 Agustus 2023" in when and "jam belum diumumkan" in when
    assert "WIB" not in when and "00.00" not in when


def test_over_banner_only_on_events_that_are_over(events_site):
    over = soup(events_site / "kegiatan" / "rapat-oktober" / "index.html").select_one("[data-event-over]")
    assert not over.has_attr("hidden") and "sudah selesai" in over.get_text()
    assert soup(events_site / "kegiatan" / "sosialisasi-sekolah" / "index.html").select_one("[data-event-over]").has_attr("hidden")


def test_place_links_to_openstreetmap_without_embedding(events_site):
    page = soup(events_site / "kegiatan" / "konseling-kaliwates" / "index.html")
    link = page.select_one(".kt-event__place a")
    assert link["href"].startswith("https://www.openstreetmap.org/?mlat=-8.1721&mlon=113.6995")
    assert not page.select("iframe, img[src^=http], script[src^=http]")
    search = soup(events_site / "kegiatan" / "sosialisasi-sekolah" / "index.html").select_one(".kt-event__place a")["href"]
    assert search.startswith("https://www.openstreetmap.org/search?query=SMP+Contoh")


def test_json_ld_event_with_wib_offset(events_site):
    page = soup(events_site / "kegiatan" / "sosialisasi-sekolah" / "index.html")
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert data["@type"] == "Event" and data["name"] == "Sosialisasi bahaya narkoba di sekolah"
    assert data["startDate"] == "2025-03-01T08:00+07:00"
    assert data["endDate"] == "2025-03-01T10:00+07:00"
    assert dt.datetime.fromisoformat(data["startDate"]).utcoffset() == dt.timedelta(hours=7)
    assert data["location"]["name"] == "SMP Contoh"
    assert data["location"]["address"]["addressLocality"] == "Kecamatan Patrang, Jember"


def test_event_page_ics_download(events_site):
    page = soup(events_site / "en" / "kegiatan" / "sosialisasi-sekolah" / "index.html")
    href = page.select_one("a.kt-event__ics-link")["href"]
    target = resolve(events_site, href)
    assert target and target.suffix == ".ics"
    (event,) = read_calendar(target).walk("VEVENT")
    assert str(event["SUMMARY"]) == "School outreach on drug dangers"


# --- calendar feeds ---------------------------------------------------------

def test_feed_parses_and_08_00_wib_is_01_00_utc(events_site):
    cal = read_calendar(events_site / "kegiatan" / "kalender.ics")
    assert str(cal["VERSION"]) == "2.0" and cal["PRODID"]
    events = vevents(cal)
    assert len(events) == 7
    school = events["kegiatan-sosialisasi-sekolah@ktan-jember"]
    assert school.decoded("DTSTART") == dt.datetime(2025, 3, 1, 1, 0, tzinfo=UTC)
    assert school.decoded("DTEND") == dt.datetime(2025, 3, 1, 3, 0, tzinfo=UTC)
    assert "SMP Contoh" in str(school["LOCATION"])
    for event in events.values():
        assert event.decoded("DTSTAMP").tzinfo is not None


def test_feed_all_day_geo_and_yearly(events_site):
    events = vevents(read_calendar(events_site / "kegiatan" / "kalender.ics"))
    meeting = events["kegiatan-rapat-2023@ktan-jember"]
    assert meeting.decoded("DTSTART") == dt.date(2023, 8, 31)
    assert meeting.decoded("DTEND") == dt.date(2023, 9, 1)
    assert events["kegiatan-konseling-kaliwates@ktan-jember"].decoded("GEO")[0] == pytest.approx(-8.1721)
    assert events["kegiatan-hani@ktan-jember"]["RRULE"]["FREQ"] == ["YEARLY"]


def test_one_feed_per_language(events_site):
    id_titles = {str(e["SUMMARY"]) for e in read_calendar(events_site / "kegiatan" / "kalender.ics").walk("VEVENT")}
    en_titles = {str(e["SUMMARY"]) for e in read_calendar(events_site / "en" / "kegiatan" / "kalender.ics").walk("VEVENT")}
    assert "Tes urine gratis" in id_titles and "Free urine screening" not in id_titles
    assert "Free urine screening" in en_titles and "Tes urine gratis" not in en_titles


def test_uid_stable_across_builds(events_site, tmp_path):
    again = build_events_site(tmp_path / "again", now="2025-02-01 12:00")
    first = vevents(read_calendar(events_site / "kegiatan" / "kalender.ics"))
    second = vevents(read_calendar(again / "kegiatan" / "kalender.ics"))
    assert set(first) == set(second)
    uid = "kegiatan-sosialisasi-sekolah@ktan-jember"
    assert first[uid].decoded("DTSTAMP") != second[uid].decoded("DTSTAMP")  # DTSTAMP is the build time


# --- bad input --------------------------------------------------------------

GOOD = """---
title: Sosialisasi
start: 2025-03-01 08:00
end: 2025-03-01 10:00
type: sosialisasi
place:
  name: Balai RW 01
  kecamatan: patrang
stakeholders: []
sources:
  - title: Sumber
    url: https://example.org/
---
Isi.
"""

BAD_CASES = {
    "end-before-start": (("end: 2025-03-01 10:00", "end: 2025-03-01 07:00"), "end", "2023-08-31 10:00"),
    "slashed-date": (("start: 2025-03-01 08:00", "start: 31/08/2023"), "start", "2023-08-31"),
    "unknown-type": (("type: sosialisasi", "type: seminar"), "type", "sosialisasi"),
    "unknown-organiser": (("stakeholders: []", "stakeholders: [dinks]"), "stakeholders", "dinkes"),
    "unknown-kecamatan": (("kecamatan: patrang", "kecamatan: patrang lor"), "place", ""),
}


@pytest.mark.parametrize("case", sorted(BAD_CASES))
def test_bad_input_fails_the_build_naming_file_field_and_example(case, tmp_path):
    from ktan_build.pipeline import BuildFailed

    (old, new), field, example = BAD_CASES[case]
    folder = tmp_path / "content" / "kegiatan"
    folder.mkdir(parents=True)
    (folder / f"{case}.id.md").write_text(GOOD.replace(old, new), encoding="utf-8")
    (tmp_path / "content" / "mitra").mkdir()
    shutil.copy(ROOT / "content" / "mitra" / "dinkes.yml", tmp_path / "content" / "mitra")  # the real file, whatever its schema
    with pytest.raises(BuildFailed) as failure:
        build_events_site(tmp_path / "out", content=tmp_path / "content")
    report = failure.value.report
    assert f"kegiatan/{case}.id.md" in report
    assert f"kolom '{field}'" in report
    assert "Contoh yang benar:" in report and "(EN)" in report
    if example:
        assert example in report
    assert not (tmp_path / "out").exists()


def test_bad_input_on_the_command_line_exits_non_zero_without_traceback(tmp_path):
    content = tmp_path / "content"
    (content / "kegiatan").mkdir(parents=True)
    (content / "kegiatan" / "tanggal.id.md").write_text(GOOD.replace("start: 2025-03-01 08:00", "start: 31/08/2023"), encoding="utf-8")
    settings = tmp_path / "settings.py"
    settings.write_text(f"from pelicanconf import *\nPATH = {str(content)!r}\n", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "plugins"), str(ROOT)]))
    result = subprocess.run(
        [sys.executable, "-m", "ktan_build", "--settings", str(settings), "--check"],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "kegiatan/tanggal.id.md" in result.stderr and "kolom 'start'" in result.stderr
    assert "2023-08-31" in result.stderr


def test_real_seed_event_links_its_organisers(built_site):
    page = soup(built_site / "en" / "kegiatan" / "pembentukan-kampung-tangguh-jember-lor" / "index.html")
    hrefs = [a["href"] for a in page.select(".kt-stakeholder-links a")]
    assert hrefs == ["/en/mitra/pemkab-jember/", "/en/mitra/satresnarkoba/"]
    for href in hrefs:
        assert resolve(built_site, href)
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert data["startDate"] == "2023-09-01"  # no time was published: a date, not an invented hour
    assert len(data["organizer"]) == 2


def test_without_any_event_the_page_and_feed_still_exist(tmp_path):
    content = tmp_path / "content"
    (content / "kegiatan").mkdir(parents=True)
    site = build_events_site(tmp_path / "out", content=content)
    for lang_root in ("", "en/"):
        page = soup(site / lang_root / "kegiatan" / "index.html")
        assert not page.select_one("[data-events-none]").has_attr("hidden")
        assert not page.select(".kt-event-card")
        assert read_calendar(site / lang_root / "kegiatan" / "kalender.ics").walk("VEVENT") == []
