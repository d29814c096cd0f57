"""Links to OpenStreetMap (a link only: no map is embedded, nothing is loaded from it)."""

from __future__ import annotations

from urllib.parse import urlencode


def osm_url(place: dict) -> str:
    if "lat" in place:
        lat, lon = place["lat"], place["lon"]
        return f"https://www.openstreetmap.org/?{urlencode({'mlat': lat, 'mlon': lon})}#map=18/{lat}/{lon}"
    words = [place["name"], place.get("address", ""), place.get("kecamatan", "").title(), "Jember"]
    return "https://www.openstreetmap.org/search?" + urlencode({"query": ", ".join(w for w in words if w)})
