"""Legal provisions model: lookup by id with closest ids, grouping, staleness."""

from __future__ import annotations

import datetime as dt

from legal import model


def provision(ident, group="pidana", order=100, verified=dt.date(2026, 12, 1)):
    return model.from_fields(ident, f"hukum/{ident}.yml", {
        "citation": {"id": ident, "en": ident}, "group": group, "force": "in-force",
        "summary": {"id": "x", "en": "x"}, "verified_on": verified, "order": order,
    }, dt.date(2026, 12, 1), 183)


def test_resolve_keeps_the_order_and_suggests_the_closest_ids():
    by_id = {p.id: p for p in (provision("uu35-2009-ps127"), provision("uu35-2009-ps128"))}
    found, unknown = model.resolve(["uu35-2009-ps128", "uu35-2009-ps172", "uu35-2009-ps127"], by_id)
    assert [p.id for p in found] == ["uu35-2009-ps128", "uu35-2009-ps127"]
    assert unknown[0][0] == "uu35-2009-ps172" and "uu35-2009-ps127" in unknown[0][1]


def test_groups_follow_the_schema_order_then_order_field():
    items = [provision("b", "rehabilitasi", 1), provision("c", "pidana", 20), provision("a", "pidana", 10), provision("d", "obat")]
    assert [(g, [p.id for p in ps]) for g, ps in model.grouped(items)] == [
        ("pidana", ["a", "c"]), ("rehabilitasi", ["b"]), ("obat", ["d"])]


def test_stale_after_the_set_age():
    assert not provision("x", verified=dt.date(2026, 6, 1)).stale
    assert provision("x", verified=dt.date(2026, 5, 1)).stale
    assert provision("x").anchor == "hukum-x"
