"""sitemap.xml pieces: what a page's <head> declares, and the XML written from it."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from lxml import etree

from ktan_build.sitemap import PageLinks, not_absolute, read_page_links, render_sitemap, robots_txt, w3c_datetime

XSD = Path(__file__).resolve().parent.parent / "fixtures" / "sitemap-xsd" / "sitemap-with-alternates.xsd"


def sitemap_schema() -> etree.XMLSchema:
    """sitemaps.org's XSD (a copy, the tests run offline) plus the xhtml:link element."""
    return etree.XMLSchema(etree.parse(str(XSD)))

HEAD = """<!doctype html><html lang="en"><head>
<link rel="canonical" href="https://k.test/en/berita/a/">
<link rel="alternate" hreflang="id" href="https://k.test/berita/a/">
<link rel="alternate" hreflang="en" href="https://k.test/en/berita/a/">
<link rel="alternate" type="application/atom+xml" href="https://k.test/en/feeds/berita.atom.xml">
<meta property="article:published_time" content="2023-08-31T10:00+07:00">
</head><body><link rel="alternate" hreflang="xx" href="https://k.test/never/"></body></html>"""


def test_reads_canonical_alternates_and_date_from_the_head_only():
    links = read_page_links(HEAD)
    assert links.canonical == "https://k.test/en/berita/a/"
    assert links.alternates == [("id", "https://k.test/berita/a/"), ("en", "https://k.test/en/berita/a/")]
    assert links.lastmod == "2023-08-31T10:00:00+07:00"  # with seconds: the XSD's xsd:dateTime
    assert not links.noindex


def test_last_checked_date_wins_over_the_publication_date():
    head = HEAD.replace("</head>", '<meta name="dcterms.modified" content="2026-11-27T00:00+07:00"></head>')
    assert read_page_links(head).lastmod == "2026-11-27T00:00:00+07:00"


@pytest.mark.parametrize("value, expected", [
    ("2023-08-31T10:00+07:00", "2023-08-31T10:00:00+07:00"),
    ("2023-08-31T10:00:05+07:00", "2023-08-31T10:00:05+07:00"),
    ("2026-11-27", "2026-11-27"),
    ("2023-08-31T10:00", "2023-08-31"),  # no zone: only the date is certain
    ("next week", ""),
    ("", ""),
])
def test_lastmod_is_a_w3c_date_or_datetime(value, expected):
    assert w3c_datetime(value) == expected


def test_sitemap_validates_against_the_sitemaps_org_schema():
    schema = sitemap_schema()
    entries = {
        "https://k.test/berita/a/": read_page_links(HEAD.replace("/en/berita/a/\">", "/berita/a/\">", 1)),
        "https://k.test/tentang/": PageLinks("https://k.test/tentang/", [("id", "https://k.test/tentang/")], "2026-11-27"),
    }
    document = etree.fromstring(render_sitemap(entries).encode())
    assert schema.validate(document), schema.error_log


def test_the_schema_rejects_a_datetime_without_seconds():
    """The validator is not a rubber stamp: the form we wrote before is refused."""
    entries = {"https://k.test/a/": PageLinks("https://k.test/a/", [], "2023-08-31T10:00+07:00")}
    assert not sitemap_schema().validate(etree.fromstring(render_sitemap(entries).encode()))


def test_noindex_pages_are_marked():
    assert read_page_links('<head><meta name="robots" content="noindex"></head>').noindex


def test_rendered_sitemap_is_valid_xml_with_alternates():
    entries = {"https://k.test/a&b/": PageLinks("https://k.test/a&b/", [("id", "https://k.test/a&b/")])}
    root = ET.fromstring(render_sitemap(entries))
    url = root.find("{http://www.sitemaps.org/schemas/sitemap/0.9}url")
    assert url.find("{http://www.sitemaps.org/schemas/sitemap/0.9}loc").text == "https://k.test/a&b/"
    assert url.find("{http://www.w3.org/1999/xhtml}link").get("href") == "https://k.test/a&b/"


def test_urls_outside_the_site_are_reported():
    entries = {"/a/": PageLinks("/a/", [("en", "https://other.test/a/")]), "https://k.test/b/": PageLinks("https://k.test/b/")}
    assert not_absolute(entries, "https://k.test") == ["/a/", "https://other.test/a/"]


def test_robots_txt_names_the_sitemap():
    assert robots_txt("https://k.test/").splitlines()[-1] == "Sitemap: https://k.test/sitemap.xml"
