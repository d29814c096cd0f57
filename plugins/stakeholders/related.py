"""Which news and events name a stakeholder, and in which order to show them.

"Over" means what the events plugin says it means: an article that carries
an ``event`` (``events.model.Event``: ``is_over``, ``occurrence``) is asked;
otherwise its ``start``/``end`` (or ``date``) are read defensively.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ktan_content.schema.fields import WIB

EVENTS_CATEGORY = "kegiatan"
NEVER = dt.datetime.min.replace(tzinfo=WIB)


@dataclass(frozen=True)
class RelatedEvent:
    article: object
    starts_at: dt.datetime  # of the occurrence shown (a yearly event: its next one)
    all_day: bool  # no time was announced: show the date only


@dataclass
class Related:
    upcoming_events: list = field(default_factory=list)  # RelatedEvent, soonest first
    past_events: list = field(default_factory=list)  # RelatedEvent, newest first
    news: list = field(default_factory=list)  # articles, newest first

    def __bool__(self) -> bool:
        return bool(self.upcoming_events or self.past_events or self.news)


def _aware(value):
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=WIB)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=WIB)
    return None


def is_event(article) -> bool:
    category = getattr(article, "category", None)
    return getattr(category, "slug", category) == EVENTS_CATEGORY or getattr(article, "content_type", "") == EVENTS_CATEGORY


def stakeholder_ids(article) -> list[str]:
    ids = getattr(article, "stakeholders", None) or []
    return [ids] if isinstance(ids, str) else list(ids)


def _event_timing(article, now: dt.datetime) -> tuple[RelatedEvent, bool]:
    """(the event as shown, whether it is over at ``now``)."""
    event = getattr(article, "event", None)
    if event is not None and hasattr(event, "is_over") and hasattr(event, "occurrence"):
        occurrence = event.occurrence(now)
        return RelatedEvent(article, occurrence.starts_at, occurrence.all_day), event.is_over(now)
    raw_start = getattr(article, "start", None) or getattr(article, "date", None)
    start = _aware(raw_start) or NEVER
    all_day = not isinstance(raw_start, dt.datetime)
    raw_end = getattr(article, "end", None)
    if raw_end is None:
        end = start + dt.timedelta(days=1) if all_day else start
    else:
        end = _aware(raw_end) + (dt.timedelta(days=1) if not isinstance(raw_end, dt.datetime) else dt.timedelta())
    return RelatedEvent(article, start, all_day), end <= now


def articles_naming(articles) -> dict[str, list]:
    """{stakeholder id: the articles naming it, in their given order}: one pass for every stakeholder's page."""
    naming: dict[str, list] = {}
    for article in articles:
        for ident in dict.fromkeys(stakeholder_ids(article)):
            naming.setdefault(ident, []).append(article)
    return naming


def related_to(ident: str, articles, now: dt.datetime) -> Related:
    """News and events naming ``ident``: upcoming events soonest first, then past ones newest first."""
    related = Related()
    for article in articles:
        if ident not in stakeholder_ids(article):
            continue
        if is_event(article):
            shown, over = _event_timing(article, now)
            (related.past_events if over else related.upcoming_events).append(shown)
        else:
            related.news.append(article)
    related.upcoming_events.sort(key=lambda e: e.starts_at)
    related.past_events.sort(key=lambda e: e.starts_at, reverse=True)
    related.news.sort(key=lambda a: _aware(getattr(a, "date", None)) or NEVER, reverse=True)
    return related
