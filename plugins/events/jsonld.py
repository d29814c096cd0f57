"""schema.org ``Event`` data for an event page (serialised by the template's ``tojson``)."""

from __future__ import annotations

import datetime as dt

from ktan_theme.dates import iso_datetime

from .model import Event


def _when(value) -> str:
    return iso_datetime(value) if isinstance(value, dt.datetime) else value.isoformat()


def event_jsonld(event: Event, lang: str, page_url: str = "", organisers=(), kecamatan_label: str = "Kecamatan") -> dict:
    """``event`` is the occurrence to describe (for a yearly event, the next one).

    ``organisers``: JSON-LD references to stakeholders (``stakeholders.jsonld.reference``).
    A timed event without an end gets the end the page works with (``Event.ends_at``,
    the end of that day), as its ``.ics`` does: a consumer never guesses one.
    """
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "startDate": _when(event.start),
        "eventStatus": "https://schema.org/EventCancelled" if event.cancelled else "https://schema.org/EventScheduled",
        "inLanguage": lang,
    }
    if event.end is not None:
        data["endDate"] = _when(event.end)
    elif not event.all_day:
        data["endDate"] = _when(event.ends_at)
    if event.summary:
        data["description"] = event.summary
    if page_url:
        data["url"] = page_url
    place = event.place
    if place:
        data["eventAttendanceMode"] = "https://schema.org/OfflineEventAttendanceMode"
        address = {
            "@type": "PostalAddress",
            "addressLocality": f"{kecamatan_label} {place['kecamatan'].title()}, Jember" if place.get("kecamatan") else "Jember",
            "addressRegion": "Jawa Timur",
            "addressCountry": "ID",
        }
        if place.get("address"):
            address["streetAddress"] = place["address"]
        location = {"@type": "Place", "name": place["name"], "address": address}
        if "lat" in place:
            location["geo"] = {"@type": "GeoCoordinates", "latitude": place["lat"], "longitude": place["lon"]}
        data["location"] = location
    if organisers:
        data["organizer"] = list(organisers)
    return data
