"""Events as plain data: when they start and end, and the upcoming/past split.

Built from the validated fields of a ``kegiatan`` file; no Pelican here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ktan_content.schema.fields import WIB


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=WIB)


def _same_day_in_year(day: dt.date, year: int) -> dt.date:
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February in a common year
        return day.replace(year=year, day=28)


@dataclass(frozen=True)
class Event:
    slug: str
    lang: str
    title: str
    type: str
    start: dt.date | dt.datetime  # a date alone: all day, no time announced
    end: dt.date | dt.datetime | None = None  # all day: the last day (inclusive)
    place: dict = field(default_factory=dict)
    stakeholders: tuple = ()
    summary: str = ""
    repeat: str = ""  # "" or "yearly"
    cancelled: bool = False  # status: cancelled; still listed, marked as cancelled everywhere

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, dt.datetime)

    @property
    def starts_at(self) -> dt.datetime:
        return _midnight(self.start) if self.all_day else self.start

    @property
    def ends_at(self) -> dt.datetime:
        """The instant the event is over."""
        if self.all_day:
            return _midnight((self.end or self.start) + dt.timedelta(days=1))
        if self.end is not None:
            return self.end
        # A start time without an end: over when that day is over.
        return _midnight(self.start.astimezone(WIB).date() + dt.timedelta(days=1))

    @property
    def multi_day(self) -> bool:
        if self.end is None:
            return False
        first = self.start if self.all_day else self.start.astimezone(WIB).date()
        last = self.end if self.all_day else self.end.astimezone(WIB).date()
        return last != first

    def is_over(self, now: dt.datetime) -> bool:
        return not self.repeat and self.ends_at <= now

    def occurrence(self, now: dt.datetime) -> Event:
        """This event, or for a yearly one its next occurrence not yet over at ``now``."""
        if self.repeat != "yearly":
            return self
        year = max(now.astimezone(WIB).year, self.starts_at.year)
        while True:
            shift = _same_day_in_year(self.starts_at.date(), year) - self.starts_at.date()
            moved = self.shifted(shift)
            if moved.ends_at > now:
                return moved
            year += 1

    def shifted(self, delta: dt.timedelta) -> Event:
        return Event(
            self.slug, self.lang, self.title, self.type, self.start + delta,
            None if self.end is None else self.end + delta,
            self.place, self.stakeholders, self.summary, self.repeat,
        )


def event_from_fields(slug: str, lang: str, fields: dict) -> Event:
    """An ``Event`` from the converted fields of a kegiatan file (end from duration)."""
    start = fields["start"]
    end = fields.get("end")
    if end is None and fields.get("duration") is not None:
        end = start + fields["duration"]
    return Event(
        slug=slug,
        lang=lang,
        title=fields["title"],
        type=fields["type"],
        start=start,
        end=end,
        place=dict(fields.get("place") or {}),
        stakeholders=tuple(fields.get("stakeholders") or ()),
        summary=fields.get("summary") or "",
        repeat=fields.get("repeat") or "",
        cancelled=fields.get("status") == "cancelled",
    )


@dataclass
class Split:
    """What the events page lists, each in its order."""

    upcoming: list = field(default_factory=list)  # soonest first (includes events under way)
    past: list = field(default_factory=list)  # newest first
    yearly: list = field(default_factory=list)  # observances, by next occurrence


def split_events(entries, now: dt.datetime, event_of=lambda entry: entry) -> Split:
    """Split ``entries`` (events, or objects ``event_of`` maps to events) at ``now``."""
    result = Split()
    for entry in entries:
        event = event_of(entry)
        if event.repeat:
            result.yearly.append(entry)
        elif event.is_over(now):
            result.past.append(entry)
        else:
            result.upcoming.append(entry)
    result.upcoming.sort(key=lambda e: (event_of(e).starts_at, event_of(e).slug))
    result.past.sort(key=lambda e: (event_of(e).starts_at, event_of(e).slug), reverse=True)
    result.yearly.sort(key=lambda e: (event_of(e).occurrence(now).starts_at, event_of(e).slug))
    return result
