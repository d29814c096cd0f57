"""Legal provisions as templates need them: plain data, order, groups, staleness.

Pure functions over the validated fields of ``content/hukum/*.yml``; no
Pelican here, so they are unit-tested directly. The wording lives in the data
files only: templates render ``citation`` and ``summary`` from here, never
from their own strings.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ktan_content.schema.hukum import GROUPS
from ktan_content.validate import closest

ANCHOR_PREFIX = "hukum-"  # the provision's anchor on /hukum/ (schema url: "hukum/#hukum-{slug}")


@dataclass
class Provision:
    id: str
    path: str
    citation: dict
    group: str
    force: str
    summary: dict
    verified_on: dt.date
    sources: list = field(default_factory=list)
    changed_by: list = field(default_factory=list)
    changed_on: dt.date | None = None
    replaced_by: list = field(default_factory=list)
    order: int = 100
    stale: bool = False

    @property
    def anchor(self) -> str:
        return ANCHOR_PREFIX + self.id


def from_fields(ident: str, path: str, fields: dict, today: dt.date, max_age_days: int) -> Provision:
    provision = Provision(
        id=ident,
        path=path,
        citation=fields["citation"],
        group=fields["group"],
        force=fields["force"],
        summary=fields["summary"],
        verified_on=fields["verified_on"],
        sources=fields.get("sources", []),
        changed_by=fields.get("changed_by", []),
        changed_on=fields.get("changed_on"),
        replaced_by=fields.get("replaced_by", []),
        order=fields.get("order", 100),
    )
    provision.stale = is_stale(provision.verified_on, today, max_age_days)
    return provision


def is_stale(verified_on: dt.date, today: dt.date, max_age_days: int) -> bool:
    """Checked more than ``max_age_days`` before ``today``: the law may have moved since."""
    return (today - verified_on).days > max_age_days


def sort_key(provision: Provision):
    return (GROUPS.index(provision.group) if provision.group in GROUPS else len(GROUPS), provision.order, provision.id)


def grouped(provisions) -> list[tuple[str, list[Provision]]]:
    """[(group, provisions)] in GROUPS order, each sorted by ``order``; empty groups left out."""
    result = []
    for group in GROUPS:
        members = sorted((p for p in provisions if p.group == group), key=sort_key)
        if members:
            result.append((group, members))
    return result


def resolve(ids, by_id: dict) -> tuple[list[Provision], list[tuple[str, list[str]]]]:
    """The provisions named by ``ids`` (in that order) and the unknown ids with their closest known ids."""
    found, unknown = [], []
    for ident in ids or ():
        if ident in by_id:
            found.append(by_id[ident])
        else:
            unknown.append((ident, closest(ident, by_id)))
    return found, unknown
