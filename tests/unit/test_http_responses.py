"""The servers' shared HTTP answers (``ktan_cms.responses``): never cached, redirects, a browser that leaves."""

from __future__ import annotations

import http.client
import http.server
import io
import threading

import pytest

from ktan_cms.responses import ResponseHelpers, ThreadingServer
from ktan_server.app import make_server as make_edit_server
from ktan_server.config import ServerConfig


class Handler(ResponseHelpers, http.server.BaseHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        pass

    def do_GET(self):
        if self.path == "/text":
            return self._send(200, "text/plain; charset=utf-8", "Desa tangguh ✓")
        if self.path == "/bytes":
            return self._send(404, "application/json", b'{"ok": false}')
        return self._redirect("/text")


def serve(server: http.server.HTTPServer):
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def helpers_server():
    server = serve(ThreadingServer(("127.0.0.1", 0), Handler))
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def request(port: int, path: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.headers), response.read()
    finally:
        connection.close()


def test_answers_carry_type_length_and_are_never_cached(helpers_server):
    status, headers, body = request(helpers_server, "/text")
    assert status == 200 and body.decode("utf-8") == "Desa tangguh ✓"
    assert headers["Content-Type"] == "text/plain; charset=utf-8" and headers["Content-Length"] == str(len(body))
    assert headers["Cache-Control"] == "no-store"
    status, headers, body = request(helpers_server, "/bytes")
    assert (status, body, headers["Cache-Control"]) == (404, b'{"ok": false}', "no-store")


def test_redirects_are_permanent_by_default(helpers_server):
    status, headers, body = request(helpers_server, "/elsewhere")
    assert (status, headers["Location"], headers["Content-Length"], body) == (301, "/text", "0", b"")
    assert headers["Cache-Control"] == "no-store"


def test_the_edit_service_redirects_with_see_other_and_never_caches(tmp_path):
    server = serve(make_edit_server(ServerConfig(root=tmp_path), port=0))
    try:
        port = server.server_address[1]
        status, headers, _ = request(port, "/status", {"X-Ktan-Editor": "siti"})
        assert (status, headers["Location"], headers["Cache-Control"]) == (303, "/status/", "no-store")
        status, headers, _ = request(port, "/status/status.css")
        assert (status, headers["Cache-Control"]) == (401, "no-store")  # no login from nginx
    finally:
        server.shutdown()
        server.server_close()


class GoneFile(io.RawIOBase):
    def __init__(self, error: type[OSError]):
        self.error = error

    def write(self, data):
        raise self.error()


@pytest.mark.parametrize("gone", [BrokenPipeError, ConnectionResetError])
def test_a_browser_that_left_is_no_error(gone, capsys):
    handler = Handler.__new__(Handler)  # no connection: only the write is under test
    handler.wfile = GoneFile(gone)
    handler._write(b"late answer")  # raises nothing
    server = ThreadingServer(("127.0.0.1", 0), Handler)
    try:
        try:
            raise gone()
        except gone:
            server.handle_error(None, ("127.0.0.1", 1))
        assert capsys.readouterr().err == ""
        try:
            raise ValueError("a real bug")
        except ValueError:
            server.handle_error(None, ("127.0.0.1", 1))
        assert "a real bug" in capsys.readouterr().err  # other errors still show their traceback
    finally:
        server.server_close()
