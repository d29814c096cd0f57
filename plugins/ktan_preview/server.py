"""Serve the preview on 127.0.0.1 and tell the browser when a rebuild finished.

The reload script is added to HTML *responses* by this server only; the files
in output/ never contain it. It is a same-origin script file (the site's
Content-Security-Policy forbids inline scripts) that long-polls
``/__preview/wait`` and reloads the page after the next build. While the last
build failed, every page is a plain message page with the editor's report;
the last good output stays untouched on disk.
"""

from __future__ import annotations

import html
import http.server
import json
import re
from functools import partial
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from ktan_cms.responses import ResponseHelpers, ThreadingServer

from .rebuild import Rebuilder

PREFIX = "/__preview/"
WAIT_SECONDS = 25.0

RELOAD_JS = """// Live preview only (added by the preview server, never part of the site).
(function () {
  var script = document.currentScript;
  var generation = new URL(script.src).searchParams.get("g");
  function wait() {
    fetch("/__preview/wait?g=" + generation, { cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        if (String(state.generation) !== generation) { location.reload(); } else { wait(); }
      })
      .catch(function () { setTimeout(wait, 1000); });
  }
  wait();
})();
"""


def reload_tag(generation: int) -> str:
    return f'<script src="{PREFIX}reload.js?g={generation}" defer></script>'


def inject(page: str, generation: int) -> str:
    """The page with the reload script before ``</body>`` (or at the end)."""
    tag = reload_tag(generation)
    at = page.rfind("</body>")
    return page[:at] + tag + page[at:] if at != -1 else page + tag


def with_warnings(page: str, warnings: str) -> str:
    """The page with the drafts' warnings at the top of ``<body>``: seen while previewing, never published."""
    if not warnings:
        return page
    notice = (
        '<details class="kt-preview-warnings" open><summary>Peringatan pratinjau (draft, tidak tayang) / '
        f"Preview warnings (drafts, not published)</summary><pre>{html.escape(warnings)}</pre></details>"
    )
    match = re.search(r"<body[^>]*>", page)
    return page[: match.end()] + notice + page[match.end():] if match else notice + page


def error_page(report: str, generation: int) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="id"><head><meta charset="utf-8">'
        "<title>Pratinjau gagal / Preview failed</title></head><body>\n"
        "<h1>Situs belum bisa dibangun / The site could not be built</h1>\n"
        "<p>Perbaiki masalah di bawah lalu simpan berkasnya; halaman ini akan dimuat ulang sendiri. "
        "Situs terakhir yang benar tidak diubah.<br>"
        "(EN) Fix the problem below and save the file; this page reloads by itself. "
        "The last good site was not changed.</p>\n"
        f"<pre>{html.escape(report)}</pre>\n{reload_tag(generation)}\n</body></html>\n"
    )


class PreviewHandler(ResponseHelpers, http.server.SimpleHTTPRequestHandler):
    rebuilder: Rebuilder

    def log_message(self, format, *args):  # noqa: A002 - the editor's terminal shows builds, not requests
        pass

    def do_GET(self):
        parts = urlsplit(self.path)
        if parts.path.startswith(PREFIX):
            return self._preview_api(parts.path[len(PREFIX):], parse_qs(parts.query))
        last = self.rebuilder.last
        target = Path(self.translate_path(parts.path))
        if target.is_dir():
            target = target / "index.html"
        wants_page = target.suffix == ".html" or not target.exists()
        if wants_page and last.report:
            return self._send(500, "text/html; charset=utf-8", error_page(last.report, last.generation))
        if target.suffix == ".html" and target.is_file():
            page = with_warnings(target.read_text(encoding="utf-8"), last.warnings)
            return self._send(200, "text/html; charset=utf-8", inject(page, last.generation))
        if not target.exists():
            missing = Path(self.directory) / "404.html"
            if missing.is_file():
                return self._send(404, "text/html; charset=utf-8", inject(missing.read_text(encoding="utf-8"), last.generation))
        return super().do_GET()

    def _preview_api(self, name: str, query: dict):
        if name == "reload.js":
            return self._send(200, "text/javascript; charset=utf-8", RELOAD_JS)
        if name == "wait":
            try:
                seen = int(query.get("g", ["0"])[0])
            except ValueError:
                seen = 0
            outcome = self.rebuilder.wait_for_change(seen, WAIT_SECONDS)
            return self._send(200, "application/json", json.dumps({"generation": outcome.generation, "ok": outcome.ok}))
        return self._send(404, "text/plain; charset=utf-8", "not found")


def make_server(rebuilder: Rebuilder, directory: Path, host: str = "127.0.0.1", port: int = 8000) -> ThreadingServer:
    handler = type("BoundPreviewHandler", (PreviewHandler,), {"rebuilder": rebuilder})
    return ThreadingServer((host, port), partial(handler, directory=str(directory)))
