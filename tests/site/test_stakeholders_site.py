"""Stakeholders in built sites: a small fixture site (listing, pages, links, both languages) and the real site."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.conftest import ROOT, build_site
from tests.sitepages import resolve, soup

FIXTURE = ROOT / "tests" / "fixtures" / "stakeholders-site"
SEED_IDS = [
    "satresnarkoba", "pemkab-jember", "dinkes", "diskominfo", "dispendik",
    "dishub", "dinas-pariwisata", "bpkad", "kecamatan-patrang", "kelurahan-jember-lor",
]


# The fixture's events are on 10 and 20 January and 3 February 2024: "now" sits between them.
FIXTURE_NOW = "2024-01-15 12:00"


def build_stakeholders_site(content, output):
    return build_site(output, PATH=str(content), KTAN_NOW=FIXTURE_NOW)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_stakeholders_site(FIXTURE, tmp_path_factory.mktemp("stakeholders") / "output")


def texts(doc, selector):
    return [el.get_text(" ", strip=True) for el in doc.select(selector)]


def json_ld(doc):
    return json.loads(doc.select_one('script[type="application/ld+json"]').string)


@pytest.mark.parametrize(
    "root, headings, names",
    [
        ("", ["Kepolisian", "Pemerintah Kabupaten Jember dan perangkat daerahnya", "Masyarakat"],
         ["Satuan Reserse Narkoba Uji", "Dinas Komunikasi Uji", "Dinas Kesehatan Uji", "Karang Taruna Uji"]),
        ("en", ["Police", "Jember Regency government and its agencies", "Community"],
         ["Test Narcotics Unit", "Test Communications Office", "Test Health Office", "Test Youth Organisation"]),
    ],
)
def test_listing_is_grouped_with_name_role_and_contact_in_each_language(site, root, headings, names):
    doc = soup(site / root / "mitra" / "index.html")
    assert texts(doc, ".kt-stakeholders__group h2") == headings
    assert texts(doc, ".kt-stakeholder-card__name") == names
    dinkes = doc.select_one("#mitra-dinkes")
    role = "Counselling and rehabilitation: a test role." if root else "Konsultasi dan rehabilitasi: peran uji."
    assert dinkes.select_one(".kt-stakeholder-card__role").get_text(strip=True) == role
    assert dinkes.select_one('a[href="tel:+620000000"]')  # the one phone number, the same in both languages
    assert dinkes.select_one('a[href="https://dinkes.example.org/"]')
    assert not doc.select_one("#mitra-karang-taruna .kt-stakeholder-contact")  # no contact data, no empty list
    prefix = "/en/" if root else "/"
    assert [a["href"] for a in doc.select(".kt-stakeholder-card__name a")] == [
        f"{prefix}mitra/{ident}/" for ident in ("satresnarkoba", "diskominfo", "dinkes", "karang-taruna")
    ]


@pytest.mark.parametrize("root", ["", "en"])
def test_every_stakeholder_has_its_own_page_in_both_languages(site, root):
    for ident in ("satresnarkoba", "diskominfo", "dinkes", "karang-taruna"):
        doc = soup(site / root / "mitra" / ident / "index.html")
        assert doc.html["lang"] == (root or "id")
        assert doc.select_one(".kt-stakeholder__role").get_text(strip=True)
        other = "/mitra/" if root else "/en/mitra/"
        assert doc.select_one(".kt-lang a")["href"] == f"{other}{ident}/"
        assert doc.select(".kt-sources li")


def test_stakeholder_page_lists_its_news_newest_first_in_its_language(site):
    doc = soup(site / "en" / "mitra" / "dinkes" / "index.html")
    assert doc.h1.get_text(strip=True) == "Test Health Office"
    news = doc.select('[aria-labelledby="kt-related-news"] .kt-news-list__title a')
    assert [(a.get_text(strip=True), a["href"]) for a in news] == [
        ("Test meeting of the stakeholders", "/en/berita/rapat-uji/"),
        ("Older Dinkes news", "/en/berita/berita-lama/"),
    ]
    id_news = soup(site / "mitra" / "dinkes" / "index.html").select('[aria-labelledby="kt-related-news"] a')
    assert [a["href"] for a in id_news] == ["/berita/rapat-uji/", "/berita/berita-lama/"]
    logo = doc.select_one(".kt-stakeholder__logo")
    assert logo["alt"] == "" and resolve(site, logo["src"])


@pytest.mark.parametrize(
    "root, upcoming, past",
    [
        ("", [("Sosialisasi uji mendatang", "Sabtu, 20 Januari 2024, 09.00 WIB"), ("Penyuluhan uji lebih lanjut", "Sabtu, 3 Februari 2024")],
         [("Rapat uji yang sudah lewat", "Rabu, 10 Januari 2024, 13.00 WIB")]),
        ("en", [("Upcoming test outreach", "Saturday, 20 January 2024, 09:00 WIB"), ("Later test outreach", "Saturday, 3 February 2024")],
         [("Past test meeting", "Wednesday, 10 January 2024, 13:00 WIB")]),
    ],
)
def test_stakeholder_page_lists_upcoming_events_first_then_past_ones(site, root, upcoming, past):
    doc = soup(site / root / "mitra" / "dinkes" / "index.html")
    headings = texts(doc, "main section h2")
    assert headings[:3] == (["Kegiatan mendatang", "Kegiatan yang sudah lewat", "Berita"] if not root else ["Upcoming events", "Past events", "News"])

    def listed(section):
        return [(item.select_one("a").get_text(strip=True), item.select_one("time").get_text(strip=True))
                for item in doc.select(f'[aria-labelledby="{section}"] .kt-news-list__item')]

    assert listed("kt-upcoming") == upcoming
    assert listed("kt-past") == past
    prefix = "/en/" if root else "/"
    assert doc.select_one('[aria-labelledby="kt-upcoming"] a')["href"] == f"{prefix}kegiatan/sosialisasi-mendatang/"
    assert doc.select_one('[aria-labelledby="kt-upcoming"] time')["datetime"] == "2024-01-20T09:00+07:00"
    diskominfo = soup(site / root / "mitra" / "diskominfo" / "index.html")
    assert not diskominfo.select('[aria-labelledby="kt-past"]')
    assert len(diskominfo.select('[aria-labelledby="kt-upcoming"] li')) == 1


def test_event_page_links_its_organisers(site):
    links = soup(site / "en" / "kegiatan" / "sosialisasi-mendatang" / "index.html").select(".kt-stakeholder-links a")
    assert [(a.get_text(strip=True), a["href"]) for a in links] == [
        ("Dinkes Uji", "/en/mitra/dinkes/"), ("Diskominfo Uji", "/en/mitra/diskominfo/")
    ]


def test_stakeholder_without_news_or_events_says_so(site):
    doc = soup(site / "en" / "mitra" / "karang-taruna" / "index.html")
    assert "No events or news name this stakeholder yet." in doc.main.get_text(" ", strip=True)
    assert not doc.select(".kt-news-list")


def test_stakeholder_pages_carry_organisation_json_ld(site):
    dinkes = json_ld(soup(site / "en" / "mitra" / "dinkes" / "index.html"))
    assert dinkes["@type"] == "GovernmentOrganization"
    assert (dinkes["name"], dinkes["alternateName"]) == ("Test Health Office", "Dinkes Uji")
    assert dinkes["description"] == "Counselling and rehabilitation: a test role."
    assert (dinkes["url"], dinkes["telephone"]) == ("https://dinkes.example.org/", "+620000000")
    community = json_ld(soup(site / "mitra" / "karang-taruna" / "index.html"))
    assert community["@type"] == "Organization"
    assert community["name"] == "Karang Taruna Uji" and "telephone" not in community


@pytest.mark.parametrize(
    "page, expected",
    [
        ("berita/rapat-uji/index.html", [("Dinkes Uji", "/mitra/dinkes/"), ("Satresnarkoba Uji", "/mitra/satresnarkoba/")]),
        ("en/berita/rapat-uji/index.html", [("Dinkes Uji", "/en/mitra/dinkes/"), ("Satresnarkoba Uji", "/en/mitra/satresnarkoba/")]),
    ],
)
def test_article_links_its_stakeholders_by_id_in_its_language(site, page, expected):
    links = soup(site / page).select(".kt-stakeholder-links a")
    assert [(a.get_text(strip=True), a["href"]) for a in links] == expected
    assert all(resolve(site, a["href"]) for a in links)


def test_supported_by_list_is_in_the_footer_of_every_page(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        names = texts(soup(page), ".kt-footer .kt-supported-by__list a")
        assert names == ["Satresnarkoba Uji", "Diskominfo Uji", "Dinkes Uji", "Karang Taruna Uji"], page


def test_unknown_id_fails_the_build_naming_file_id_and_closest_ids(tmp_path):
    from ktan_build import BuildFailed

    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    for lang in ("id", "en"):  # ids are shared: the translation must name the same ones
        article = content / "berita" / f"rapat-uji.{lang}.md"
        article.write_text(article.read_text(encoding="utf-8").replace("[dinkes,", "[dinks,"), encoding="utf-8")
    output = tmp_path / "output"
    with pytest.raises(BuildFailed) as failure:
        build_stakeholders_site(content, output)
    assert sorted((e.path, e.field, e.message_en) for e in failure.value.errors) == [
        (f"berita/rapat-uji.{lang}.md", "stakeholders", "Unknown id 'dinks': no such file in content/mitra/. Closest known ids: dinkes.")
        for lang in ("en", "id")
    ]
    assert "Kode 'dinks' tidak ada di content/mitra/" in failure.value.report
    assert not output.exists()


@pytest.mark.parametrize("root", ["", "en"])
def test_real_site_lists_all_ten_seed_stakeholders(built_site, root):
    doc = soup(built_site / root / "mitra" / "index.html")
    assert sorted(card["id"] for card in doc.select(".kt-stakeholder-card")) == sorted(f"mitra-{i}" for i in SEED_IDS)
    for ident in SEED_IDS:
        page = soup(built_site / root / "mitra" / ident / "index.html")
        assert page.select_one(".kt-stakeholder__role").get_text(strip=True)
        assert page.select(".kt-sources a[href^='https://']"), f"{ident} names no public source"
        assert json_ld(page)["@type"] == "GovernmentOrganization"


@pytest.mark.parametrize("root", ["", "en"])
def test_real_coordination_meeting_links_all_its_participants(built_site, root):
    doc = soup(built_site / root / "berita" / "rapat-koordinasi-kampung-tangguh-anti-narkoba" / "index.html")
    prefix = "/en/" if root else "/"
    assert sorted(a["href"] for a in doc.select(".kt-stakeholder-links a")) == sorted(f"{prefix}mitra/{i}/" for i in SEED_IDS)
    dinkes = soup(built_site / root / "mitra" / "dinkes" / "index.html")
    assert dinkes.select_one('[aria-labelledby="kt-related-news"] a')["href"] == f"{prefix}berita/rapat-koordinasi-kampung-tangguh-anti-narkoba/"
