"""The edit service nginx proxies to (127.0.0.1 only): the CMS API and the build status.

Routes (all behind nginx's authentication; the login arrives in ``X-Ktan-Editor``):

- ``POST /api/v1``: the CMS backend (``backend``: decap-server + a commit per save);
- ``GET /status/``: the editors' status page; ``/status/builds.json`` the same as data;
- ``GET /api/ktan/status``: the content check for the CMS's status box (the same
  JSON as ``invoke edit`` serves, ``ktan_cms.status``), plus the last build;
- ``POST /status/rollback``: switch the live site to the release named in the form.

The rollback form is protected against cross-site posts by checking
``Origin``/``Sec-Fetch-Site``: a browser that holds the editor's basic-auth
credentials would otherwise send them with a form posted from another site.
"""

from __future__ import annotations

import http.server
import json
import sys
from urllib.parse import parse_qs, urlsplit

from ktan_build import releases
from ktan_cms.responses import ResponseHelpers, ThreadingServer
from ktan_cms.status import content_status, preview_ok

from . import runner
from .backend import LOGIN, Backend
from .config import ServerConfig
from .status import STYLESHEET, StatusLog, render_page

EDITOR_HEADER = "X-Ktan-Editor"
MAX_BODY = 60 * 1024 * 1024  # decap-server accepts 50 MB JSON (media as base64)


def live_and_previous(config: ServerConfig) -> tuple[dict | None, dict | None]:
    current = releases.live_release(config.live)
    found = releases.list_releases(config.releases)
    names = [r.name for r in found]
    if current not in names:
        return None, None
    at = names.index(current)
    live = {"name": current, **found[at].meta}
    previous = {"name": found[at - 1].name, **found[at - 1].meta} if at > 0 else None
    return live, previous


class EditHandler(ResponseHelpers, http.server.BaseHTTPRequestHandler):
    config: ServerConfig
    backend: Backend
    redirect_status = 303  # See Other: the rollback form's answer (and /status -> /status/) is a GET
    server_version = "ktan-edit"
    sys_version = ""

    def log_message(self, format, *args):  # noqa: A002 - journald gets one line per request
        sys.stderr.write("%s %s\n" % (self.headers.get(EDITOR_HEADER, "-"), format % args))

    @property
    def login(self) -> str | None:
        login = self.headers.get(EDITOR_HEADER, "")
        return login if LOGIN.match(login) else None

    def do_GET(self):
        path = urlsplit(self.path).path
        if not self.login:
            return self._send(401, "text/plain; charset=utf-8", b"login required\n")
        if path in ("/status", "/admin"):
            return self._redirect(path + "/")
        if path == "/status/":
            live, previous = live_and_previous(self.config)
            page = render_page(StatusLog(self.config.state).entries(), live, previous)
            return self._send(200, "text/html; charset=utf-8", page.encode())
        if path == "/status/status.css":
            return self._send(200, "text/css; charset=utf-8", STYLESHEET.encode())
        if path == "/api/ktan/status":
            return self._content_status()
        if path == "/status/builds.json":
            live, _ = live_and_previous(self.config)
            data = {"live": live, "builds": StatusLog(self.config.state).entries()}
            return self._send(200, "application/json", json.dumps(data, ensure_ascii=False).encode())
        return self._send(404, "text/plain; charset=utf-8", b"not found\n")

    def do_POST(self):
        path = urlsplit(self.path).path
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            return self._send(413, "text/plain; charset=utf-8", b"too large\n")
        body = self.rfile.read(length)
        if path == "/api/v1":
            status, answer = self.backend.handle(body, self.login)
            return self._send(status, "application/json; charset=utf-8", answer)
        if path == "/status/rollback":
            return self._rollback(body)
        return self._send(404, "text/plain; charset=utf-8", b"not found\n")

    def _content_status(self):
        state = content_status(str(self.config.repo / "pelicanconf.py"), str(self.config.repo / "content"))
        state["preview_ok"] = preview_ok(self.config.preview_port)
        last = next(iter(StatusLog(self.config.state).entries()), None)
        state["last_build"] = {k: last.get(k) for k in ("ok", "commit", "author", "finished", "report")} if last else None
        return self._send(200, "application/json", json.dumps(state, ensure_ascii=False).encode())

    def _same_origin(self) -> bool:
        if self.headers.get("Sec-Fetch-Site", "same-origin") not in ("same-origin", "none"):
            return False
        origin = self.headers.get("Origin")
        host = urlsplit("//" + self.headers.get("Host", "")).hostname  # nginx sends $host: no port
        return origin is None or urlsplit(origin).hostname == host

    def _rollback(self, body: bytes):
        if not self.login:
            return self._send(401, "text/plain; charset=utf-8", b"login required\n")
        if not self._same_origin():
            return self._send(403, "text/plain; charset=utf-8", b"cross-site request refused\n")
        to = (parse_qs(body.decode("utf-8", "replace")).get("to") or [None])[0]
        entry = runner.rollback(self.config, by=self.login, to=to, trigger="status-page")
        return self._redirect(f"/status/#build-{entry['id']}")


def make_server(config: ServerConfig, host: str = "127.0.0.1", port: int = 8091) -> ThreadingServer:
    handler = type("BoundEditHandler", (EditHandler,), {"config": config, "backend": Backend(config)})
    return ThreadingServer((host, port), handler)
