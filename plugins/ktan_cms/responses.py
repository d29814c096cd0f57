"""The HTTP answers of our three small servers: the CMS workspace, the edit service, the live preview.

All three answer with live state (a page rebuilt a second ago, the content
check right now, the build history), so no answer of theirs may be cached:
every response, files and errors included, says ``Cache-Control: no-store``.
A browser that leaves mid-answer (reload, navigation, a long-poll given up)
is normal for an editor's tab, not an error: the write is dropped and no
traceback is printed.
"""

from __future__ import annotations

import http.server
import sys

CLIENT_GONE = (BrokenPipeError, ConnectionResetError)


class ResponseHelpers:
    """Mix in before a ``BaseHTTPRequestHandler`` (sub)class."""

    redirect_status = 301  # the edit service answers 303: its redirects follow form posts

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def _send(self, status: int, content_type: str, body: bytes | str):
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self._write(body)

    def _redirect(self, location: str):
        self.send_response(self.redirect_status)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _write(self, data: bytes):
        try:
            self.wfile.write(data)
        except CLIENT_GONE:
            pass  # the browser left: nothing to tell the editor


class ThreadingServer(http.server.ThreadingHTTPServer):
    """One thread a request (a preview long-poll must not hold up the next page); quiet when a client leaves."""

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], CLIENT_GONE):
            super().handle_error(request, client_address)
