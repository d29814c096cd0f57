"""Services as templates need them: plain data, links, grouping, staleness, JSON-LD.

Pure functions over the validated fields of ``content/layanan/*.yml``; no
Pelican here, so everything is unit-tested directly.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from urllib.parse import quote_plus

from ktan_content.schema.services import KINDS, OFFERS

OFFER_ORDER = OFFERS

# Kinds listed on the help page (every line with its hours); the directory lists
# every kind, so each service file has its own entry (and anchor) on /layanan/.
HELP_KINDS = ("helpline", "emergency", "online")
DIRECTORY_KINDS = KINDS

SCHEMA_TYPES = {
    "hospital": "Hospital",
    "ipwl-puskesmas": "MedicalClinic",
    "bnn": "GovernmentOrganization",
    "community": "NGO",
}
# schema.org allows isAccessibleForFree on a Place (Hospital, MedicalClinic), an
# Event, an Offer or a CreativeWork; not on a GovernmentService or an Organization.
FREE_ACCESS_TYPES = ("Hospital", "MedicalClinic")


@dataclass
class Service:
    id: str
    path: str
    kind: str
    name: dict
    description: dict
    offers: list
    verified_on: dt.date
    cost: str = ""
    sources: list = field(default_factory=list)
    kecamatan: str = ""
    address: str = ""
    phone: str = ""
    extension: int | None = None
    whatsapp: str = ""
    website: str = ""
    hours: dict = field(default_factory=dict)
    order: int = 100
    unverified: bool = False
    stale: bool = False

    @property
    def tel_href(self) -> str:
        return tel_href(self.phone) if self.phone else ""

    @property
    def wa_href(self) -> str:
        return wa_href(self.whatsapp) if self.whatsapp else ""

    @property
    def map_href(self) -> str:
        """OpenStreetMap search for the address; without one, for the place's name in its kecamatan."""
        if self.address:
            return osm_href(self.address, self.kecamatan)
        if self.kecamatan:
            return osm_href(self.name["id"], self.kecamatan)
        return ""

    @property
    def has_contact(self) -> bool:
        return bool(self.phone or self.whatsapp or self.website)


def from_fields(ident: str, path: str, fields: dict, today: dt.date) -> Service:
    service = Service(
        id=ident,
        path=path,
        kind=fields["kind"],
        name=fields["name"],
        description=fields["description"],
        offers=fields["offers"],
        cost=fields.get("cost", ""),
        verified_on=fields["verified_on"],
        sources=fields.get("sources", []),
        kecamatan=fields.get("kecamatan", ""),
        address=fields.get("address", ""),
        phone=fields.get("phone", ""),
        extension=fields.get("extension"),
        whatsapp=fields.get("whatsapp", ""),
        website=fields.get("website", ""),
        hours=fields.get("hours", {}),
        order=fields.get("order", 100),
        unverified=fields.get("unverified", False),
    )
    service.stale = is_stale(service.verified_on, today)
    return service


def a_year_before(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def is_stale(verified_on: dt.date, today: dt.date) -> bool:
    """Checked more than 12 months before ``today``."""
    return verified_on < a_year_before(today)


def tel_href(number: str) -> str:
    return "tel:" + number


def wa_href(number: str) -> str:
    """https://wa.me/ wants the international number, digits only: 0812… → 62812…."""
    digits = number.lstrip("+")
    if digits.startswith("0"):
        digits = "62" + digits[1:]
    return "https://wa.me/" + digits


def osm_href(address: str, kecamatan: str = "") -> str:
    """A link that opens OpenStreetMap's search for the address (no embedded map)."""
    parts = [address]
    if kecamatan and kecamatan.lower() not in address.lower():
        parts.append("Kecamatan " + kecamatan)
    if not address.lower().rstrip(" .").endswith("jember"):
        parts.append("Jember")
    return "https://www.openstreetmap.org/search?query=" + quote_plus(", ".join(parts))


def sort_key(service: Service, lang: str):
    return (service.order, service.name.get(lang) or service.name["id"])


@dataclass
class Group:
    kind: str
    places: list  # [(kecamatan or "", [Service, ...]), ...]

    @property
    def count(self) -> int:
        return sum(len(items) for _, items in self.places)


def directory_groups(services: list[Service], lang: str) -> list[Group]:
    """Directory services grouped by kind (in KINDS order), then by kecamatan (A–Z; national first)."""
    groups = []
    for kind in DIRECTORY_KINDS:
        of_kind = [s for s in services if s.kind == kind]
        if not of_kind:
            continue
        by_place: dict[str, list] = {}
        for service in of_kind:
            by_place.setdefault(service.kecamatan, []).append(service)
        places = [(place, sorted(by_place[place], key=lambda s: sort_key(s, lang))) for place in sorted(by_place)]
        groups.append(Group(kind, places))
    return groups


def help_lines(services: list[Service], lang: str) -> list[Service]:
    return sorted((s for s in services if s.kind in HELP_KINDS), key=lambda s: sort_key(s, lang))


def kecamatans(services: list[Service]) -> list[str]:
    return sorted({s.kecamatan for s in services if s.kecamatan})


def json_ld(services: list[Service], lang: str, page_url: str) -> str:
    """One JSON-LD document (an @graph) describing every listed service."""
    graph = [_service_ld(service, lang, page_url) for service in services]
    data = {"@context": "https://schema.org", "@graph": graph}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("</", "<\\/")


def _service_ld(service: Service, lang: str, page_url: str) -> dict:
    name = service.name.get(lang) or service.name["id"]
    description = service.description.get(lang) or service.description["id"]
    node = {
        "@type": SCHEMA_TYPES.get(service.kind, "GovernmentService"),
        "@id": f"{page_url}#layanan-{service.id}",
        "name": name,
        "description": description,
    }
    if service.cost and node["@type"] in FREE_ACCESS_TYPES:
        node["isAccessibleForFree"] = service.cost == "free"
    if service.website:
        node["url"] = service.website
    telephone = schema_telephone(service) if not service.unverified else ""
    if node["@type"] == "GovernmentService":
        channel = {"@type": "ServiceChannel"}
        if telephone:
            channel["servicePhone"] = {"@type": "ContactPoint", "telephone": telephone}
        if service.website:
            channel["serviceUrl"] = service.website
        if len(channel) > 1:
            node["availableChannel"] = channel
        node["areaServed"] = {"@type": "Country", "name": "Indonesia"} if not service.kecamatan else _place(service)
    else:
        if telephone:
            node["telephone"] = telephone
        if service.address or service.kecamatan:
            node["address"] = _address(service)
    return node


def schema_telephone(service: Service) -> str:
    """The number as a caller dials it, with its extension: '119 ext. 8'."""
    if service.phone and service.extension is not None:
        return f"{service.phone} ext. {service.extension}"
    return service.phone


def _address(service: Service) -> dict:
    address = {"@type": "PostalAddress", "addressRegion": "Jawa Timur", "addressCountry": "ID"}
    if service.address:
        address["streetAddress"] = service.address
    address["addressLocality"] = f"{service.kecamatan}, Jember" if service.kecamatan else "Jember"
    return address


def _place(service: Service) -> dict:
    return {"@type": "Place", "address": _address(service)}
