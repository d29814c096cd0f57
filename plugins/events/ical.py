"""iCalendar (RFC 5545) for events: one per event and one feed per language.

Times are written in UTC (``DTSTART:20230831T010000Z`` for 08:00 WIB), so no
VTIMEZONE is needed; all-day events are dates. A timed event without an end
ends when the page says it is over (``Event.ends_at``, the end of its day): a
VEVENT without DTEND would last zero seconds. A yearly event on 29 February
recurs on February's last day, as the page's next date does (``yearly_rule``).
The UID depends only on the event's slug, so it is stable across builds and
the same in both languages.
"""

from __future__ import annotations

import datetime as dt
import functools

from icalendar import Calendar
from icalendar import Event as VEvent

from ktan_content.schema.fields import WIB

from .model import Event

PRODID = "-//KTAN Jember//Kegiatan//ID"
UID_DOMAIN = "ktan-jember"


def uid(event: Event) -> str:
    return f"kegiatan-{event.slug}@{UID_DOMAIN}"


def location_text(event: Event, kecamatan_label: str) -> str:
    place = event.place
    if not place:
        return ""
    kecamatan = f"{kecamatan_label} {place['kecamatan'].title()}" if place.get("kecamatan") else ""
    parts = [place["name"], place.get("address", ""), kecamatan, "Jember"]
    return ", ".join(part for part in parts if part)


def yearly_rule(event: Event) -> dict:
    """FREQ=YEARLY; for 29 February also BYMONTH=2;BYMONTHDAY=-1 (the page's 28 February in common years).

    RFC 5545 skips a yearly date that does not exist, so a plain rule would leave three years out of four.
    A timed start is written in UTC: 29 Feb 05:00 WIB is 28 Feb 22:00 UTC, one day before the month's end.
    """
    rule = {"freq": "yearly"}
    local = event.start if event.all_day else event.start.astimezone(WIB).date()
    if (local.month, local.day) == (2, 29):
        written = event.start if event.all_day else event.start.astimezone(dt.timezone.utc).date()
        rule.update(bymonth=2, bymonthday=-1 - (local - written).days)
    return rule


def vevent(event: Event, dtstamp: dt.datetime, texts: dict, url: str = "") -> VEvent:
    """One VEVENT; ``texts`` holds this language's 'type' label and 'kecamatan' word."""
    component = VEvent()
    component.add("uid", uid(event))
    component.add("dtstamp", dtstamp.astimezone(dt.timezone.utc))
    component.add("summary", event.title)
    if event.all_day:
        component.add("dtstart", event.start)
        component.add("dtend", (event.end or event.start) + dt.timedelta(days=1))
        component.add("transp", "TRANSPARENT")
    else:
        component.add("dtstart", event.start.astimezone(dt.timezone.utc))
        component.add("dtend", event.ends_at.astimezone(dt.timezone.utc))
    if event.repeat == "yearly":
        component.add("rrule", yearly_rule(event))
    if event.cancelled:
        # Subscribed calendars replace an event by UID when its SEQUENCE grows (RFC 5545 3.8.7.4):
        # the cancellation then shows in people's calendars instead of a silent disappearance.
        component.add("status", "CANCELLED")
        component.add("sequence", 1)
    description = event.summary
    if url:
        description = f"{description}\n\n{url}".strip()
        component.add("url", url)
    if description:
        component.add("description", description)
    location = location_text(event, texts.get("kecamatan", "Kecamatan"))
    if location:
        component.add("location", location)
    if "lat" in event.place:
        component.add("geo", (event.place["lat"], event.place["lon"]))
    if texts.get("type"):
        component.add("categories", [texts["type"]])
    return component


def vevent_ical(event: Event, dtstamp: dt.datetime, texts: dict, url: str = "") -> bytes:
    """One VEVENT, serialised once: the event's own file and the feed reuse the bytes."""
    return vevent(event, dtstamp, texts, url).to_ical()


def calendar(vevents: list[bytes], name: str) -> bytes:
    """A VCALENDAR around already serialised VEVENTs (``vevent_ical``)."""
    head = _calendar_head(name)
    return head[: -len(_END)] + b"".join(vevents) + _END


_END = b"END:VCALENDAR\r\n"
_NAME_MARK = "KTANCALNAMEMARK"


def _full_head(name: str) -> bytes:
    """An empty VCALENDAR with the feed's properties, serialised by icalendar."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("name", name)
    cal.add("x-wr-timezone", "Asia/Jakarta")
    cal.add("refresh-interval", dt.timedelta(days=1), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "P1D")
    return cal.to_ical()


def _name_lines(name: str) -> bytes:
    """The calendar's two name properties alone, serialised (escaped, folded) by icalendar."""
    cal = Calendar()
    cal.add("x-wr-calname", name)
    cal.add("name", name)
    return cal.to_ical()[len(b"BEGIN:VCALENDAR\r\n"): -len(_END)]


@functools.lru_cache(maxsize=1)
def _head_around_name() -> tuple[bytes, bytes] | None:
    """The head's bytes before and after its name lines, which alone differ between calendars.

    Every event's ``.ics`` has its own name, so serialising the whole head
    per event (1,200 at N = 2000) cost more than the event itself. icalendar
    orders a calendar's properties by name and folds each line on its own,
    so the name lines sit in one place; checked here rather than assumed,
    else every head is serialised in full.
    """
    head, mark = _full_head(_NAME_MARK), _name_lines(_NAME_MARK)
    if head.count(mark) != 1:
        return None
    before, after = head.split(mark)
    return before, after


def _calendar_head(name: str) -> bytes:
    parts = _head_around_name()
    if parts is None:
        return _full_head(name)
    return parts[0] + _name_lines(name) + parts[1]
