"""What publishconf.py adds: absolute URLs, feeds, sitemap, robots.txt, share meta, precompressed copies."""

from __future__ import annotations

import gzip
import json
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import brotli
import pytest

from ktan_build import BuildFailed
from tests.conftest import ROOT, html_pages
from tests.serve.conftest import SITE_URL, build_published
from tests.sitepages import page_url, soup


def soup_fragment(html: str):
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "html.parser")

ARTICLE = "berita/rapat-koordinasi-kampung-tangguh-anti-narkoba/"
ATOM = "{http://www.w3.org/2005/Atom}"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
URL_ATTRS = ("href", "src", "action", "data-sw", "data-scope", "data-bundle")


def lang_root(lang: str) -> str:
    return f"{SITE_URL}/" if lang == "id" else f"{SITE_URL}/{lang}/"


def page_lang(site, page) -> str:
    return "en" if page.relative_to(site).parts[0] == "en" else "id"


def test_missing_siteurl_fails_clearly_and_keeps_the_last_site(tmp_path):
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("last good site")
    with pytest.raises(BuildFailed) as failure:
        build_published(output, site_url=None)
    assert "KTAN_SITEURL" in failure.value.report
    assert "(EN)" in failure.value.report
    assert (output / "index.html").read_text() == "last good site"


@pytest.mark.parametrize("bad", ["ktan.example.go.id", "ftp://ktan.test", "https://", "https://ktan.test/?x=1"])
def test_siteurl_must_be_an_http_address(tmp_path, bad):
    with pytest.raises(BuildFailed, match="KTAN_SITEURL"):
        build_published(tmp_path / "output", site_url=bad)


def test_no_relative_urls(published_site):
    """Every URL is absolute, a fragment, or another scheme (tel:, mailto:); no '/x', '../x' or 'x/'."""
    checked = 0
    for page in html_pages(published_site):
        doc = soup(page)
        values = [(el.name, attr, el[attr]) for el in doc.find_all(True) for attr in URL_ATTRS if el.get(attr)]
        values += [("meta", "og:url", el["content"]) for el in doc.select('meta[property="og:url"]')]
        for tag, attr, value in values:
            assert urlsplit(value).scheme or value.startswith("#"), f"{page}: <{tag} {attr}={value!r}> is relative"
            checked += 1
    assert checked > 100


@pytest.mark.parametrize("lang", ["id", "en"])
def test_theme_links_are_absolute_under_the_language_root(published_site, lang):
    prefix = "" if lang == "id" else "en/"
    doc = soup(published_site / prefix / ARTICLE / "index.html")
    assert doc.select_one('link[rel="canonical"]')["href"] == lang_root(lang) + ARTICLE
    assert doc.select_one('link[rel="stylesheet"]')["href"].startswith(f"{SITE_URL}/theme/site.")
    for link in doc.select(".kt-nav a"):
        assert link["href"].startswith(lang_root(lang)), link


