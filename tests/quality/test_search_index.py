"""The search index exists per language, holds content pages only, and loads only on /cari/."""

import json

from tests.quality.checks import html_pages, parse, rel


def test_one_index_per_language(built_site):
    entry = json.loads((built_site / "pagefind" / "pagefind-entry.json").read_text())
    assert set(entry["languages"]) == {"id", "en"}
    assert all(lang["page_count"] >= 3 for lang in entry["languages"].values()), entry


def test_search_assets_load_only_on_the_search_page(built_site):
    loaders = []
    for page in html_pages(built_site):
        doc = parse(page)
        urls = [e.get("src", "") for e in doc.find_all("script")] + [e.get("href", "") for e in doc.find_all("link")]
        urls += [e["data-bundle"] for e in doc.find_all(attrs={"data-bundle": True})]
        if any("pagefind" in url or "/search." in url for url in urls):
            loaders.append(rel(built_site, page))
    assert loaders == ["/cari/index.html", "/en/cari/index.html"]


def test_search_page_works_without_javascript(built_site):
    for page in ("cari/index.html", "en/cari/index.html"):
        doc = parse(built_site / page)
        assert doc.select_one("form.kt-search__form").has_attr("hidden"), page
        browse = {a["href"] for a in doc.select(".kt-search__browse a")}
        root = "/en/" if page.startswith("en/") else "/"
        assert {root + s for s in ("narkoba/", "kegiatan/", "layanan/", "mitra/", "berita/")} <= browse, browse


def test_listings_and_layout_are_not_indexed(built_site):
    for page in html_pages(built_site):
        doc = parse(page)
        marked = doc.select("[data-pagefind-body]")
        for element in marked:
            assert not element.select(".kt-help, .kt-nav, .kt-lang") and not element.find_parent("header"), (
                f"{rel(built_site, page)}: data-pagefind-body must not take in the header, nav or help bar")
    assert not parse(built_site / "index.html").select("[data-pagefind-body]"), "the home page is a listing"
    assert not parse(built_site / "cari" / "index.html").select("[data-pagefind-body]")


def test_detail_pages_of_each_section_are_searchable(built_site):
    """A substance, an event, a stakeholder: each detail template marks its content for the index."""
    from tests.quality.sections import first_item

    missing = []
    for lang_root in (built_site, built_site / "en"):
        for section in ("narkoba", "kegiatan", "mitra", "berita"):
            page = first_item(built_site, lang_root / section) if (lang_root / section).is_dir() else None
            if page is None:
                missing.append(f"/{(lang_root / section).relative_to(built_site).as_posix()}/ has no detail page")
            elif not parse(page).select("main[data-pagefind-body], main [data-pagefind-body]"):
                missing.append(f"{rel(built_site, page)}: no data-pagefind-body, so search cannot find it "
                               "(add {% block main_attrs %} data-pagefind-body{% endblock %} to its template)")
    assert not missing, "\n".join(missing)
