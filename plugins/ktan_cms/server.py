"""The editor's workspace on one origin: /admin/ (the CMS), /api/v1 (decap-server), everything else (the live preview).

One origin for all three keeps the browser's view simple and private: the CMS
page, its backend and the preview it frames are all ``http://127.0.0.1:<port>``,
so the admin page makes no request to any other origin (tested), the preview
pane can frame the site's pages, and the same layout works behind nginx on
the district server (/admin/ and /api/v1 proxied, with a login in front).
decap-server and the preview run as child processes on their own free ports,
bound to 127.0.0.1; this server forwards to them, and rewrites every file
the CMS saves into our own format on the way (``normalize.py``).
"""

from __future__ import annotations

import http.client
import http.server
import json
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

from .normalize import normalise
from .responses import ResponseHelpers, ThreadingServer
from .status import content_status, preview_ok

ADMIN_PREFIX = "/admin/"
API_PATH = "/api/v1"
STATUS_PATH = "/api/ktan/status"
# Response headers that belong to one connection, not to the forwarded response.
HOP_HEADERS = {"connection", "keep-alive", "transfer-encoding", "content-length", "date", "server"}
# The admin page's own policy: only this origin (Decap styles itself with inline <style> elements).
ADMIN_CSP = ("default-src 'self'; script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; "
             "img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self' blob: data:; font-src 'self' data:; "
             "frame-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'")


def normalise_request(body: bytes, content: Path) -> bytes:
    """A decap-server request with every file the CMS saves rewritten in our format (``normalize.py``)."""
    try:
        request = json.loads(body)
    except ValueError:
        return body
    if not isinstance(request, dict) or request.get("action") != "persistEntry":
        return body
    params = request.get("params") or {}
    files = [params["entry"]] if isinstance(params.get("entry"), dict) else []
    files += [f for f in params.get("dataFiles") or [] if isinstance(f, dict)]
    prefix = content.name + "/"
    for data_file in files:
        path, raw = data_file.get("path"), data_file.get("raw")
        if isinstance(path, str) and isinstance(raw, str) and path.startswith(prefix):
            data_file["raw"] = normalise(path[len(prefix):], raw, content.parent / path)
    return json.dumps(request, ensure_ascii=False).encode("utf-8")


class WorkspaceHandler(ResponseHelpers, http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".yml": "text/yaml", ".wasm": "application/wasm",
                      ".js": "text/javascript"}
    backend_port: int
    preview_port: int
    settings_file: str
    content_path: str

    def log_message(self, format, *args):  # noqa: A002 - the editor's terminal shows builds, not requests
        pass

    def end_headers(self):
        if urlsplit(self.path).path.startswith(ADMIN_PREFIX):
            self.send_header("Content-Security-Policy", ADMIN_CSP)
            self.send_header("X-Frame-Options", "SAMEORIGIN")
        super().end_headers()

    def do_GET(self):
        path = urlsplit(self.path).path
        if path == "/admin":
            return self._redirect("/admin/")
        if path.startswith(ADMIN_PREFIX):
            return super().do_GET()
        if path == STATUS_PATH:
            return self._status()
        return self._forward(self.preview_port, "GET")

    def do_HEAD(self):
        if urlsplit(self.path).path.startswith(ADMIN_PREFIX):
            return super().do_HEAD()
        return self._forward(self.preview_port, "HEAD")

    def do_POST(self):
        if urlsplit(self.path).path != API_PATH:
            return self._send(404, "text/plain; charset=utf-8", b"not found")
        length = int(self.headers.get("Content-Length") or 0)
        return self._forward(self.backend_port, "POST", normalise_request(self.rfile.read(length), Path(self.content_path)))

    def translate_path(self, path):
        """/admin/<file> -> the admin folder (``directory``); nothing else is served from disk."""
        relative = urlsplit(path).path[len(ADMIN_PREFIX):]
        return super().translate_path("/" + relative)

    def _status(self):
        state = {**content_status(self.settings_file, self.content_path), "preview_ok": preview_ok(self.preview_port)}
        return self._send(200, "application/json", json.dumps(state, ensure_ascii=False).encode("utf-8"))

    def _forward(self, port: int, method: str, body: bytes | None = None):
        headers = {name: value for name, value in self.headers.items()
                   if name.lower() in ("content-type", "accept", "accept-language", "range", "if-modified-since")}
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        try:
            conn.request(method, self.path, body=body, headers=headers)
            response = conn.getresponse()
            data = response.read()
        except OSError:
            return self._send(502, "text/plain; charset=utf-8",
                              "Pratinjau atau penyimpan belum siap; muat ulang sebentar lagi. / Not ready yet; reload in a moment.".encode())
        finally:
            conn.close()
        self.send_response(response.status)
        for name, value in response.getheaders():
            if name.lower() not in HOP_HEADERS and name.lower() != "cache-control":
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if method != "HEAD":
            self._write(data)


def make_server(admin_dir: Path, *, backend_port: int, preview_port: int, settings_file: str, content_path: str,
                host: str = "127.0.0.1", port: int = 0) -> ThreadingServer:
    handler = type("BoundWorkspaceHandler", (WorkspaceHandler,), {
        "backend_port": backend_port, "preview_port": preview_port,
        "settings_file": settings_file, "content_path": content_path,
    })
    return ThreadingServer((host, port), partial(handler, directory=str(admin_dir)))
