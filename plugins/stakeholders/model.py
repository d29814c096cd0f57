"""Stakeholders as plain data: loaded from the validated content set, viewed per language."""

from __future__ import annotations

from dataclasses import dataclass, field

from ktan_content.schema.stakeholders import GROUPS

CONTENT_TYPE = "mitra"


@dataclass(frozen=True)
class Stakeholder:
    """One stakeholder, both languages: what ``content/mitra/<id>.yml`` holds."""

    id: str
    name: dict  # {"id": ..., "en": ...}
    short_name: str
    group: str
    role: dict
    order: int = 100
    website: str = ""
    phone: str = ""
    address: str = ""
    logo: str = ""
    sources: tuple = field(default=())
    path: str = ""


@dataclass(frozen=True)
class StakeholderView:
    """A stakeholder in one language, ready for templates."""

    id: str
    name: str
    short_name: str
    group: str
    role: str
    url: str  # below the language root, e.g. "mitra/dinkes/"
    website: str
    phone: str
    address: str
    logo: str
    sources: tuple


REQUIRED = ("name", "short_name", "group", "role")


def load_stakeholders(content) -> list[Stakeholder]:
    """Stakeholders of a ``ContentSet`` in display order (group, order, short name).

    Files with errors in a required field are left out: the check step has
    already reported them and stops our build.
    """
    stakeholders = []
    for ident, item in content.data(CONTENT_TYPE).items():
        fields = item.fields
        if any(name not in fields for name in REQUIRED):
            continue
        stakeholders.append(
            Stakeholder(
                id=ident,
                name=fields["name"],
                short_name=fields["short_name"],
                group=fields["group"],
                role=fields["role"],
                order=fields.get("order", 100),
                website=fields.get("website", ""),
                phone=fields.get("phone", ""),
                address=fields.get("address", ""),
                logo=fields.get("logo", ""),
                sources=tuple(fields.get("sources", ())),
                path=item.path,
            )
        )
    return sorted(stakeholders, key=sort_key)


def sort_key(stakeholder: Stakeholder):
    group_rank = GROUPS.index(stakeholder.group) if stakeholder.group in GROUPS else len(GROUPS)
    return (group_rank, stakeholder.order, stakeholder.short_name.lower())


def view(stakeholder: Stakeholder, lang: str, url_pattern: str) -> StakeholderView:
    return StakeholderView(
        id=stakeholder.id,
        name=stakeholder.name.get(lang) or stakeholder.name["id"],
        short_name=stakeholder.short_name,
        group=stakeholder.group,
        role=stakeholder.role.get(lang) or stakeholder.role["id"],
        url=url_pattern.format(id=stakeholder.id, slug=stakeholder.id),
        website=stakeholder.website,
        phone=stakeholder.phone,
        address=stakeholder.address,
        logo=stakeholder.logo,
        sources=stakeholder.sources,
    )


def group_views(views: list[StakeholderView]) -> list[tuple[str, list[StakeholderView]]]:
    """[(group, stakeholders)] in the fixed group order, empty groups left out."""
    grouped = []
    for group in GROUPS:
        members = [v for v in views if v.group == group]
        if members:
            grouped.append((group, members))
    return grouped


def resolve(ids, by_id: dict) -> tuple[list, list[str]]:
    """Map ids to stakeholders, in the order given; also return the unknown ids."""
    found, unknown = [], []
    for ident in ids or ():
        if ident in by_id:
            found.append(by_id[ident])
        else:
            unknown.append(ident)
    return found, unknown
