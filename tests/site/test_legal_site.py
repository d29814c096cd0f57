"""Legal provisions and help lines written once (content/hukum/, content/layanan/) and rendered everywhere.

The real site: /hukum/ lists every provision; drug pages and info pages show the
provisions they name, with the wording of the data files. A fixture copy of
the real content with one provision and one phone number changed: every page
that shows them changes. Unknown ids and stale checks are explained.
"""

from __future__ import annotations

import logging
import re
import shutil

import pytest

from ktan_content.load import load_content
from tests.conftest import ROOT, build_site, html_pages
from tests.sitepages import soup

LANGS = {"id": "", "en": "en/"}


def real_content():
    return load_content(ROOT / "content")


def law_ids_by_page(content):
    """{output path below the language root: [ids]} for every page with a ``law`` field, per language."""
    pages = {}
    for item in content.items:
        if item.fields.get("law") and item.lang:
            url = ("narkoba/" if item.ctype.name == "narkoba" else "") + item.slug + "/index.html"
            pages[(item.lang, url)] = item.fields["law"]
    return pages


@pytest.mark.parametrize("lang", LANGS)
def test_hukum_page_lists_every_provision_with_status_sources_and_check_date(built_site, lang):
    provisions = real_content().data("hukum")
    doc = soup(built_site / LANGS[lang] / "hukum" / "index.html")
    assert doc.html["lang"] == lang
    items = {el["data-law-id"]: el for el in doc.select("article.kt-hukum__item")}
    assert set(items) == set(provisions) and len(items) >= 10
    for ident, item in provisions.items():
        el = items[ident]
        assert el["id"] == f"hukum-{ident}"
        assert el.h3.get_text(strip=True) == item.fields["citation"][lang]
        assert el.select_one(".kt-hukum__summary").get_text(strip=True) == item.fields["summary"][lang]
        assert el.select_one(f".kt-law__status--{item.fields['force']}")
        assert el.select_one("time")["datetime"] == item.fields["verified_on"].isoformat()
        hrefs = {a["href"] for a in el.select(".kt-hukum__sources a")}
        assert {s["url"] for s in item.fields["sources"] if s.get("url")} <= hrefs
    repealed = items["uu35-2009-pasal-dicabut"].select_one(".kt-law__status").get_text(" ", strip=True)
    assert ("Dicabut oleh" if lang == "id" else "Repealed by") in repealed
    assert provisions["kuhp-ps609"].fields["citation"][lang] in repealed, "the replacement is named from its own file"
    amended = items["uu35-2009-ps114"].select_one(".kt-law__status").get_text(" ", strip=True)
    assert ("Berlaku, diubah oleh" if lang == "id" else "In force, amended by") in amended
    assert provisions["uu1-2026"].fields["citation"][lang] in amended


def test_pages_show_the_provisions_they_name_in_the_words_of_the_data(built_site):
    content = real_content()
    provisions = content.data("hukum")
    pages = law_ids_by_page(content)
    assert {("id", "narkoba/sabu/index.html"), ("en", "wajib-lapor/index.html"), ("id", "bantuan/index.html")} <= set(pages)
    for (lang, url), ids in pages.items():
        doc = soup(built_site / LANGS[lang] / url)
        scope = doc.select_one("#law") if url.startswith("narkoba/") else doc
        shown = [el["data-law-id"] for el in scope.select("li.kt-law__item")]
        assert shown == ids, f"{lang}/{url}"
        for el in scope.select("li.kt-law__item"):
            fields = provisions[el["data-law-id"]].fields
            assert el.select_one(".kt-law__citation").get_text(strip=True) == fields["citation"][lang]
            assert el.select_one(".kt-law__summary").get_text(strip=True) == fields["summary"][lang]
            assert el.select_one(".kt-law__citation")["href"] == f"/{LANGS[lang]}hukum/#hukum-{el['data-law-id']}"


@pytest.mark.parametrize("lang", LANGS)
def test_services_lead_names_its_provisions_by_id(built_site, lang):
    doc = soup(built_site / LANGS[lang] / "layanan" / "index.html")
    assert [el["data-law-id"] for el in doc.select(".kt-services .kt-law__item")] == ["uu35-2009-ps55", "uu35-2009-ps128"]


# --- one edit in the data changes every page ------------------------------------------------------

NEW_SUMMARY = {"id": "Ringkasan uji yang baru untuk Pasal 127.", "en": "A new test summary for Article 127."}
NEW_NUMBER = "189"  # a test value in a fixture copy, never published


