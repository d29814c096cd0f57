"""Dates for people: Babel formats in the reader's language, always in WIB."""

from __future__ import annotations

import datetime as dt
import functools
from zoneinfo import ZoneInfo

from babel.dates import format_date as _babel_format_date
from babel.dates import format_time as _babel_format_time

# Listings show the same dates and times on many pages; Babel re-parses the
# pattern on every call (a top entry in the build profile), so remember the results.
format_date = functools.lru_cache(maxsize=16384)(_babel_format_date)
format_time = functools.lru_cache(maxsize=16384)(_babel_format_time)

WIB = ZoneInfo("Asia/Jakarta")
BABEL_LOCALES = {"id": "id_ID", "en": "en_GB"}


def _in_wib(value):
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            return value.replace(tzinfo=WIB)
        return value.astimezone(WIB)
    return value


def long_date(value, lang: str) -> str:
    """'Kamis, 31 Agustus 2023' / 'Thursday, 31 August 2023'."""
    value = _in_wib(value)
    day = value.date() if isinstance(value, dt.datetime) else value
    return format_date(day, "EEEE, d MMMM y", locale=BABEL_LOCALES.get(lang, lang))


def short_date(value, lang: str) -> str:
    """'31 Agu 2023' / '31 Aug 2023'."""
    value = _in_wib(value)
    day = value.date() if isinstance(value, dt.datetime) else value
    return format_date(day, "d MMM y", locale=BABEL_LOCALES.get(lang, lang))


def time_wib(value, lang: str) -> str:
    """'08.00 WIB' / '08:00 WIB'."""
    value = _in_wib(value)
    pattern = "HH.mm" if lang == "id" else "HH:mm"
    return format_time(value, pattern, locale=BABEL_LOCALES.get(lang, lang)) + " WIB"


def iso_datetime(value) -> str:
    """ISO 8601 with the +07:00 offset, for <time datetime> and JSON-LD."""
    value = _in_wib(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="minutes")
    return value.isoformat()
