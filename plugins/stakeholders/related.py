"""Which news and events name a stakeholder, and in which order to show them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ktan_content.schema.fields import WIB, parse_datetime

EVENTS_CATEGORY = "kegiatan"


@dataclass
class Related:
    upcoming_events: list = field(default_factory=list)
    past_events: list = field(default_factory=list)
    news: list = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.upcoming_events or self.past_events or self.news)


def build_now(setting) -> dt.datetime:
    """``KTAN_NOW`` (an aware datetime or 'YYYY-MM-DD HH:MM' WIB text) or the current time."""
    if isinstance(setting, dt.datetime):
        return setting if setting.tzinfo else setting.replace(tzinfo=WIB)
    if isinstance(setting, str) and setting.strip():
        return parse_datetime(setting)
    return dt.datetime.now(WIB)


def _aware(value):
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=WIB)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=WIB)
    return None


def is_event(article) -> bool:
    category = getattr(article, "category", None)
    return getattr(category, "slug", category) == EVENTS_CATEGORY or getattr(article, "content_type", "") == EVENTS_CATEGORY


def event_start(article):
    return _aware(getattr(article, "start", None)) or _aware(getattr(article, "date", None))


def event_end(article):
    return _aware(getattr(article, "end", None)) or event_start(article)


def stakeholder_ids(article) -> list[str]:
    ids = getattr(article, "stakeholders", None) or []
    return [ids] if isinstance(ids, str) else list(ids)


def related_to(ident: str, articles, now: dt.datetime) -> Related:
    """News (newest first) and events (upcoming soonest first, then past newest first) naming ``ident``."""
    related = Related()
    for article in articles:
        if ident not in stakeholder_ids(article):
            continue
        if is_event(article):
            end = event_end(article)
            if end is not None and end >= now:
                related.upcoming_events.append(article)
            else:
                related.past_events.append(article)
        else:
            related.news.append(article)
    never = dt.datetime.min.replace(tzinfo=WIB)
    related.upcoming_events.sort(key=lambda a: event_start(a) or never)
    related.past_events.sort(key=lambda a: event_start(a) or never, reverse=True)
    related.news.sort(key=lambda a: _aware(getattr(a, "date", None)) or never, reverse=True)
    return related
