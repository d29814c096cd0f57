"""Services as templates see them: links, grouping, staleness, JSON-LD, the service worker."""

from __future__ import annotations

import datetime as dt
import json

from services import model, offline

TODAY = dt.date(2026, 11, 27)


def service(ident="x", kind="hospital", **extra):
    fields = {
        "kind": kind,
        "name": {"id": f"Nama {ident}", "en": f"Name {ident}"},
        "description": {"id": "Deskripsi", "en": "Description"},
        "offers": ["assessment"],
        "verified_on": dt.date(2026, 1, 1),
        "sources": [{"title": "S", "url": "https://example.org/"}],
    }
    fields.update(extra)
    return model.from_fields(ident, f"layanan/{ident}.yml", fields, TODAY)


def test_stale_after_twelve_months_to_the_day():
    assert not model.is_stale(dt.date(2025, 11, 27), TODAY)
    assert model.is_stale(dt.date(2025, 11, 26), TODAY)
    assert model.a_year_before(dt.date(2028, 2, 29)) == dt.date(2027, 2, 28)
    assert service(verified_on=dt.date(2024, 6, 1)).stale
    assert not service().stale


def test_whatsapp_link_uses_the_international_number():
    assert model.wa_href("081234567890") == "https://wa.me/6281234567890"
    assert model.wa_href("+6281234567890") == "https://wa.me/6281234567890"
    assert model.tel_href("0331487267") == "tel:0331487267"


def test_openstreetmap_link_searches_the_address_in_jember():
    href = model.osm_href("Jl. Delima Merah", "Patrang")
    assert href.startswith("https://www.openstreetmap.org/search?query=")
    assert "Delima+Merah" in href and "Patrang" in href and "Jember" in href
    assert service(address="").map_href == "", "national services have no place to show"
    assert model.osm_href("Kelurahan Jember Lor", "Patrang").endswith("Kecamatan+Patrang%2C+Jember")
    assert model.osm_href("RSD dr. Soebandi Jember", "Patrang").endswith("Kecamatan+Patrang")
    by_name = service("rs", kecamatan="Patrang").map_href
    assert "Nama+rs" in by_name and "Patrang" in by_name


def test_directory_groups_by_kind_then_kecamatan():
    services = [
        service("b", kind="hospital", kecamatan="Sumbersari"),
        service("a", kind="hospital", kecamatan="Patrang"),
        service("n", kind="helpline"),
        service("p", kind="emergency"),
    ]
    groups = model.directory_groups(services, "id")
    assert [g.kind for g in groups] == ["helpline", "emergency", "hospital"]
    assert [place for place, _ in groups[2].places] == ["Patrang", "Sumbersari"]
    assert groups[0].places == [("", [services[2]])]
    assert [s.id for s in model.help_lines(services, "id")] == ["n", "p"]


def test_help_lines_follow_their_order_field():
    lines = model.help_lines([service("late", kind="helpline", order=50), service("first", kind="emergency", order=10)], "en")
    assert [s.id for s in lines] == ["first", "late"]


def test_json_ld_describes_each_service_and_cannot_close_the_script():
    listed = [
        service("h", address="Jl. A", kecamatan="Patrang", phone="0331487267", cost="free"),
        service("u", phone="0331000000", unverified=True),
        service("l", kind="helpline", phone="184", name={"id": "</script>", "en": "</script>"}),
    ]
    text = model.json_ld(listed, "en", "/en/layanan/")
    assert "</" not in text
    graph = json.loads(text)["@graph"]
    assert [node["@type"] for node in graph] == ["Hospital", "Hospital", "GovernmentService"]
    assert graph[0]["telephone"] == "0331487267" and graph[0]["isAccessibleForFree"] is True
    assert graph[0]["address"]["addressLocality"] == "Patrang, Jember"
    assert "telephone" not in graph[1], "an unverified number must not be published as structured data"
    assert graph[2]["availableChannel"]["servicePhone"]["telephone"] == "184"
    assert graph[0]["@id"] == "/en/layanan/#layanan-h"


def test_service_worker_caches_both_languages_help_and_services_pages():
    text = offline.render("", ["id", "en"], "id", ["/theme/site.abc.css"])
    pages = json.loads(text.split("const PAGES = ", 1)[1].split(";", 1)[0])
    assert pages == ["/bantuan/", "/layanan/", "/en/bantuan/", "/en/layanan/"]
    assert '"/theme/site.abc.css"' in text
    sub = offline.render("/ktan", ["id", "en"], "id", [])
    assert '"/ktan/en/bantuan/"' in sub and '"prefix": "/ktan/"' in sub


def test_service_worker_version_changes_with_the_assets():
    one = offline.render("", ["id"], "id", ["/theme/site.a.css"])
    two = offline.render("", ["id"], "id", ["/theme/site.b.css"])
    version = lambda text: text.split('const CACHE = "', 1)[1].split('"', 1)[0]
    assert version(one) != version(two)


def test_json_ld_uses_only_properties_schema_org_allows_on_each_type():
    """isAccessibleForFree belongs to places (Hospital), not to GovernmentService or organisations."""
    listed = [
        service("h", cost="free"),
        service("l", kind="helpline", phone="184", cost="free"),
        service("b", kind="bnn", phone="0331000000", cost="free"),
    ]
    graph = json.loads(model.json_ld(listed, "id", "/layanan/"))["@graph"]
    assert graph[0]["isAccessibleForFree"] is True
    assert graph[1]["@type"] == "GovernmentService" and "isAccessibleForFree" not in graph[1]
    assert graph[2]["@type"] == "GovernmentOrganization" and "isAccessibleForFree" not in graph[2]


def test_json_ld_phone_keeps_its_extension():
    line = service("k", kind="helpline", phone="119", extension=8)
    graph = json.loads(model.json_ld([line], "en", "/en/layanan/"))["@graph"]
    assert graph[0]["availableChannel"]["servicePhone"]["telephone"] == "119 ext. 8"


def test_service_worker_version_follows_the_stored_pages_bytes(tmp_path):
    """A new phone number on the help page (same list of pages, same CSS) must still give a new worker."""
    (tmp_path / "bantuan").mkdir()
    page = tmp_path / "bantuan" / "index.html"
    page.write_text('<a href="tel:184">184</a>', encoding="utf-8")
    version = lambda text: text.split('const CACHE = "', 1)[1].split('"', 1)[0]
    first = offline.write(tmp_path, "", ["id"], "id", []).read_text(encoding="utf-8")
    assert offline.write(tmp_path, "", ["id"], "id", []).read_text(encoding="utf-8") == first, "same bytes, same worker"
    page.write_text('<a href="tel:189">189</a>', encoding="utf-8")
    second = offline.write(tmp_path, "", ["id"], "id", []).read_text(encoding="utf-8")
    assert version(first) != version(second)
    assert "event.waitUntil(caches.open(CACHE).then((cache) => cache.put(" in second, "the copy is stored before the worker may stop"
