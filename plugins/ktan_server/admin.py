"""The CMS's ``/admin/`` folder on the server, written by the CMS plugin (``plugins/ktan_cms``).

nginx serves it as static files on the edit host; the CMS talks to
``/api/v1`` (``backend``), asks ``/api/ktan/status`` for the content check
and shows pages from ``/`` (the live preview), all on the same host, as in
``invoke edit``; so no URL in it names the host.
"""

from __future__ import annotations

from pathlib import Path

from .config import ServerConfig

BACKEND_URL = "/api/v1"
PREVIEW_URL = "/"
STATUS_URL = "/api/ktan/status"  # the content check for the CMS's status box (app.py, as in `invoke edit`)


def write_server_admin(config: ServerConfig, dest: Path) -> Path:
    from ktan_cms.admin import write_admin
    from ktan_cms.npm import ensure_installed

    ensure_installed()
    return write_admin(Path(dest), backend_url=BACKEND_URL, preview_url=PREVIEW_URL, status_url=STATUS_URL)
