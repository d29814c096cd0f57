"""Drug pages in a real browser: one printed A4 page each; help line on the first phone screen."""

from __future__ import annotations

import base64
import re

import pytest
from selenium.webdriver.common.by import By

from tests.site.test_substances_site import LANGS, LISTED

A4 = {"paperWidth": 8.27, "paperHeight": 11.69, "preferCSSPageSize": True}
PAGE_OBJECT_RE = re.compile(rb"/Type\s*/Page\b(?!s)")


def printed_pages(chrome, url: str) -> int:
    chrome.get(url)
    pdf = base64.b64decode(chrome.execute_cdp_cmd("Page.printToPDF", A4)["data"])
    return len(PAGE_OBJECT_RE.findall(pdf))


def test_page_counter_sees_more_than_one_page(chrome, site_server):
    # Guards the leaflet test below: an ordinary long page must count as several pages.
    assert printed_pages(chrome, site_server + "/narkoba/") > 1


@pytest.mark.parametrize("lang", LANGS)
def test_each_drug_page_prints_as_one_a4_page(chrome, site_server, lang):
    for slug in LISTED:
        url = f"{site_server}/{LANGS[lang]}narkoba/{slug}/"
        assert printed_pages(chrome, url) == 1, f"{url} prints on more than one page"


@pytest.mark.parametrize("path", ["/narkoba/", "/en/narkoba/", "/narkoba/sabu/", "/en/narkoba/pil-koplo/", "/orang-tua-dan-guru/"])
def test_help_line_on_the_first_phone_screen_of_drug_pages(chrome, site_server, path):
    chrome.get(site_server + path)
    link = chrome.find_element(By.CSS_SELECTOR, '.kt-help a[href="tel:184"]')
    bottom = chrome.execute_script("return arguments[0].getBoundingClientRect().bottom;", link)
    assert link.is_displayed() and 0 < bottom <= 640, f"{path}: tel:184 ends at {bottom}px"
