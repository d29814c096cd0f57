"""The build's "now": one instant for both language sub-sites.

``KTAN_NOW`` (an aware datetime, or text such as "2023-09-01 12:00" in WIB)
freezes it for tests; otherwise it is the real time when the build starts.
Plugins that split past from future (events, stakeholders) read it here.
"""

from __future__ import annotations

import datetime as dt

from .schema.fields import WIB, parse_datetime


def build_now(settings) -> dt.datetime:
    value = settings.get("KTAN_NOW")
    if value is None:
        return dt.datetime.now(WIB)
    if isinstance(value, str):
        return parse_datetime(value)
    if value.tzinfo is None:
        return value.replace(tzinfo=WIB)
    return value


def freeze_now(settings) -> None:
    """Fix ``KTAN_NOW`` at the start of a build (sub-sites copy the main settings)."""
    settings["KTAN_NOW"] = build_now(settings)
