"""The shipped nginx config (deploy/nginx/) served by real nginx over the published site."""

from __future__ import annotations

import gzip
import http.client
import ssl

import brotli
import pytest

from tests.serve.conftest import SITE_URL

pytestmark = pytest.mark.serve

ARTICLE = "/berita/rapat-koordinasi-kampung-tangguh-anti-narkoba/"
CSP = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
}


class Response:
    def __init__(self, raw: http.client.HTTPResponse):
        self.status = raw.status
        self.headers = raw.headers
        self.body = raw.read()

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


def fetch(nginx, path: str, encoding: str | None = None, https: bool = True, method: str = "GET") -> Response:
    if https:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE  # the test's self-signed certificate
        connection = http.client.HTTPSConnection("127.0.0.1", nginx.https_port, context=context, timeout=10)
    else:
        connection = http.client.HTTPConnection("127.0.0.1", nginx.http_port, timeout=10)
    headers = {"Host": "ktan.test"}
    if encoding:
        headers["Accept-Encoding"] = encoding
    try:
        connection.request(method, path, headers=headers)
        return Response(connection.getresponse())
    finally:
        connection.close()


def first_asset(site, suffix: str) -> str:
    return "/" + next(p for p in sorted((site / "theme").glob(f"site.*{suffix}"))).relative_to(site).as_posix()


def test_nginx_accepts_the_shipped_config(nginx):
    assert "syntax is ok" in nginx.test_output and "test is successful" in nginx.test_output


def test_plain_http_redirects_to_https_without_hsts(nginx):
    response = fetch(nginx, ARTICLE, https=False)
    assert response.status == 301
    assert response.headers["Location"] == f"https://ktan.test{ARTICLE}"
    assert "Strict-Transport-Security" not in response.headers


@pytest.mark.parametrize("path, lang", [("/", "id"), ("/en/", "en"), (ARTICLE, "id"), ("/en" + ARTICLE, "en")])
def test_both_languages_are_served_with_pretty_urls(nginx, path, lang):
    response = fetch(nginx, path)
    assert response.status == 200
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert f'<html lang="{lang}">' in response.text


@pytest.mark.parametrize("path", [ARTICLE.rstrip("/"), "/en", "/en/tentang"])
def test_folder_without_slash_redirects_to_the_pretty_url(nginx, path):
    response = fetch(nginx, path)
    assert response.status == 301
    assert response.headers["Location"] == path + "/"


def test_security_headers_on_pages(nginx):
    response = fetch(nginx, "/")
    for name, value in SECURITY_HEADERS.items():
        assert response.headers[name] == value, name
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
    assert "Server" not in response.headers or "nginx/" not in response.headers["Server"]


def test_html_is_revalidated_and_fingerprinted_assets_are_immutable(nginx, published_site):
    assert fetch(nginx, "/en/").headers["Cache-Control"] == "no-cache"
    css = fetch(nginx, first_asset(published_site, ".css"))
    assert css.status == 200
    assert css.headers["Content-Type"].startswith("text/css")
    assert css.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert css.headers["Content-Security-Policy"] == CSP  # security headers survive the location's own add_header


@pytest.mark.parametrize("path, lang, heading", [
    ("/tidak-ada/", "id", "Halaman tidak ditemukan"),
    ("/en/does-not-exist/", "en", "Page not found"),
    ("/theme/site.0000000000.css", "id", "Halaman tidak ditemukan"),
])
def test_missing_pages_get_the_404_of_their_language(nginx, path, lang, heading):
    response = fetch(nginx, path)
    assert response.status == 404
    assert f'<html lang="{lang}">' in response.text
    assert heading in response.text
    assert response.headers["Content-Security-Policy"] == CSP
    assert response.headers["Cache-Control"] == "no-cache"


def test_precompressed_gzip_is_served(nginx, published_site):
    original = (published_site / "index.html").read_bytes()
    response = fetch(nginx, "/", encoding="gzip")
    assert response.headers["Content-Encoding"] == "gzip"
    assert response.headers["Vary"] == "Accept-Encoding"
    assert int(response.headers["Content-Length"]) == (published_site / "index.html.gz").stat().st_size
    assert gzip.decompress(response.body) == original


def test_precompressed_brotli_is_served(nginx, published_site):
    if not nginx.brotli:
        pytest.skip("nginx brotli_static module not installed")
    css_path = first_asset(published_site, ".css")
    response = fetch(nginx, css_path, encoding="br, gzip")
    assert response.headers["Content-Encoding"] == "br"
    assert brotli.decompress(response.body) == (published_site / css_path.lstrip("/")).read_bytes()


def test_without_accept_encoding_the_plain_file_is_served(nginx, published_site):
    response = fetch(nginx, "/en/")
    assert "Content-Encoding" not in response.headers
    assert response.body == (published_site / "en" / "index.html").read_bytes()


@pytest.mark.parametrize("path, content_type", [
    ("/sitemap.xml", "text/xml"),
    ("/robots.txt", "text/plain"),
    ("/feeds/berita.atom.xml", "text/xml"),
    ("/en/feeds/berita.atom.xml", "text/xml"),
])
def test_sitemap_robots_and_feeds_are_served(nginx, path, content_type):
    response = fetch(nginx, path)
    assert response.status == 200
    assert response.headers["Content-Type"].startswith(content_type)
    assert SITE_URL in response.text
