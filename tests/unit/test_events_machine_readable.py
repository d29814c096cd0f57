"""An event's calendar entry and JSON-LD agree with its page, read back by independent parsers.

icalendar parses the VEVENT, python-dateutil (not our code) expands its RRULE.
"""

from __future__ import annotations

import datetime as dt

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar

from events.ical import calendar, vevent_ical
from events.jsonld import event_jsonld
from events.model import event_from_fields
from ktan_content.schema.fields import WIB

STAMP = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)


def at(text):
    return dt.datetime.fromisoformat(text).replace(tzinfo=WIB)


def event(start, **fields):
    return event_from_fields("e", "id", {"title": "E", "type": "lainnya", "start": start, **fields})


def parsed(ev):
    (component,) = Calendar.from_ical(calendar([vevent_ical(ev, STAMP, {})], "t")).walk("VEVENT")
    return component


def next_from_rrule(component, now: dt.datetime) -> dt.date:
    """The first occurrence on or after ``now``'s day in WIB, as a calendar app expands the rule."""
    start = component["DTSTART"].dt
    rule = rrulestr(component["RRULE"].to_ical().decode(), dtstart=start if isinstance(start, dt.datetime)
                    else dt.datetime.combine(start, dt.time()))
    day = now.astimezone(WIB).date()
    for moment in rule:
        local = moment.astimezone(WIB).date() if moment.tzinfo else moment.date()
        if local >= day:
            return local
    raise AssertionError("the rule never recurs")


@pytest.mark.parametrize("start", [dt.date(2024, 2, 29), at("2024-02-29 05:00"), at("2024-02-29 19:00"), dt.date(2024, 6, 26)])
@pytest.mark.parametrize("now", [at("2025-01-10 00:00"), at("2027-03-01 00:00"), at("2028-02-01 00:00")])
def test_yearly_event_page_jsonld_and_rrule_agree_on_the_next_date(start, now):
    ev = event(start, repeat="yearly")
    shown = ev.occurrence(now)  # what the page and its JSON-LD describe
    page_day = shown.start if shown.all_day else shown.start.astimezone(WIB).date()
    assert event_jsonld(shown, "id")["startDate"][:10] == page_day.isoformat()
    assert next_from_rrule(parsed(ev), now) == page_day


def test_29_february_falls_on_28_february_in_a_common_year():
    ev = event(dt.date(2024, 2, 29), repeat="yearly")
    assert ev.occurrence(at("2025-01-10 00:00")).start == dt.date(2025, 2, 28)
    assert next_from_rrule(parsed(ev), at("2025-01-10 00:00")) == dt.date(2025, 2, 28)
    assert next_from_rrule(parsed(ev), at("2028-01-10 00:00")) == dt.date(2028, 2, 29)


def test_timed_event_without_an_end_ends_when_the_page_says_it_is_over():
    ev = event(at("2025-03-01 19:00"))
    component = parsed(ev)
    assert component["DTEND"].dt == ev.ends_at == at("2025-03-02 00:00")
    assert dt.datetime.fromisoformat(event_jsonld(ev, "id")["endDate"]) == ev.ends_at


def test_all_day_event_keeps_its_exclusive_date_end():
    component = parsed(event(dt.date(2025, 3, 1)))
    assert component["DTEND"].dt == dt.date(2025, 3, 2)
    assert "endDate" not in event_jsonld(event(dt.date(2025, 3, 1)), "id")


@pytest.mark.parametrize("name", [
    "Sosialisasi bahaya narkoba",
    "Penyuluhan; koma, titik: garis \\ miring – Kecamatan Sumbersari, Jember",
    "Ünïcødé " * 20,
    "x" * 74,
    "",
])
def test_calendar_is_what_icalendar_writes_for_the_whole_calendar(name):
    """calendar() serialises only the name lines per call (ical._head_around_name): the bytes must not change."""
    from events import ical

    vevent = vevent_ical(event(at("2026-03-01 08:00")), STAMP, {"type": "Lainnya"})
    assert ical._head_around_name() is not None
    assert calendar([vevent], name) == ical._full_head(name)[: -len(ical._END)] + vevent + ical._END
    assert Calendar.from_ical(calendar([vevent], name))["X-WR-CALNAME"] == name
