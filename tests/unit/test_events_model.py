"""Events as data: end from duration, all-day ends, yearly occurrences, the split; field kinds."""

from __future__ import annotations

import datetime as dt

import pytest

from events.model import event_from_fields, split_events
from ktan_content.schema.events import Duration, EventTime, Place
from ktan_content.schema.fields import WIB, FieldProblem


def at(text):
    return dt.datetime.fromisoformat(text).replace(tzinfo=WIB)


def event(slug, start, **fields):
    return event_from_fields(slug, "id", {"title": slug, "type": "sosialisasi", "start": start, **fields})


def test_duration_gives_the_end():
    e = event("a", at("2025-03-01 08:00"), duration=dt.timedelta(hours=2))
    assert e.end == at("2025-03-01 10:00") and e.ends_at == at("2025-03-01 10:00")


def test_all_day_event_is_over_after_its_last_day():
    e = event("a", dt.date(2023, 8, 31), end=dt.date(2023, 9, 1))
    assert e.all_day and e.multi_day
    assert not e.is_over(at("2023-09-01 23:59"))
    assert e.is_over(at("2023-09-02 00:00"))


def test_timed_event_without_end_is_over_at_midnight():
    e = event("a", at("2025-03-01 19:00"))
    assert not e.is_over(at("2025-03-01 23:00")) and e.is_over(at("2025-03-02 00:00"))


def test_yearly_occurrence_moves_to_next_year_once_the_day_is_over():
    hani = event("hani", dt.date(2024, 6, 26), repeat="yearly")
    assert hani.occurrence(at("2026-06-26 12:00")).start == dt.date(2026, 6, 26)
    assert hani.occurrence(at("2026-06-27 00:00")).start == dt.date(2027, 6, 26)
    assert not hani.is_over(at("2099-01-01 00:00"))


def test_split_orders_upcoming_soonest_first_and_past_newest_first():
    now = at("2025-01-01 00:00")
    items = [
        event("past-old", dt.date(2023, 8, 31)),
        event("soon", at("2025-01-15 09:00")),
        event("later", dt.date(2099, 6, 1)),
        event("past-new", at("2024-10-01 10:00"), end=at("2024-10-01 12:00")),
        event("running", at("2024-12-31 20:00"), end=at("2025-01-01 02:00")),
        event("hani", dt.date(2024, 6, 26), repeat="yearly"),
    ]
    split = split_events(items, now)
    assert [e.slug for e in split.upcoming] == ["running", "soon", "later"]
    assert [e.slug for e in split.past] == ["past-new", "past-old"]
    assert [e.slug for e in split.yearly] == ["hani"]


def test_event_time_kinds():
    kind = EventTime("start")
    assert kind.convert("2023-08-31") == dt.date(2023, 8, 31)
    assert kind.convert("2023-08-31 08:00") == at("2023-08-31 08:00")
    assert kind.convert("2023-08-31T01:00Z").astimezone(WIB) == at("2023-08-31 08:00")
    with pytest.raises(FieldProblem) as problem:
        kind.convert("31/08/2023")
    assert "2023-08-31" in problem.value.message_id


@pytest.mark.parametrize("text, minutes", [("2 jam", 120), ("90 menit", 90), ("1 jam 30 menit", 90), ("1h 30m", 90)])
def test_duration_kinds(text, minutes):
    assert Duration("duration").convert(text) == dt.timedelta(minutes=minutes)


@pytest.mark.parametrize("bad", ["dua jam", "0 menit", "2:00"])
def test_duration_rejects(bad):
    with pytest.raises(FieldProblem):
        Duration("duration").convert(bad)


def test_place_kinds():
    place = Place("place").convert({"name": "Balai RW", "kecamatan": "Patrang", "lat": "-8.15", "lon": "113.70"})
    assert place == {"name": "Balai RW", "kecamatan": "patrang", "lat": -8.15, "lon": 113.7}
    for bad in ({"kecamatan": "patrang"}, {"name": "X", "kecamatan": "jakarta"}, {"name": "X", "lat": "-8"}, "Balai RW"):
        with pytest.raises(FieldProblem):
            Place("place").convert(bad)
