"""Drug A-Z on the real site: every listed substance in both languages, every section, sources, A-Z index."""

from __future__ import annotations

import gzip
import json
import re

import pytest

from ktan_content.schema.substances import SECTIONS
from substances.sections import sort_key
from tests.conftest import ROOT, build_site
from tests.sitepages import resolve, soup

# The list: sabu, ganja, ekstasi, heroin/putaw, kokain, tembakau gorila, pil koplo, inhalants, alcohol.
LISTED = ["sabu", "ganja", "ekstasi", "heroin", "kokain", "tembakau-gorila", "pil-koplo", "inhalan", "alkohol"]
GOLONGAN_I = ["sabu", "ganja", "ekstasi", "heroin", "kokain", "tembakau-gorila"]
LANGS = {"id": "", "en": "en/"}


def page(site, lang, slug):
    path = site / LANGS[lang] / "narkoba" / slug / "index.html"
    assert path.is_file(), f"{lang}: no page for {slug}"
    return soup(path)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", LISTED)
def test_each_listed_substance_has_every_section_in_its_language(built_site, lang, slug):
    doc = page(built_site, lang, slug)
    assert doc.html["lang"] == lang
    for section in SECTIONS:
        block = doc.select_one(f"section#{section.key}")
        assert block is not None, f"{lang}/{slug}: section {section.key} missing"
        assert block.h2.get_text(strip=True) == section.heading(lang)
        assert len(block.select_one(".kt-prose").get_text(strip=True)) > 40, f"{lang}/{slug}: {section.key} is empty"
    facts = doc.select_one(".kt-substance-facts")
    assert facts.select("dd")[0].get_text(strip=True), f"{lang}/{slug}: no street names"
    assert doc.select_one(".kt-substance-status").get_text(strip=True)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", LISTED)
def test_each_substance_page_shows_its_sources_and_where_to_get_help(built_site, lang, slug):
    doc = page(built_site, lang, slug)
    sources = doc.select('.kt-sources a[href^="http"]')
    assert sources, f"{lang}/{slug}: no source shown"
    assert all(a.get_text(strip=True) for a in sources)
    assert doc.select_one('#emergency a[href="tel:119"]'), f"{lang}/{slug}: no 119 in the emergency section"
    help_links = {a["href"] for a in doc.select(".kt-substance-help a")}
    assert {"tel:119", "tel:110", "tel:184"} <= help_links
    base = f"/{LANGS[lang]}narkoba/{slug}/"
    for href in help_links - {"tel:119", "tel:110", "tel:184"}:
        assert resolve(built_site, href, base), f"{lang}/{slug}: help link {href} goes nowhere"
    assert doc.select_one(".kt-lang a")["href"] == f"/{LANGS['en' if lang == 'id' else 'id']}narkoba/{slug}/"


@pytest.mark.parametrize("lang", LANGS)
def test_the_law_section_states_the_2026_kuhp_change_for_narcotics(built_site, lang):
    """Since UU 1/2026 only Ps 112, 113, 117, 118, 122, 123 were repealed; Ps 114 and 127 stay in force."""
    for slug in GOLONGAN_I:
        law = page(built_site, lang, slug).select_one("#law").get_text(" ", strip=True)
        assert "2026" in law and "609" in law and "1/2023" in law, f"{lang}/{slug}: no KUHP 2026 note"
        assert "1/2026" in law and "114" in law and "127" in law, f"{lang}/{slug}: not the law as amended by UU 1/2026"
        assert "111-126" not in law and "111–126" not in law, f"{lang}/{slug}: still says Ps 111-126 were repealed"


def test_legal_classes_are_right(built_site):
    for slug in GOLONGAN_I:
        status = page(built_site, "id", slug).select_one(".kt-substance-facts .kt-substance-status")
        assert "kt-substance-status--golongan-1" in status["class"], slug
        assert status.get_text(strip=True) == "Narkotika Golongan I"
    koplo = page(built_site, "id", "pil-koplo")
    assert koplo.select_one(".kt-substance-status").get_text(strip=True) == "Obat-Obat Tertentu (OOT): bukan narkotika"
    assert "10/2019" in koplo.select_one(".kt-substance-facts__regulation").get_text()
    assert "Not a narcotic" in page(built_site, "en", "inhalan").select_one(".kt-substance-status").get_text()
    for slug in ("sabu", "ekstasi"):
        for lang in LANGS:
            facts = page(built_site, lang, slug).select_one(".kt-substance-facts").get_text()
            assert "II" not in facts.replace("Golongan I)", "").replace("Golongan I", ""), f"{lang}/{slug} says class II"


