"""A resident on a small phone sees the help line without scrolling."""

from selenium.webdriver.common.by import By


def test_help_line_visible_without_scrolling_on_phone(chrome, site_server):
    for path in ("/", "/en/", "/berita/rapat-koordinasi-kampung-tangguh-anti-narkoba/", "/en/tentang/"):
        chrome.get(site_server + path)
        link = chrome.find_element(By.CSS_SELECTOR, '.kt-help a[href="tel:184"]')
        assert link.is_displayed(), path
        bottom = chrome.execute_script("const r = arguments[0].getBoundingClientRect(); return r.bottom;", link)
        assert 0 < bottom <= 640, f"{path}: tel:184 ends at {bottom}px, below the first screen"
