"""The site in a real browser (Debian Chromium): phone and desktop, language switch,
search in each language, no console errors, no request to any other origin."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.conftest import (console_errors, drain_logs, foreign_requests, make_chrome, production_csp, quit_chrome,
                                    requested_urls, serve_directory)
from tests.browser.test_quality_axe import axe_violations, axe_source  # noqa: F401  (fixture)
from tests.conftest import html_pages
from tests.quality.conftest import BROKEN, make_broken_site
from tests.sitepages import page_url

ARTICLE = "berita/rapat-koordinasi-kampung-tangguh-anti-narkoba/"
SIZES = {"phone": (360, 640), "desktop": (1280, 800)}
# A word from the news article in each language, and the page search must find with it.
SEARCHES = {"id": ("koordinasi", "/" + ARTICLE), "en": ("coordination", "/en/" + ARTICLE)}
STATUS = {"id": "Hasil untuk “{}”", "en": "Results for “{}”"}


@pytest.fixture
def sized(chrome, request):
    width, height = SIZES[request.param]
    chrome.set_window_size(width, height)
    yield chrome, height
    chrome.set_window_size(*SIZES["phone"])


@pytest.mark.parametrize("sized", list(SIZES), indirect=True)
def test_help_line_visible_without_scrolling(sized, site_server):
    chrome, height = sized
    for path in ("/", "/en/", "/" + ARTICLE, "/en/cari/"):
        chrome.get(site_server + path)
        link = chrome.find_element(By.CSS_SELECTOR, '.kt-help a[href^="tel:"]')
        assert link.is_displayed(), path
        top, bottom = chrome.execute_script("const r = arguments[0].getBoundingClientRect(); return [r.top, r.bottom];", link)
        assert 0 <= top and bottom <= height, f"{path}: the help line is at {top}-{bottom}px, outside the first {height}px"


@pytest.mark.parametrize("path", ["/" + ARTICLE, "/tentang/", "/cari/"])
def test_language_switch_leads_to_the_translation_and_back(chrome, site_server, path):
    chrome.get(site_server + path)
    expected = chrome.find_element(By.CSS_SELECTOR, 'link[rel="alternate"][hreflang="en"]').get_attribute("href")
    chrome.find_element(By.CSS_SELECTOR, ".kt-lang a").click()
    WebDriverWait(chrome, 10).until(EC.url_to_be(expected))
    assert chrome.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    chrome.find_element(By.CSS_SELECTOR, ".kt-lang a").click()
    WebDriverWait(chrome, 10).until(EC.url_to_be(site_server + path))
    assert chrome.find_element(By.TAG_NAME, "html").get_attribute("lang") == "id"


def search(chrome, site_server: str, lang: str, word: str) -> list[str]:
    """Type ``word`` into the search page of ``lang``; the result links' paths (checks the status line)."""
    chrome.get(site_server + ("/cari/" if lang == "id" else "/en/cari/"))
    box = chrome.find_element(By.CSS_SELECTOR, ".kt-search__input")
    assert box.is_displayed(), "the search form stays hidden with JavaScript on"
    box.send_keys(word)
    chrome.find_element(By.CSS_SELECTOR, ".kt-search__button").click()
    WebDriverWait(chrome, 20).until(lambda d: d.find_element(By.CSS_SELECTOR, ".kt-search__status").text.strip())
    status = chrome.find_element(By.CSS_SELECTOR, ".kt-search__status").text
    assert status.startswith(STATUS[lang].format(word)), f"{lang} search status: {status!r}"
    links = chrome.find_elements(By.CSS_SELECTOR, ".kt-search__result a")
    return [link.get_attribute("href").removeprefix(site_server) for link in links]


@pytest.mark.parametrize("lang", list(SEARCHES))
def test_search_finds_a_known_page_in_its_language(chrome, site_server, lang):
    word, expected = SEARCHES[lang]
    found = search(chrome, site_server, lang, word)
    assert expected in found, f"searching {word!r} on the {lang} search page found {found}"
    other = "/en/" if lang == "id" else "/"
    assert all(url.startswith("/en/") == (lang == "en") for url in found), f"{lang} search returned pages of {other}: {found}"


def test_search_page_without_javascript_offers_the_sections(site_server):
    browser = make_chrome(javascript=False)
    try:
        browser.get(site_server + "/cari/")
        assert not browser.find_element(By.CSS_SELECTOR, ".kt-search__form").is_displayed()
        assert browser.find_element(By.CSS_SELECTOR, ".kt-search__nojs").is_displayed()
        hrefs = {a.get_attribute("href").removeprefix(site_server) for a in browser.find_elements(By.CSS_SELECTOR, ".kt-search__browse a")}
        assert {"/narkoba/", "/kegiatan/", "/layanan/", "/mitra/", "/berita/"} <= hrefs
    finally:
        quit_chrome(browser)


def visit_all(chrome, site_url: str, paths: list[str]) -> tuple[list[str], list[str]]:
    """Visit each page; (console errors, requests to other origins), each prefixed with its page."""
    errors, foreign = [], []
    for path in paths:
        drain_logs(chrome)
        chrome.get(site_url + path)
        errors += [f"{path}: {message}" for message in console_errors(chrome)]
        foreign += [f"{path}: requested {url}" for url in foreign_requests(requested_urls(chrome), site_url)]
    return errors, foreign


def test_every_page_loads_without_console_errors_or_other_origins(chrome, site_server, built_site):
    paths = [page_url(built_site, page) for page in html_pages(built_site)]
    errors, foreign = visit_all(chrome, site_server, paths)
    for lang, (word, _) in SEARCHES.items():  # search loads its index, worker and WebAssembly on use
        drain_logs(chrome)
        search(chrome, site_server, lang, word)
        errors += [f"search ({lang}): {m}" for m in console_errors(chrome)]
        foreign += [f"search ({lang}): requested {u}" for u in foreign_requests(requested_urls(chrome), site_server)]
    assert len(paths) >= 10
    assert not errors, "console errors:\n" + "\n".join(errors)
    assert not foreign, "requests to other origins:\n" + "\n".join(foreign)


@pytest.fixture(scope="module")
def broken_site_dir(built_site, tmp_path_factory):
    return make_broken_site(built_site, tmp_path_factory.mktemp("broken-browser") / "site")


def broken_path(name: str) -> str:
    return "/" + BROKEN[name].removesuffix("index.html")


def test_breakage_is_caught_in_the_browser(chrome, broken_site_dir, axe_source):  # noqa: F811
    """An external font and an image without alt, put in on purpose, fail with the page named
    (served without a CSP, as a static host without headers would)."""
    with serve_directory(broken_site_dir) as base:
        _, foreign = visit_all(chrome, base, [broken_path("external_font")])
        assert foreign and all(f.startswith(f"{broken_path('external_font')}: requested https://fonts.googleapis.com/") for f in foreign), foreign
        violations = axe_violations(chrome, base + broken_path("img_without_alt"), axe_source)
        assert any(v.startswith("image-alt") for v in violations), violations


def test_breakage_is_caught_under_the_production_csp(chrome, broken_site_dir):
    """Under the production CSP an inline style and an external stylesheet are console errors."""
    with serve_directory(broken_site_dir, csp=production_csp()) as base:
        errors, _ = visit_all(chrome, base, [broken_path("inline_style"), broken_path("external_font")])
    assert any(e.startswith(broken_path("inline_style") + ":") and "inline style" in e for e in errors), errors
    assert any(e.startswith(broken_path("external_font") + ":") and "fonts.googleapis.com" in e for e in errors), errors