@pytest.fixture(scope="module")
def edited_site(tmp_path_factory):
    """The real content with uu35-2009-ps127's summary and bnn-184's number changed, built."""
    work = tmp_path_factory.mktemp("facts-edited")
    content = work / "content"
    shutil.copytree(ROOT / "content", content)
    provision = content / "hukum" / "uu35-2009-ps127.yml"
    text = provision.read_text(encoding="utf-8")
    text = re.sub(r"summary:\n  id: .*\n  en: .*\n", f"summary:\n  id: {NEW_SUMMARY['id']}\n  en: {NEW_SUMMARY['en']}\n", text)
    provision.write_text(text, encoding="utf-8")
    line = content / "layanan" / "bnn-184.yml"
    line.write_text(line.read_text(encoding="utf-8").replace('phone: "184"', f'phone: "{NEW_NUMBER}"'), encoding="utf-8")
    return build_site(work / "output", PATH=str(content)), load_content(content)


def test_a_changed_provision_changes_every_page_that_names_it(edited_site):
    site, content = edited_site
    pages = {key: ids for key, ids in law_ids_by_page(content).items() if "uu35-2009-ps127" in ids}
    assert len(pages) >= 10, "the drug pages and the help pages name Article 127"
    for lang, url in [*pages, ("id", "hukum/index.html"), ("en", "hukum/index.html")]:
        doc = soup(site / LANGS[lang] / url)
        selector = '[data-law-id="uu35-2009-ps127"] .kt-law__summary, [data-law-id="uu35-2009-ps127"] .kt-hukum__summary'
        shown = [el.get_text(strip=True) for el in doc.select(selector)]
        assert shown == [NEW_SUMMARY[lang]], f"{lang}/{url}: {shown}"


def test_a_changed_phone_number_changes_every_page(edited_site):
    site, _ = edited_site
    pages = html_pages(site)
    assert len(pages) > 40
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "tel:184" not in text, f"{page}: the old number is still linked"
        doc = soup(page)
        if doc.select_one(".kt-help"):
            assert doc.select_one(f'.kt-help a[href="tel:{NEW_NUMBER}"]'), f"{page}: help bar without the new number"
    for lang in LANGS:
        drug = soup(site / LANGS[lang] / "narkoba" / "sabu" / "index.html")
        assert drug.select_one(f'.kt-substance-help a[href="tel:{NEW_NUMBER}"]')
        help_page = soup(site / LANGS[lang] / "bantuan" / "index.html")
        assert help_page.select_one(f'#layanan-bnn-184 a[href="tel:{NEW_NUMBER}"]')
    sw = (site / "sw.js").read_text(encoding="utf-8")
    assert 'const CACHE = "ktan-offline-' in sw


def test_the_offline_cache_version_follows_the_cached_pages(built_site, edited_site):
    version = lambda site: re.search(r'const CACHE = "([^"]+)"', (site / "sw.js").read_text(encoding="utf-8")).group(1)
    assert version(built_site) != version(edited_site[0]), "a new number on the help page must install a new worker"


# --- mistakes are explained ----------------------------------------------------------------------


def test_unknown_provision_id_names_the_closest_ids(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    page = content / "narkoba" / "sabu.id.md"
    page.write_text(page.read_text(encoding="utf-8").replace("uu35-2009-ps127", "uu35-2009-ps172", 1), encoding="utf-8")
    errors = [e for e in load_content(content).errors if e.path == "narkoba/sabu.id.md"]
    assert len(errors) >= 1
    law = [e for e in errors if e.field == "law"]
    assert law, [e.message_en for e in errors]
    assert "uu35-2009-ps172" in law[0].message_id and "Mungkin maksudnya" in law[0].message_id
    assert "uu35-2009-ps127" in law[0].message_en and law[0].line


def test_amended_or_repealed_provision_must_say_by_what_and_since_when(tmp_path):
    content = tmp_path / "content"
    (content / "hukum").mkdir(parents=True)
    (content / "hukum" / "contoh.yml").write_text(
        "citation:\n  id: UU 9/2099 Pasal 1\n  en: Law 9/2099, Article 1\ngroup: pidana\nforce: repealed\n"
        "summary:\n  id: Contoh.\n  en: Example.\nsources:\n  - title: Sumber uji\n    url: https://example.org/\n"
        "verified_on: 2026-11-01\n", encoding="utf-8")
    errors = load_content(content).errors
    assert {e.field for e in errors} == {"changed_by", "changed_on"}
    assert all(e.path == "hukum/contoh.yml" and "repealed" in e.message_en for e in errors)


def test_an_old_check_date_is_a_warning_and_shown_on_the_page(tmp_path):
    records = []
    handler = logging.Handler(level=logging.WARNING)
    handler.emit = records.append
    logging.getLogger().addHandler(handler)
    try:
        site = build_site(tmp_path / "output", KTAN_NOW="2027-12-01 08:00")  # a year after the last check
    finally:
        logging.getLogger().removeHandler(handler)
    warnings = [r.getMessage() for r in records if r.name.startswith("legal")]
    provisions = real_content().data("hukum")
    assert len(warnings) == len(provisions)
    assert any("content/hukum/uu35-2009-ps127.yml" in w and "verified_on" in w for w in warnings)
    item = soup(site / "hukum" / "index.html").select_one("#hukum-uu35-2009-ps127")
    assert "Perlu diperiksa ulang" in item.get_text()
