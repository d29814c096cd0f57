"""A page with one photo on a 360 px, DPR 2 phone: what Chromium picks and what it costs (≤ 100 KB gzip)."""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import make_chrome, production_csp, quit_chrome, serve_directory
from tests.conftest import build_site
from tests.photos import photo_content

ARTICLE = "/berita/sosialisasi-bergambar/"
BUDGET = 100 * 1024
TEXT_SUFFIXES = (".html", ".css", ".js", ".svg", ".json", ".xml")


@pytest.fixture(scope="module")
def one_photo_site(tmp_path_factory):
    """The photos fixture with the text's photos removed: one photo (the news image) on the page."""
    work = tmp_path_factory.mktemp("one-photo")
    content = photo_content(work / "content")
    for lang in ("id", "en"):
        path = content / "berita" / f"sosialisasi-bergambar.{lang}.md"
        path.write_text(re.sub(r"^!\[.*\n", "", path.read_text(), flags=re.M))
    return build_site(work / "out", PATH=str(content), KTAN_IMAGES_CACHE=str(work / "cache"))


def transfer_size(site: Path, url: str) -> int:
    """Bytes on the wire from our nginx: text gzip-compressed, images as they are."""
    path = site / urlsplit(url).path.lstrip("/")
    if path.is_dir():
        path = path / "index.html"
    data = path.read_bytes()
    return len(gzip.compress(data, 9)) if path.suffix in TEXT_SUFFIXES else len(data)


def test_phone_page_with_one_photo_stays_under_100_kb(one_photo_site):
    driver = make_chrome(360, 640, extra_flags=("--force-device-scale-factor=2",))
    try:
        with serve_directory(one_photo_site, csp=production_csp()) as base:
            driver.get(base + ARTICLE)
            driver.execute_script("window.scrollTo(0, document.body.scrollHeight)")
            assert driver.execute_script("return window.devicePixelRatio") == 2
            chosen = driver.execute_script(
                "var i = document.querySelector('main picture img');"
                "return i.complete && i.naturalWidth ? i.currentSrc : '';"
            )
            urls = driver.execute_script(
                "return [location.href].concat(performance.getEntriesByType('resource').map(function (e) { return e.name; }));"
            )
    finally:
        quit_chrome(driver)
    # 360 CSS px less the padding, times 2: the 720 w candidate, in the best format Chromium decodes.
    assert re.search(r"-720\.(avif|webp)$", chosen), chosen
    own = [url for url in urls if url.startswith(base)]
    assert own == urls, "no request to another origin"
    images = [url for url in own if re.search(r"\.(avif|webp|jpg|png)$", url)]
    assert images == [chosen], f"the page loaded {images}, not just the photo it shows"
    total = sum(transfer_size(one_photo_site, url) for url in set(own))
    assert total <= BUDGET, f"{total} bytes for {sorted(set(own))}"
    print(f"360 px DPR 2 page with one photo: {total} bytes ({chosen.rsplit('/', 1)[-1]})")