@pytest.mark.parametrize("lang", LANGS)
def test_the_index_lists_every_substance_a_to_z(built_site, lang):
    doc = soup(built_site / LANGS[lang] / "narkoba" / "index.html")
    links = doc.select(".kt-substance-card__title a")
    hrefs = [a["href"] for a in links]
    assert sorted(hrefs) == sorted(f"/{LANGS[lang]}narkoba/{slug}/" for slug in LISTED)
    titles = [a.get_text(strip=True) for a in links]
    assert titles == sorted(titles, key=sort_key)
    letters = [h.get_text(strip=True) for h in doc.select(".kt-substance-index__letter")]
    assert letters == sorted(letters) and letters[0] == "A"
    for anchor in doc.select(".kt-substance-index__letters a"):
        assert doc.select_one(anchor["href"]), f"letter link {anchor['href']} has no target"
    assert doc.select_one('a[href$="orang-tua-dan-guru/"]')


@pytest.mark.parametrize("lang", LANGS)
def test_json_ld_describes_the_page_without_claiming_medical_review(built_site, lang):
    doc = page(built_site, lang, "pil-koplo")
    data = json.loads(doc.select_one('script[type="application/ld+json"]').string)
    assert data["@type"] == "MedicalWebPage"
    assert data["inLanguage"] == lang
    assert data["about"]["@type"] == "Drug" and "tramadol" in data["about"]["alternateName"]
    assert data["citation"] and all(url.startswith("http") for url in data["citation"])
    modified = re.search(r"^modified: (\S+)$", (ROOT / "content" / "narkoba" / f"pil-koplo.{lang}.md").read_text(encoding="utf-8"), re.M)
    assert data["lastReviewed"] == modified.group(1)  # the date the text was last checked, from the file
    assert "reviewedBy" not in data
    alcohol = json.loads(page(built_site, lang, "alkohol").select_one('script[type="application/ld+json"]').string)
    assert alcohol["about"]["@type"] == "Substance"


@pytest.mark.parametrize("lang", LANGS)
def test_parents_and_teachers_page_links_to_help(built_site, lang):
    path = built_site / LANGS[lang] / "orang-tua-dan-guru" / "index.html"
    doc = soup(path)
    hrefs = {a["href"] for a in doc.select(".kt-prose a")}
    root = "/" + LANGS[lang]
    assert {root + "wajib-lapor/", root + "layanan/", root + "narkoba/"} <= hrefs
    for href in hrefs:
        assert resolve(built_site, href, root + "orang-tua-dan-guru/"), f"{href} goes nowhere"
    headings = [h.get_text(strip=True) for h in doc.select(".kt-prose h2")]
    assert len(headings) == 3
    assert doc.select(".kt-sources a")


def test_drug_pages_fit_the_first_round_trip(built_site):
    css = next((built_site / "theme").glob("site.*.css")).read_bytes()
    for lang in LANGS:
        for slug in LISTED:
            html = (built_site / LANGS[lang] / "narkoba" / slug / "index.html").read_bytes()
            size = len(gzip.compress(html)) + len(gzip.compress(css))
            assert size <= 14 * 1024, f"{lang}/{slug}: HTML+CSS is {size} bytes gzip"


def test_bad_drug_page_fails_the_build_with_a_clear_message(tmp_path):
    from ktan_build import BuildFailed

    output = tmp_path / "output"
    with pytest.raises(BuildFailed) as failure:
        build_site(output, PATH=str(ROOT / "tests/fixtures/substances-bad"))
    report = failure.value.report
    assert "narkoba/contoh.id.md" in report
    assert "Bagian wajib '## Hukumnya' belum ada" in report
    assert "The required section '## The law' is missing" not in report  # Indonesian file: Indonesian heading
    assert "Judul bagian '## Catatan' tidak dikenal" in report
    assert "kolom 'legal_status'" in report and "golongan-1" in report
    assert "Traceback" not in report
    assert not output.exists()
