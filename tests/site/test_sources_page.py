"""The sources page gathers every cited source, per language, linking back to the page."""

from tests.sitepages import resolve, soup


def test_sources_page_lists_cited_sources_in_both_languages(built_site):
    for root, label in (("", "Berita"), ("en/", "News")):
        doc = soup(built_site / root / "sumber" / "index.html")
        headings = [h2.get_text(strip=True) for h2 in doc.select("main h2")]
        assert label in headings
        items = doc.select(".kt-source-index dt a")
        assert len(items) >= 10
        for link in items:
            assert resolve(built_site, link["href"]), link["href"]
        cited = [a["href"] for a in doc.select(".kt-source-index dd a")]
        assert any("jember.jurnalis.id" in href for href in cited)


def test_english_sources_page_lists_english_titles(built_site):
    doc = soup(built_site / "en" / "sumber" / "index.html")
    titles = [a.get_text() for a in doc.select(".kt-source-index dt a")]
    assert "Coordination meeting on the Drug-Resilient Village in Jember Lor" in titles
    assert "Rapat koordinasi Kampung Tangguh Anti Narkoba Jember Lor" not in titles