def test_nothing_inline_that_the_csp_would_block(published_site):
    """The nginx CSP has no 'unsafe-inline': no <style>, style="", on…="" or executable inline <script>."""
    for page in html_pages(published_site):
        doc = soup(page)
        assert not doc.find("style"), f"{page}: <style> element"
        for element in doc.find_all(True):
            assert "style" not in element.attrs, f"{page}: style attribute on <{element.name}>"
            handlers = [attr for attr in element.attrs if attr.lower().startswith("on")]
            assert not handlers, f"{page}: inline event handler {handlers} on <{element.name}>"
        for script in doc.find_all("script"):
            assert script.get("src") or script.get("type") == "application/ld+json", f"{page}: inline script"
            assert not (script.get("src") or "").startswith("javascript:")


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("section", ["berita", "kegiatan"])
def test_news_and_events_feeds_per_language(published_site, lang, section):
    prefix = "" if lang == "id" else "en/"
    feed_url = lang_root(lang) + f"feeds/{section}.atom.xml"
    links = soup(published_site / prefix / "index.html").select('link[rel="alternate"][type="application/atom+xml"]')
    assert feed_url in [link["href"] for link in links]
    feed = ET.parse(published_site / prefix / "feeds" / f"{section}.atom.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == feed_url
    entries = feed.findall(f"{ATOM}entry")
    assert entries
    for entry in entries:
        href = entry.find(f"{ATOM}link").get("href")
        assert href.startswith(lang_root(lang) + f"{section}/"), href
        assert (published_site / urlsplit(href).path.lstrip("/") / "index.html").is_file(), href
    assert entries[0].find(f"{ATOM}author/{ATOM}name").text
    names = {("id", "berita"): "Berita", ("id", "kegiatan"): "Kegiatan", ("en", "berita"): "News", ("en", "kegiatan"): "Events"}
    site_name = soup(published_site / prefix / "index.html").select_one('meta[property="og:site_name"]')["content"]
    assert feed.find(f"{ATOM}title").text == f"{site_name} – {names[lang, section]}"


def test_every_linked_feed_exists_and_is_atom(published_site):
    for page in html_pages(published_site):
        for link in soup(page).select('link[type="application/atom+xml"]'):
            path = published_site / urlsplit(link["href"]).path.lstrip("/")
            assert ET.parse(path).getroot().tag == f"{ATOM}feed", path


@pytest.fixture(scope="module")
def sitemap(published_site):
    root = ET.parse(published_site / "sitemap.xml").getroot()
    return {
        url.find(f"{SM}loc").text: {link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")}
        for url in root.findall(f"{SM}url")
    }


def test_sitemap_lists_every_indexable_page_of_both_languages(published_site, sitemap):
    for page in html_pages(published_site):
        doc = soup(page)
        robots = doc.select_one('meta[name="robots"]')
        canonical = doc.select_one('link[rel="canonical"]')
        if robots and "noindex" in robots["content"]:
            assert not canonical or canonical["href"] not in sitemap, page
        else:
            assert canonical["href"] in sitemap, f"{page_url(published_site, page)} missing from sitemap.xml"
    assert f"{SITE_URL}/" in sitemap and f"{SITE_URL}/en/" in sitemap
    assert f"{SITE_URL}/404.html" not in sitemap
    assert f"{SITE_URL}/cari/" not in sitemap and f"{SITE_URL}/en/cari/" not in sitemap


def test_sitemap_repeats_what_every_page_head_says(published_site):
    """The entries taken from Pelican's context as pages were written equal those read back from every page's head."""
    from ktan_build.sitemap import collect_entries, render_sitemap

    from_heads = render_sitemap(collect_entries(published_site))
    assert (published_site / "sitemap.xml").read_text(encoding="utf-8") == from_heads


def test_sitemap_passes_the_sitemaps_org_schema_with_lastmod(published_site):
    from lxml import etree

    from tests.unit.test_production_sitemap import sitemap_schema

    document = etree.parse(str(published_site / "sitemap.xml"))
    schema = sitemap_schema()
    assert schema.validate(document), schema.error_log
    lastmod = {url.findtext(f"{SM}loc"): url.findtext(f"{SM}lastmod") for url in document.getroot().iter(f"{SM}url")}
    # The news item's date is date-only (2023-08-31): midnight WIB, with seconds as the XSD requires.
    assert lastmod[f"{SITE_URL}/{ARTICLE}"] == "2023-08-31T00:00:00+07:00"
    drug = soup(published_site / "narkoba" / "sabu" / "index.html").select_one('meta[name="dcterms.modified"]')
    assert drug and lastmod[f"{SITE_URL}/narkoba/sabu/"] == drug["content"][:16] + ":00" + drug["content"][16:]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_error_and_search_pages_stay_out_of_search_engines(published_site, lang):
    prefix = "" if lang == "id" else "en/"
    error = soup(published_site / prefix / "404.html")
    assert error.select_one('meta[name="robots"]')["content"] == "noindex"
    assert not error.select('link[rel="canonical"], link[hreflang], meta[property="og:url"]')
    search = soup(published_site / prefix / "cari" / "index.html")
    assert search.select_one('meta[name="robots"]')["content"] == "noindex"


@pytest.mark.parametrize("lang", ["id", "en"])
def test_feeds_pass_an_independent_parser(published_site, lang):
    """feedparser (not our code): no bozo error, a feed id of its own, the language, absolute links."""
    import feedparser

    prefix = "" if lang == "id" else "en/"
    ids = set()
    for section in ("berita", "kegiatan"):
        path = published_site / prefix / "feeds" / f"{section}.atom.xml"
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, parsed.get("bozo_exception")
        assert parsed.feed.id == lang_root(lang) + f"feeds/{section}.atom.xml"
        ids.add(parsed.feed.id)
        assert ET.parse(path).getroot().get("{http://www.w3.org/XML/1998/namespace}lang") == lang
        assert parsed.feed.link == lang_root(lang) + f"{section}/"
        for entry in parsed.entries:
            for content in entry.get("content", []) + [entry.get("summary_detail") or {}]:
                html = content.get("value", "")
                for attr in soup_fragment(html).find_all(href=True) + soup_fragment(html).find_all(src=True):
                    url = attr.get("href") or attr.get("src")
                    assert urlsplit(url).scheme or url.startswith("#"), f"{path}: relative link {url!r} in an entry"
    assert len(ids) == 2


def test_feed_entries_make_editor_links_absolute():
    from ktan_feeds.ktan_feeds import fix_feed

    feed = {"feed_url": "https://k.test/en/feeds/berita.atom.xml", "link": "https://k.test/en/", "title": "x"}
    items = [{"content": '<p><a href="/en/layanan/">services</a> <img src="/images/a.jpg" alt=""></p>'}]
    fix_feed(feed, items, "Site", "en", "https://k.test")
    assert items[0]["content"] == '<p><a href="https://k.test/en/layanan/">services</a> <img src="https://k.test/images/a.jpg" alt=""></p>'
    assert (feed["id"], feed["language"], feed["title"]) == ("https://k.test/en/feeds/berita.atom.xml", "en", "Site – News")


def test_event_organizer_points_at_the_stakeholder_pages_node(published_site):
    event = soup(published_site / "kegiatan" / "pembentukan-kampung-tangguh-jember-lor" / "index.html")
    organizers = json.loads(event.select_one('script[type="application/ld+json"]').string)["organizer"]
    assert organizers
    for organizer in organizers:
        path = urlsplit(organizer["@id"]).path.lstrip("/") + "index.html"
        node = json.loads(soup(published_site / path).select_one('script[type="application/ld+json"]').string)
        assert (organizer["@id"], organizer["@type"], organizer["name"]) == (node["@id"], node["@type"], node["name"])
        assert organizer["@id"].startswith(f"{SITE_URL}/mitra/")


def test_sitemap_alternates_pair_the_translations(sitemap):
    id_url, en_url = f"{SITE_URL}/{ARTICLE}", f"{SITE_URL}/en/{ARTICLE}"
    expected = {"id": id_url, "en": en_url, "x-default": id_url}
    assert sitemap[id_url] == expected
    assert sitemap[en_url] == expected
    for loc, alternates in sitemap.items():
        assert loc in alternates.values(), f"{loc} does not list itself among its alternates"


def test_robots_txt_points_at_the_sitemap(published_site):
    assert f"Sitemap: {SITE_URL}/sitemap.xml" in (published_site / "robots.txt").read_text().splitlines()


@pytest.mark.parametrize("lang, locale, alternate", [("id", "id_ID", "en_GB"), ("en", "en_GB", "id_ID")])
def test_share_meta_on_an_article(published_site, lang, locale, alternate):
    prefix = "" if lang == "id" else "en/"
    doc = soup(published_site / prefix / ARTICLE / "index.html")
    meta = {tag.get("property") or tag.get("name"): tag["content"] for tag in doc.select("meta[content]")}
    assert meta["og:type"] == "article"
    assert meta["og:url"] == doc.select_one('link[rel="canonical"]')["href"]
    assert meta["og:title"] == doc.h1.get_text(strip=True)
    assert meta["og:description"] == meta["description"]
    assert meta["og:locale"] == locale
    assert meta["og:locale:alternate"] == alternate
    assert meta["twitter:card"] == "summary_large_image"  # with og:image (a share card here)
    assert meta["article:published_time"].startswith("2023-08-31")  # the source gives the day only


def test_home_is_a_website_for_sharing(published_site):
    doc = soup(published_site / "en" / "index.html")
    assert doc.select_one('meta[property="og:type"]')["content"] == "website"
    assert doc.select_one('meta[property="og:url"]')["content"] == f"{SITE_URL}/en/"


def test_text_files_have_gzip_and_brotli_copies(published_site):
    checked = 0
    for path in sorted(published_site.rglob("*")):
        if path.suffix not in (".html", ".css", ".js", ".xml", ".svg", ".txt", ".json", ".ics") or path.stat().st_size < 256:
            continue
        data = path.read_bytes()
        for suffix, decompress in ((".gz", gzip.decompress), (".br", brotli.decompress)):
            copy = path.with_name(path.name + suffix)
            assert copy.is_file(), f"{copy} missing"
            assert decompress(copy.read_bytes()) == data, f"{copy} is stale"
        checked += 1
    assert checked >= 20


def test_precompression_is_the_last_postbuild_step(monkeypatch):
    from ktan_build.pipeline import load_settings

    monkeypatch.setenv("KTAN_SITEURL", SITE_URL)
    steps = load_settings(str(ROOT / "publishconf.py"))["KTAN_POSTBUILD"]
    assert steps[-1] == "precompress"
    assert steps.index("absolutize_links") < steps.index("write_sitemap")
    assert {"write_sitemap", "write_robots_txt"} <= set(steps)
    if "search_index" in steps:  # Pagefind reads the pages as published, and runs beside the sitemap
        assert steps.index("absolutize_links") < steps.index("search_index") < steps.index("write_sitemap")


def test_events_are_not_dated_as_articles_for_sharing(published_site):
    events = sorted((published_site / "kegiatan").glob("*/index.html"))
    assert events
    for page in events:
        doc = soup(page)
        assert doc.select_one('meta[property="og:type"]')["content"] == "website", page
        assert not doc.select_one('meta[property="article:published_time"]'), page


def test_every_page_has_a_preview_image_links_can_show(published_site):
    """og:image on every page (own photo, else a card): absolute, 1200x630 or more, under 300 KB, with alt."""
    from PIL import Image

    checked = 0
    for page in html_pages(published_site):
        doc = soup(page)
        meta = {m["property"]: m["content"] for m in doc.select('meta[property^="og:image"]')}
        assert meta.get("og:image", "").startswith(f"{SITE_URL}/images/"), page
        path = published_site / urlsplit(meta["og:image"]).path.lstrip("/")
        with Image.open(path) as image:
            assert image.size == (int(meta["og:image:width"]), int(meta["og:image:height"])), page
            assert image.width >= 1200 and image.height >= 630
        assert path.stat().st_size < 300 * 1024
        assert meta["og:image:alt"].strip()
        assert doc.select_one('meta[name="twitter:card"]')["content"] == "summary_large_image"
        checked += 1
    assert checked > 40


def test_share_cards_show_the_help_line_from_the_services_data(published_site):
    import yaml

    number = yaml.safe_load((ROOT / "content" / "layanan" / "bnn-184.yml").read_text())["phone"]
    assert number
    for prefix, words in (("", f"Telepon BNN {number}"), ("en/", f"Call BNN {number}")):
        doc = soup(published_site / prefix / "narkoba" / "sabu" / "index.html")
        alt = doc.select_one('meta[property="og:image:alt"]')["content"]
        assert words in alt and doc.h1.get_text(strip=True) in alt
    own = {soup(p).select_one('meta[property="og:image"]')["content"] for p in (published_site / "narkoba").glob("*/index.html")}
    assert len(own) == len(list((published_site / "narkoba").glob("*/index.html"))), "each drug page has its own card"


@pytest.mark.parametrize("path", [ARTICLE, "kegiatan/pembentukan-kampung-tangguh-jember-lor/", "narkoba/sabu/"])
def test_share_links_need_nothing_on_page_load(published_site, path):
    from urllib.parse import parse_qs

    doc = soup(published_site / path / "index.html")
    canonical = doc.select_one('link[rel="canonical"]')["href"]
    whatsapp = doc.select_one('.kt-share a[href^="https://wa.me/"]')
    text = parse_qs(urlsplit(whatsapp["href"]).query)["text"][0]
    assert text.endswith(" " + canonical) and doc.h1.get_text(strip=True) in text
    assert doc.select_one(".kt-share [data-copy-link]")["href"] == canonical
    scripts = [s["src"] for s in doc.select("script[src]")]
    assert any("/theme/share." in src for src in scripts)
    assert not any("/theme/share." in s["src"] for s in soup(published_site / "index.html").select("script[src]"))


@pytest.fixture(scope="module")
def linked_data(published_site):
    """Every page's JSON-LD expanded by pyld (not our code), offline: schema.org as the vocabulary."""
    from pyld import jsonld

    def offline_loader(url, options=None):
        assert url.rstrip("/") in ("https://schema.org", "http://schema.org"), url
        return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url,
                "document": {"@context": {"@vocab": "https://schema.org/"}}}

    nodes = []
    for page in html_pages(published_site):
        for script in soup(page).select('script[type="application/ld+json"]'):
            expanded = jsonld.expand(json.loads(script.string), {"documentLoader": offline_loader})
            flat = jsonld.flatten(expanded, None, {"documentLoader": offline_loader})
            nodes.extend((page, node) for node in flat)
    assert nodes
    return nodes


S = "https://schema.org/"


def test_json_ld_organizers_are_the_stakeholder_pages_nodes(linked_data):
    described = {node["@id"]: node for _, node in linked_data if node.get(f"{S}name")}
    organizers = [ref["@id"] for _, node in linked_data for ref in node.get(f"{S}organizer", [])]
    assert organizers
    for ident in organizers:
        assert ident in described, f"organizer {ident} is described on no page"
        assert f"{S}GovernmentOrganization" in described[ident]["@type"] or f"{S}Organization" in described[ident]["@type"]


def test_json_ld_government_services_carry_no_free_access_flag_and_keep_extensions(linked_data):
    services = [node for _, node in linked_data if f"{S}GovernmentService" in node.get("@type", [])]
    assert services
    assert not [node["@id"] for node in services if f"{S}isAccessibleForFree" in node]
    phones = {value["@value"] for _, node in linked_data for value in node.get(f"{S}telephone", [])}
    assert "119 ext. 8" in phones
