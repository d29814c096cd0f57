"""The CMS's ``/admin/`` folder on the server, written by the CMS plugin (``plugins/ktan_cms``).

nginx serves it as static files on the edit host; the CMS talks to
``/api/v1`` (``backend``) and shows pages from ``/`` (the live preview) on
the same host, so no URL in it names the host.
"""

from __future__ import annotations

from pathlib import Path

from .config import ServerConfig

BACKEND_URL = "/api/v1"
PREVIEW_URL = "/"


def write_server_admin(config: ServerConfig, dest: Path) -> Path:
    from ktan_cms.admin import write_admin
    from ktan_cms.npm import ensure_installed

    ensure_installed()
    return write_admin(Path(dest), backend_url=BACKEND_URL, preview_url=PREVIEW_URL)
