"""The "Copy link" enhancement: copies the page's address; without JavaScript it is the address itself."""

from __future__ import annotations

import pytest

from tests.browser.conftest import drain_logs

PAGES = ["/berita/rapat-koordinasi-kampung-tangguh-anti-narkoba/", "/en/narkoba/sabu/"]


@pytest.mark.parametrize("path", PAGES)
def test_copy_link_copies_the_address_and_stays_on_the_page(chrome, site_server, path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    chrome.execute_cdp_cmd("Browser.grantPermissions", {
        "origin": site_server, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]})
    drain_logs(chrome)
    chrome.get(site_server + path)
    link = chrome.find_element(By.CSS_SELECTOR, "[data-copy-link]")
    assert link.get_attribute("role") == "button"
    chrome.execute_script("arguments[0].scrollIntoView()", link)
    link.click()
    status = chrome.find_element(By.CSS_SELECTOR, "[data-copy-status]")
    # The clipboard answers asynchronously: the status appears once the copy has succeeded (or failed).
    WebDriverWait(chrome, 10).until(lambda d: status.text)
    assert status.text in ("Tautan disalin.", "Link copied.")
    copied = chrome.execute_async_script("navigator.clipboard.readText().then(arguments[0], function () { arguments[0]('') })")
    assert copied == site_server + path
    assert chrome.current_url == site_server + path
    assert not [entry for entry in chrome.get_log("browser") if entry["level"] == "SEVERE"]


def test_without_javascript_the_links_are_plain(site_server):
    from selenium.webdriver.common.by import By

    from tests.browser.conftest import make_chrome, quit_chrome

    driver = make_chrome(javascript=False)
    try:
        driver.get(site_server + PAGES[0])
        link = driver.find_element(By.CSS_SELECTOR, "[data-copy-link]")
        assert link.get_attribute("role") is None
        assert link.get_attribute("href") == site_server + PAGES[0]
        whatsapp = driver.find_element(By.CSS_SELECTOR, '.kt-share a[href^="https://wa.me/?text="]')
        assert whatsapp.is_displayed()
    finally:
        quit_chrome(driver)
