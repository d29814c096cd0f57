"""schema.org data for a stakeholder page."""

from __future__ import annotations

GOVERNMENT_GROUPS = ("polisi", "perangkat-daerah", "wilayah")


def schema_type(group: str) -> str:
    """``GovernmentOrganization`` (police, agencies, administration) or ``Organization``."""
    return "GovernmentOrganization" if group in GOVERNMENT_GROUPS else "Organization"


def node_id(page_url: str) -> str:
    """The organisation's ``@id``: its page plus ``#org`` (other pages' JSON-LD point here)."""
    return page_url + "#org"


def reference(stakeholder, page_url: str) -> dict:
    """What another page's JSON-LD says about a stakeholder (an event's organizer): type, @id, name."""
    return {"@type": schema_type(stakeholder.group), "@id": node_id(page_url), "name": stakeholder.name}


def organization(stakeholder, page_url: str) -> dict:
    """The stakeholder page's own node, with the same ``@id`` as every ``reference``."""
    data = {
        "@context": "https://schema.org",
        **reference(stakeholder, page_url),
        "alternateName": stakeholder.short_name,
        "description": stakeholder.role,
        "mainEntityOfPage": page_url,
    }
    if stakeholder.website:
        data["url"] = stakeholder.website
    if stakeholder.phone:
        data["telephone"] = stakeholder.phone
    if stakeholder.address:
        data["address"] = {"@type": "PostalAddress", "streetAddress": stakeholder.address, "addressCountry": "ID"}
    return data
