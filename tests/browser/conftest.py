"""Real-browser fixtures: Debian's Chromium driven by Selenium, pages over HTTP.

Selenium is given Debian's chromedriver and chromium explicitly, so it never
downloads a browser of its own (Selenium Manager is not used).
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import socketserver
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import ROOT, require_tool

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
CHROMIUM_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
)


# The production server's Content-Security-Policy (deploy/nginx), so that inline styles
# or scripts show up as console errors here too; the fallback is the same policy.
NGINX_HEADERS = ROOT / "deploy" / "nginx" / "ktan-jember-headers.conf"
FALLBACK_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; object-src 'none'"


def production_csp() -> str:
    found = re.search(r'add_header\s+Content-Security-Policy\s+"([^"]+)"', NGINX_HEADERS.read_text()) if NGINX_HEADERS.is_file() else None
    return found.group(1) if found else FALLBACK_CSP


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    csp: str | None = None

    def end_headers(self):
        if self.csp:
            self.send_header("Content-Security-Policy", self.csp)
        super().end_headers()

    def log_message(self, *args):
        pass


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


@contextmanager
def serve_directory(path: Path, csp: str | None = None):
    """Serve ``path`` on 127.0.0.1 at a free port; yields the base URL (no trailing slash).

    With ``csp`` every response carries that Content-Security-Policy header.
    """
    handler = functools.partial(type("_Handler", (_QuietHandler,), {"csp": csp}), directory=str(path))
    with serve_handler(handler) as base:
        yield base


@contextmanager
def serve_handler(handler):
    """Serve with ``handler`` (a request handler class or factory) on 127.0.0.1 at a free port; yields the base URL."""
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_server(built_site):
    """Base URL of the real built site over HTTP (no trailing slash), with the production CSP."""
    with serve_directory(built_site, csp=production_csp()) as url:
        yield url


def make_chrome(width: int = 360, height: int = 640, javascript: bool = True, extra_flags: tuple = ()):
    require_tool(CHROMIUM)
    require_tool(CHROMEDRIVER)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    profile = tempfile.mkdtemp(prefix="ktan-chromium-")
    options.add_argument(f"--user-data-dir={profile}")
    options.add_argument(f"--window-size={width},{height}")
    for flag in extra_flags:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_window_size(width, height)
    driver._ktan_profile = profile
    return driver


def quit_chrome(driver) -> None:
    driver.quit()
    shutil.rmtree(driver._ktan_profile, ignore_errors=True)


@pytest.fixture(scope="session")
def chrome():
    """One headless Chromium for the session, 360x640 (a low-end phone) by default.

    Tests that resize it must restore 360x640 (``chrome.set_window_size(360, 640)``).
    Console messages: ``chrome.get_log("browser")``; network requests:
    ``chrome.get_log("performance")`` (Network.requestWillBeSent events).
    """
    driver = make_chrome()
    yield driver
    quit_chrome(driver)


def drain_logs(driver) -> None:
    """Forget console messages and requests so far (before visiting the page under test)."""
    driver.get_log("browser")
    driver.get_log("performance")


def console_errors(driver) -> list[str]:
    """Console messages at error level since the last read (404s of assets show up here too)."""
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def requested_urls(driver) -> list[str]:
    """Every URL the browser asked for since the last read (documents, assets, fetches, workers)."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def foreign_requests(urls: list[str], site_url: str) -> list[str]:
    """URLs that go to any origin other than the site's own (data: and blob: stay local)."""
    return [url for url in urls if not url.startswith((site_url + "/", "data:", "blob:")) and url != site_url]
