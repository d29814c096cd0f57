"""The CMS's npm packages (Decap CMS bundle, decap-server), pinned in this folder's package-lock.json.

``invoke edit`` (and the publishing service) call ``ensure_installed`` first:
``npm ci`` runs when ``node_modules`` is missing or was installed from
another lockfile (a copy of the lockfile is kept in it: a git checkout that
only touches the file's date does not reinstall),
so an editor never installs anything by hand beyond Node.js from apt.
Install scripts are skipped: both packages ship ready-built JavaScript.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

CMS_DIR = Path(__file__).resolve().parent
NODE_MODULES = CMS_DIR / "node_modules"
LOCKFILE = CMS_DIR / "package-lock.json"
DECAP_DIST = NODE_MODULES / "decap-cms" / "dist"
DECAP_SERVER = NODE_MODULES / "decap-server" / "dist" / "index.js"
NPM_CI = ("ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error")


class NodeMissing(RuntimeError):
    """Node.js/npm are not installed or the install failed; the message is for an editor (id, then en)."""


INSTALLED_LOCK = NODE_MODULES / ".ktan-package-lock.json"  # the lockfile node_modules was installed from


def is_stale() -> bool:
    if not INSTALLED_LOCK.is_file() or not DECAP_SERVER.is_file() or not (DECAP_DIST / "decap-cms.js").is_file():
        return True
    return INSTALLED_LOCK.read_bytes() != LOCKFILE.read_bytes()


def node_binary() -> str:
    found = shutil.which("node") or shutil.which("nodejs")
    if not found:
        raise NodeMissing("Node.js belum terpasang. Pasang dengan: sudo apt-get install nodejs npm\n"
                          "(EN) Node.js is not installed. Install it with: sudo apt-get install nodejs npm")
    return found


def ensure_installed(log=print) -> Path:
    """Install the pinned packages if needed; returns the node_modules folder."""
    node_binary()
    if not is_stale():
        return NODE_MODULES
    npm = shutil.which("npm")
    if not npm:
        raise NodeMissing("npm belum terpasang. Pasang dengan: sudo apt-get install npm\n"
                          "(EN) npm is not installed. Install it with: sudo apt-get install npm")
    log("Memasang paket penyunting (sekali saja, sekitar satu menit)... / Installing the editor's packages (once)...")
    result = subprocess.run([npm, *NPM_CI], cwd=CMS_DIR, capture_output=True, text=True)
    if result.returncode != 0:
        raise NodeMissing(f"Pemasangan paket npm gagal:\n{result.stderr.strip()}\n(EN) npm ci failed (above).")
    INSTALLED_LOCK.write_bytes(LOCKFILE.read_bytes())
    return NODE_MODULES
