"""schema.org data for a stakeholder page."""

from __future__ import annotations

GOVERNMENT_GROUPS = ("polisi", "perangkat-daerah", "wilayah")


def organization(stakeholder, page_url: str) -> dict:
    """A ``GovernmentOrganization`` (police, agencies, administration) or ``Organization``."""
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentOrganization" if stakeholder.group in GOVERNMENT_GROUPS else "Organization",
        "@id": page_url + "#org",
        "name": stakeholder.name,
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
