"""Chromium under nginx's real headers: the CSP blocks nothing the site needs.

The published site's URLs are absolute (https://ktan.test/...); Chromium maps
that host to the test nginx, so pages, assets, the search index (WebAssembly)
and the service worker load exactly as on the district server.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import make_chrome, quit_chrome
from tests.serve.conftest import SITE_URL

pytestmark = [pytest.mark.serve, pytest.mark.browser]

PAGES = ["/", "/en/", "/kegiatan/", "/en/layanan/", "/narkoba/sabu/", "/en/mitra/", "/berita/rapat-koordinasi-kampung-tangguh-anti-narkoba/"]


@pytest.fixture(scope="module")
def browser(nginx):
    driver = make_chrome(extra_flags=(
        f"--host-resolver-rules=MAP ktan.test:443 127.0.0.1:{nginx.https_port}",
        "--ignore-certificate-errors",  # the test's self-signed certificate
    ))
    yield driver
    quit_chrome(driver)


def csp_complaints(driver) -> list[str]:
    return [entry["message"] for entry in driver.get_log("browser")
            if "Content Security Policy" in entry["message"] or "Refused to" in entry["message"]]


@pytest.mark.parametrize("path", PAGES)
def test_pages_run_under_the_csp(browser, path):
    browser.get_log("browser")
    browser.get(SITE_URL + path)
    rules = browser.execute_script("return Array.from(document.styleSheets, s => s.cssRules.length)")
    assert rules and rules[0] > 10, "the site stylesheet did not load"
    assert csp_complaints(browser) == []


@pytest.mark.parametrize("lang_root, query", [("/", "sabu"), ("/en/", "sabu")])
def test_search_works_under_the_csp(browser, lang_root, query):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get_log("browser")
    browser.get(f"{SITE_URL}{lang_root}cari/")
    field = browser.find_element(By.CSS_SELECTOR, ".kt-search__input")
    field.send_keys(query)
    browser.find_element(By.CSS_SELECTOR, ".kt-search__button").click()
    WebDriverWait(browser, 20).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, ".kt-search__result a")
        or d.find_element(By.CSS_SELECTOR, ".kt-search__status").text
    )
    links = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, ".kt-search__result a")]
    assert csp_complaints(browser) == []
    assert links, browser.find_element(By.CSS_SELECTOR, ".kt-search__status").text
    assert all(link.startswith(SITE_URL + lang_root) for link in links), links
