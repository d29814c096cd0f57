"""The services directory, the help page, wajib lapor and the offline copy, in built sites."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys

import pytest

from ktan_content.load import load_content
from tests.conftest import ROOT, build_site
from tests.sitepages import soup

LANGS = {"id": "", "en": "en/"}
DIRECTORY_KINDS = {"helpline", "emergency", "online", "bnn", "hospital", "ipwl-puskesmas", "community"}
HELP_KINDS = {"helpline", "emergency", "online"}


def real_services():
    return load_content(ROOT / "content").data("layanan")


@pytest.mark.parametrize("lang", LANGS)
def test_every_directory_service_is_listed_with_a_contact_and_a_checked_date(built_site, lang):
    doc = soup(built_site / LANGS[lang] / "layanan" / "index.html")
    assert doc.html["lang"] == lang
    cards = {card["id"].removeprefix("layanan-"): card for card in doc.select("article.kt-service-card")}
    expected = {ident for ident, item in real_services().items() if item.fields["kind"] in DIRECTORY_KINDS}
    assert expected and set(cards) == expected
    for ident, card in cards.items():
        links = [a["href"] for a in card.select(".kt-service-card__facts a")]
        assert any(h.startswith("tel:") or h.startswith("https://") for h in links), f"{ident} has no tel: or website link"
        checked = card.select_one(".kt-service-card__checked time")
        assert checked and checked["datetime"] == real_services()[ident].fields["verified_on"].isoformat()
        assert card.select(".kt-service-card__checked a[href^='http']"), f"{ident} shows no source"


@pytest.mark.parametrize("lang", LANGS)
def test_directory_is_grouped_by_kind_then_kecamatan_without_js(built_site, lang):
    doc = soup(built_site / LANGS[lang] / "layanan" / "index.html")
    groups = doc.select("#kt-services > section.kt-services__group")
    kinds = [group.h2["id"].removeprefix("kt-kind-") for group in groups]
    assert kinds[0] == "helpline" and len(kinds) == len(set(kinds)) >= 3
    for group in groups:
        for item in group.select("li.kt-service"):
            assert item["data-kind"] == group.h2["id"].removeprefix("kt-kind-")
    local = [li for li in doc.select("li.kt-service") if li["data-kecamatan"]]
    assert local, "no service with a kecamatan"
    for item in local:
        heading = item.find_parent("div", class_="kt-services__place").h3
        assert item["data-kecamatan"] in heading.get_text()
    form = doc.select_one("form#kt-service-filter")
    assert form.has_attr("hidden"), "the filter is useless without JS, so it must start hidden"


def test_each_service_address_of_the_content_model_exists(built_site):
    from ktan_content.paths import url_for

    pages = {lang: soup(built_site / LANGS[lang] / "layanan" / "index.html") for lang in LANGS}
    for ident, item in real_services().items():
        page, anchor = url_for(item.ctype, ident)[0].split("#")
        assert page == "layanan/"
        for lang, doc in pages.items():
            assert doc.find(id=anchor), f"/{LANGS[lang]}layanan/#{anchor} does not exist"


def test_unverified_entries_show_the_national_line_instead_of_a_number(built_site):
    doc = soup(built_site / "layanan" / "index.html")
    unverified = [ident for ident, item in real_services().items() if item.fields.get("unverified")]
    assert unverified
    for ident in unverified:
        card = doc.select_one(f"#layanan-{ident}")
        assert "Kontak belum terverifikasi" in card.get_text()
        assert [a["href"] for a in card.select("a[href^='tel:']")] == ["tel:184"]


def test_addresses_link_to_openstreetmap_and_nothing_is_embedded(built_site):
    doc = soup(built_site / "en" / "layanan" / "index.html")
    maps = doc.select("a[href^='https://www.openstreetmap.org/search?query=']")
    assert maps and all("Open in OpenStreetMap" in a.get_text() for a in maps)
    for item in doc.select("li.kt-service"):
        links = item.select("a[href^='https://www.openstreetmap.org/search?query=']")
        assert bool(links) == bool(item["data-kecamatan"]), "every local service, and only those, links to the map"
    assert not doc.select("iframe, embed, object")


@pytest.mark.parametrize("lang", LANGS)
def test_json_ld_describes_each_listed_service(built_site, lang):
    doc = soup(built_site / LANGS[lang] / "layanan" / "index.html")
    [script] = doc.select('script[type="application/ld+json"]')
    graph = json.loads(script.string)["@graph"]
    assert sorted(node["@id"].rsplit("#layanan-", 1)[1] for node in graph) == sorted(
        card["id"].removeprefix("layanan-") for card in doc.select("article.kt-service-card")
    )
    names = {node["name"] for node in graph}
    assert any(("Call Center BNN 184" if lang == "id" else "BNN call centre 184") == name for name in names)


def test_filter_script_loads_only_on_the_services_pages(built_site):
    def scripts(path):
        return [s["src"] for s in soup(built_site / path).select("script[src]")]

    assert any("/services." in src for src in scripts("layanan/index.html"))
    assert any("/services." in src for src in scripts("en/layanan/index.html"))
    assert not any("/services." in src for src in scripts("index.html"))
    assert not any("/services." in src for src in scripts("bantuan/index.html"))


@pytest.mark.parametrize("lang", LANGS)
def test_help_page_lists_every_line_with_its_hours(built_site, lang):
    doc = soup(built_site / LANGS[lang] / "bantuan" / "index.html")
    lines = {section["id"].removeprefix("layanan-"): section for section in doc.select("section.kt-line")}
    expected = {ident for ident, item in real_services().items() if item.fields["kind"] in HELP_KINDS}
    assert set(lines) == expected
    calls = [a["href"] for a in doc.select("section.kt-line a.kt-line__call")]
    assert calls[:3] == ["tel:184", "tel:110", "tel:119"], "BNN 184 first, then police and ambulance"
    assert "tel:112" not in {a["href"] for a in doc.select("a[href^='tel:']")}
    hours_184 = lines["bnn-184"].select_one(".kt-line__hours").get_text()
    assert "24" in hours_184
    mental = lines["kemenkes-119-ext-8"].get_text(" ")
    assert ("lalu tekan 8" if lang == "id" else "then press 8") in mental
    assert ("24 jam menurut Kemenkes" if lang == "id" else "24 hours according to the Ministry of Health") in mental
    assert ("bisa sibuk" if lang == "id" else "can be busy") in mental
    assert lines["healing119"].select_one("a[href='https://healing119.id/']")
    source_links = {a["href"] for a in doc.select(".kt-sources a")}
    for ident in expected:
        for source in real_services()[ident].fields["sources"]:
            assert source["url"] in source_links, f"{ident}: source {source['url']} not shown on the help page"


def test_help_bar_of_every_page_links_to_the_help_page(built_site):
    for path in ("index.html", "en/index.html", "layanan/index.html", "wajib-lapor/index.html"):
        links = [a["href"] for a in soup(built_site / path).select(".kt-help a")]
        assert ("/en/bantuan/" if path.startswith("en/") else "/bantuan/") in links, path


@pytest.mark.parametrize("lang", LANGS)
def test_wajib_lapor_page_states_the_legal_basis_and_sources(built_site, lang):
    doc = soup(built_site / LANGS[lang] / "wajib-lapor" / "index.html")
    text = doc.select_one("main").get_text(" ")
    for needle in ("35", "54", "55", "128", "25", "IPWL", "puskesmas"):
        assert needle in text, needle
    assert ("gratis" if lang == "id" else "free") in text
    assert len(doc.select(".kt-sources a[href^='https://']")) >= 3
    assert doc.select_one(f"a[href='/{LANGS[lang]}layanan/']")


def test_service_worker_sits_at_the_root_and_caches_existing_files(built_site):
    text = (built_site / "sw.js").read_text(encoding="utf-8")
    pages = json.loads(text.split("const PAGES = ", 1)[1].split(";", 1)[0])
    assets = json.loads(text.split("const ASSETS = ", 1)[1].split(";", 1)[0])
    assert set(pages) == {"/bantuan/", "/en/bantuan/", "/layanan/", "/en/layanan/"}
    for url in pages + assets:
        target = built_site / url.lstrip("/")
        assert (target / "index.html" if url.endswith("/") else target).is_file(), url
    site_css = soup(built_site / "bantuan" / "index.html").select_one('link[rel="stylesheet"]')["href"]
    assert site_css in assets
    for path in ("bantuan/index.html", "en/layanan/index.html"):
        register = soup(built_site / path).select_one("script[data-sw]")
        assert register["data-sw"] == "/sw.js" and register["data-scope"] == "/"


@pytest.fixture(scope="module")
def stale_site(tmp_path_factory):
    output = tmp_path_factory.mktemp("services-stale") / "output"
    records = []
    handler = logging.Handler(level=logging.WARNING)
    handler.emit = records.append
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        lines = {role: "saluran-uji" for role in ("helpline", "police", "ambulance")}  # the fixture's one line
        build_site(output, PATH=str(ROOT / "tests/fixtures/services-stale"), SERVICES_LINES=lines)
    finally:
        root.removeHandler(handler)
    return output, [r.getMessage() for r in records if r.name.startswith("services")]


def test_stale_service_builds_with_a_warning_and_a_visible_label(stale_site):
    output, warnings = stale_site
    assert len(warnings) == 1, warnings
    assert "layanan/klinik-lama.yml" in warnings[0] and "2020-01-15" in warnings[0]
    card = soup(output / "layanan" / "index.html").select_one("#layanan-klinik-lama")
    assert "Perlu diperiksa ulang" in card.get_text()
    en_card = soup(output / "en" / "layanan" / "index.html").select_one("#layanan-klinik-lama")
    assert "Needs re-checking" in en_card.get_text()
    fresh = soup(output / "bantuan" / "index.html").select_one("#layanan-saluran-uji")
    assert "Perlu diperiksa ulang" not in fresh.get_text()


def test_unsourced_or_badly_formed_phone_fails_the_build_plainly(tmp_path):
    settings = tmp_path / "settings.py"
    settings.write_text(
        "from pelicanconf import *  # noqa\n"
        f"PATH = {str(ROOT / 'tests/fixtures/services-unsourced-phone')!r}\n",
        encoding="utf-8",
    )
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "plugins"), str(ROOT)]))
    output = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "ktan_build", "--settings", str(settings), "--output", str(output)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    report = result.stderr
    assert "layanan/tanpa-sumber.yml, baris 8, kolom 'phone'" in report
    assert "tidak punya sumber" in report and "has no source" in report
    assert "layanan/nomor-rusak.yml, baris 8, kolom 'phone'" in report
    assert "0331-48x-267" in report and "not valid" in report
    assert report.index("tidak punya sumber") < report.index("has no source"), "Indonesian first, then English"
    assert not output.exists()
