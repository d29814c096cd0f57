"""The services filter in a real browser, and the help page surviving loss of signal."""

from __future__ import annotations

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from ktan_content.load import load_content
from tests.browser.conftest import serve_directory
from tests.conftest import ROOT

CACHED = """
const done = arguments[arguments.length - 1];
if (!('serviceWorker' in navigator)) { done(false); return; }
navigator.serviceWorker.ready
  .then(() => caches.keys())
  .then((keys) => Promise.all(keys.map((k) => caches.open(k).then((c) => c.match(arguments[0])))))
  .then((hits) => done(hits.some(Boolean) && !!navigator.serviceWorker.controller))
  .catch(() => done(false));
"""


def services_by_kind():
    kinds = {}
    for ident, item in load_content(ROOT / "content").data("layanan").items():
        kinds.setdefault(item.fields["kind"], []).append((ident, item.fields.get("kecamatan", "")))
    return kinds


def visible_ids(chrome):
    return sorted(
        el.get_attribute("id").removeprefix("layanan-")
        for el in chrome.find_elements(By.CSS_SELECTOR, "li.kt-service article")
        if el.is_displayed()
    )


def test_filter_narrows_the_list_and_says_how_many(chrome, site_server):
    chrome.get(site_server + "/layanan/")
    form = chrome.find_element(By.ID, "kt-service-filter")
    assert form.is_displayed(), "the script should reveal the filter"
    everything = visible_ids(chrome)
    kinds = services_by_kind()

    Select(chrome.find_element(By.ID, "kt-filter-kind")).select_by_value("online")
    online = sorted(ident for ident, _ in kinds["online"])
    assert visible_ids(chrome) == online
    status = chrome.find_element(By.ID, "kt-service-filter-status").text
    assert status == f"{len(online)} layanan ditampilkan"
    hidden_groups = [g.get_attribute("id") for g in chrome.find_elements(By.CSS_SELECTOR, "section.kt-services__group") if not g.is_displayed()]
    assert hidden_groups, "groups with nothing left should disappear with their heading"

    chrome.find_element(By.CSS_SELECTOR, ".kt-filter__reset").click()
    WebDriverWait(chrome, 5).until(lambda d: visible_ids(d) == everything)

    Select(chrome.find_element(By.ID, "kt-filter-kecamatan")).select_by_value("Patrang")
    expected = sorted(
        ident for items in kinds.values() for ident, place in items if place in ("", "Patrang")
    )
    assert visible_ids(chrome) == expected, "national services stay listed for every kecamatan"
    chrome.find_element(By.CSS_SELECTOR, ".kt-filter__reset").click()


def test_help_page_and_services_stay_readable_offline(chrome, built_site):
    with serve_directory(built_site) as base:
        chrome.get(base + "/bantuan/")
        WebDriverWait(chrome, 20).until(lambda d: d.execute_async_script(CACHED, "/en/bantuan/"))
        assert chrome.execute_async_script(CACHED, "/layanan/")
    # The server is gone now: the same origin has no network at all.
    chrome.get(base + "/en/bantuan/")
    assert chrome.find_element(By.TAG_NAME, "h1").text == "Help lines"
    assert chrome.find_elements(By.CSS_SELECTOR, "section.kt-line a[href='tel:184']")
    css_applied = chrome.execute_script("return getComputedStyle(document.querySelector('.kt-help')).borderBottomStyle")
    assert css_applied == "solid", "the cached stylesheet should style the offline page"
    chrome.get(base + "/layanan/")
    assert chrome.find_elements(By.CSS_SELECTOR, "article.kt-service-card")
    chrome.get(base + "/tentang/")
    assert chrome.find_element(By.TAG_NAME, "h1").text == "Nomor bantuan", "an uncached page falls back to the help lines"


def test_help_line_visible_without_scrolling_on_service_pages(chrome, site_server):
    for path in ("/layanan/", "/en/layanan/", "/bantuan/", "/en/wajib-lapor/"):
        chrome.get(site_server + path)
        link = chrome.find_element(By.CSS_SELECTOR, '.kt-help a[href="tel:184"]')
        bottom = chrome.execute_script("return arguments[0].getBoundingClientRect().bottom;", link)
        assert link.is_displayed() and 0 < bottom <= 640, f"{path}: tel:184 ends at {bottom}px"
        overflow = chrome.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth;")
        assert overflow <= 0, f"{path}: {overflow}px wider than a 360px phone (WCAG 1.4.10 reflow)"
