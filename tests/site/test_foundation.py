"""The bilingual site: languages, switch, hreflang, help bar, dates, no third parties."""

from __future__ import annotations

import re

import pytest

from tests.conftest import ROOT, build_site, html_pages
from tests.sitepages import page_url, resolve, soup

EXTERNAL_ATTRS = {"script": "src", "link": "href", "img": "src", "iframe": "src", "source": "src", "video": "src", "audio": "src", "embed": "src", "object": "data"}
ARTICLE = "berita/rapat-koordinasi-kampung-tangguh-anti-narkoba/index.html"


def test_both_homes_exist_with_their_language(built_site):
    assert soup(built_site / "index.html").html["lang"] == "id"
    assert soup(built_site / "en" / "index.html").html["lang"] == "en"


def test_every_page_has_lang_matching_its_site(built_site):
    for page in html_pages(built_site):
        expected = "en" if page.relative_to(built_site).parts[0] == "en" else "id"
        assert soup(page).html["lang"] == expected, page


def test_language_switch_and_hreflang_targets_exist(built_site):
    checked = 0
    for page in html_pages(built_site):
        doc = soup(page)
        base = page_url(built_site, page)
        links = [a["href"] for a in doc.select(".kt-lang a")]
        links += [link["href"] for link in doc.select('link[rel="alternate"][hreflang]')]
        assert links, f"{page} has no language switch"
        for href in links:
            assert resolve(built_site, href, base), f"{page}: language link {href} goes nowhere"
            checked += 1
    assert checked > 20


def test_switch_goes_to_the_same_page_in_the_other_language(built_site):
    doc = soup(built_site / ARTICLE)
    assert doc.select_one(".kt-lang a")["href"] == "/en/berita/rapat-koordinasi-kampung-tangguh-anti-narkoba/"
    hreflangs = {link["hreflang"]: link["href"] for link in doc.select('link[rel="alternate"][hreflang]')}
    assert hreflangs == {
        "id": "/berita/rapat-koordinasi-kampung-tangguh-anti-narkoba/",
        "en": "/en/berita/rapat-koordinasi-kampung-tangguh-anti-narkoba/",
        "x-default": "/berita/rapat-koordinasi-kampung-tangguh-anti-narkoba/",
    }


def test_theme_strings_are_translated(built_site):
    id_skip = soup(built_site / "index.html").select_one(".kt-skip-link").get_text(strip=True)
    en_skip = soup(built_site / "en" / "index.html").select_one(".kt-skip-link").get_text(strip=True)
    assert id_skip == "Langsung ke isi utama"
    assert en_skip == "Skip to main content"


def test_dates_are_localised_in_wib(built_site):
    id_time = soup(built_site / ARTICLE).select_one(".kt-article__date time")
    en_time = soup(built_site / "en" / ARTICLE).select_one(".kt-article__date time")
    assert id_time.get_text() == "Kamis, 31 Agustus 2023"
    assert en_time.get_text() == "Thursday, 31 August 2023"
    # The source gives the day only (the old 10:00 was invented): no hour may be claimed on the page.
    assert id_time["datetime"].startswith("2023-08-31T00:00+07:00") or id_time["datetime"] == "2023-08-31"


def test_help_bar_with_184_on_every_page(built_site):
    pages = html_pages(built_site)
    assert len(pages) >= 10
    for page in pages:
        calls = soup(page).select('.kt-help a[href="tel:184"]')
        assert len(calls) == 1, f"{page} lacks the tel:184 help link"


def test_no_page_references_another_origin(built_site):
    for page in html_pages(built_site):
        doc = soup(page)
        for tag, attr in EXTERNAL_ATTRS.items():
            for element in doc.find_all(tag):
                value = element.get(attr, "")
                if tag == "link" and set(element.get("rel", [])) & {"canonical", "alternate"}:
                    continue
                assert not re.match(r"^(https?:)?//", value), f"{page}: <{tag} {attr}={value}> loads from another origin"
        assert "@import" not in page.read_text(encoding="utf-8")
    for css in built_site.rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", css.read_text()), f"{css} loads from another origin"


def test_each_language_has_a_404_page(built_site):
    assert soup(built_site / "404.html").h1.get_text() == "Halaman tidak ditemukan"
    assert soup(built_site / "en" / "404.html").h1.get_text() == "Page not found"


@pytest.fixture(scope="module")
def untranslated_site(tmp_path_factory):
    output = tmp_path_factory.mktemp("untranslated") / "output"
    return build_site(output, PATH=str(ROOT / "tests/fixtures/untranslated"))


def test_untranslated_page_switch_goes_home_with_a_note(untranslated_site):
    page = untranslated_site / "hanya-indonesia" / "index.html"
    doc = soup(page)
    assert doc.select_one(".kt-lang a")["href"] == "/en/"
    assert "not available" in doc.select_one(".kt-lang__note").get_text() or "belum tersedia" in doc.select_one(".kt-lang__note").get_text()
    assert not (untranslated_site / "en" / "hanya-indonesia").exists()
    hreflangs = {link["hreflang"] for link in doc.select('link[rel="alternate"][hreflang]')}
    assert "en" not in hreflangs


def test_translated_article_in_fixture_links_across(untranslated_site):
    doc = soup(untranslated_site / "en" / "berita" / "berita-dua-bahasa" / "index.html")
    assert doc.select_one(".kt-lang a")["href"] == "/berita/berita-dua-bahasa/"
