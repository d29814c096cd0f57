"""The offline copy of the help page cannot go stale: a changed number reaches it after one visit with signal.

A real Chromium and one origin: the first build is served, the help page is
cached; the site is rebuilt with a changed BNN number; the browser visits once
with signal, then loses it. Both languages' stored help pages show the new
number, including the one not visited after the change (only a new worker
version, from the hash of the cached pages, re-stores it).
"""

from __future__ import annotations

import re
import shutil
from contextlib import contextmanager

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.conftest import _QuietHandler, make_chrome, quit_chrome, serve_handler
from tests.conftest import ROOT, build_site

NEW_NUMBER = "189"  # a test value in a fixture copy, never published

STORED_TEXT = """
const done = arguments[arguments.length - 1];
caches.keys()
  .then((keys) => Promise.all(keys.map((k) => caches.open(k).then((c) => c.match(arguments[0])))))
  .then((hits) => Promise.all(hits.filter(Boolean).map((r) => r.text())))
  .then((texts) => done({texts: texts, controlled: !!navigator.serviceWorker.controller}))
  .catch((e) => done({texts: [], controlled: false, error: String(e)}));
"""


class _Switchable(_QuietHandler):
    """Serves ``state['root']``; with ``state['online']`` false every request fails like a lost signal."""

    state: dict = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=str(self.state["root"]), **kwargs)

    def end_headers(self):
        # As the shipped nginx config does for pages (deploy/nginx/ktan-jember-site.conf). Without it Chromium
        # may serve the old page from its HTTP cache by heuristic freshness (10 % of the file's age), and
        # whether it does depends on how fast the test runs.
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def parse_request(self):
        # The two test builds finish within the same second and the number keeps the file's size, so the
        # browser's revalidation (If-Modified-Since, one-second resolution) would get a 304 for the changed
        # page. Real rebuilds are seconds apart; here every request gets the file as it is now.
        ok = super().parse_request()
        if ok:
            del self.headers["If-Modified-Since"]
        return ok

    def handle_one_request(self):
        if not self.state["online"]:
            self.raw_requestline = self.rfile.readline(65537)
            self.close_connection = True  # no response at all: the browser sees a network error
            return
        super().handle_one_request()


@contextmanager
def switchable_server(state: dict):
    with serve_handler(type("_Handler", (_Switchable,), {"state": state})) as base:
        yield base


def stored(chrome, path: str) -> list[str]:
    return chrome.execute_async_script(STORED_TEXT, path)["texts"]


@pytest.fixture
def chrome():
    """A browser of its own: this test installs service workers and cuts the network, which must not reach other tests."""
    driver = make_chrome()
    yield driver
    quit_chrome(driver)


def test_offline_help_page_shows_the_number_of_the_latest_build(chrome, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    before = build_site(tmp_path / "before", PATH=str(content))
    line = content / "layanan" / "bnn-184.yml"
    line.write_text(line.read_text(encoding="utf-8").replace('phone: "184"', f'phone: "{NEW_NUMBER}"'), encoding="utf-8")
    after = build_site(tmp_path / "after", PATH=str(content))
    assert (before / "sw.js").read_text() != (after / "sw.js").read_text()

    state = {"root": before, "online": True}
    with switchable_server(state) as base:
        chrome.get(base + "/bantuan/")
        WebDriverWait(chrome, 20).until(lambda d: any("tel:184" in t for t in stored(d, "/en/bantuan/")))

        state["root"] = after  # the site is rebuilt with the new number
        chrome.get(base + "/bantuan/")  # one visit with signal
        assert chrome.find_element(By.CSS_SELECTOR, f'.kt-help a[href="tel:{NEW_NUMBER}"]')
        WebDriverWait(chrome, 20).until(
            lambda d: (texts := stored(d, "/en/bantuan/")) and all(f"tel:{NEW_NUMBER}" in t for t in texts)
        )

        state["online"] = False  # signal lost
        for path, title in (("/en/bantuan/", "Help lines"), ("/bantuan/", "Nomor bantuan")):
            chrome.get(base + path)
            assert chrome.find_element(By.TAG_NAME, "h1").text == title, f"{path} should come from the stored copy"
            html = chrome.page_source
            assert f'href="tel:{NEW_NUMBER}"' in html and not re.search(r'href="tel:184"', html), path
