"""The CMS backend on the server: decap-server behind a proxy that commits as the editor.

Why a proxy. decap-server has two modes (read in its source, 3.11.3):
``MODE=git`` commits with ``git add .`` + ``git commit --no-verify`` under
the identity of the process (no per-request author; ``--no-verify`` also
skips any hook that could fix it, and it checks out branches in the working
tree). ``MODE=fs`` only writes files. So decap-server runs in fs mode on
127.0.0.1, and this proxy, which nginx reaches only after HTTP basic auth
(or the district's SSO), forwards each API call and, after a successful
write, commits exactly the files that call touched with
``--author "<login> <login@…>"``; the committer is the service. ``login`` is
nginx's ``$remote_user`` in the ``X-Ktan-Editor`` header, which nginx always
overwrites (a browser cannot supply it).

It also keeps editors inside the content folder: every path in a request
must be below ``content/``. decap-server only refuses paths outside the
repository, and a file written to ``plugins/`` would be code the next build
runs.

Files the CMS saves are rewritten into our own format on the way, exactly
as ``invoke edit`` does (``ktan_cms.server.normalise_request``).

Writes are serialised (one lock): a commit holds that call's files and no
other editor's half-finished save.
"""

from __future__ import annotations

import http.client
import json
import os
import posixpath
import re
import subprocess
import threading

from ktan_cms.server import normalise_request

from .config import ServerConfig

WRITE_ACTIONS = {"persistEntry", "persistMedia", "deleteFile", "deleteFiles"}
LOGIN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")
CONTENT_ROOT = "content"
COMMITTER = ("KTAN Jember CMS", "cms@ktan-jember.invalid")


class Refused(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


def request_paths(action: str, params: dict) -> list[str]:
    """Every repository path an API call names (reads and writes)."""
    paths: list[str] = []
    for key in ("path", "folder", "mediaFolder"):
        if isinstance(params.get(key), str):
            paths.append(params[key])
    for item in params.get("files") or []:
        if isinstance(item, dict) and isinstance(item.get("path"), str):
            paths.append(item["path"])
    paths += [p for p in params.get("paths") or [] if isinstance(p, str)]
    paths += written_paths(action, params)
    return paths


def written_paths(action: str, params: dict) -> list[str]:
    """The files a write call creates, changes, moves or deletes."""
    if action == "persistEntry":
        files = params.get("dataFiles") or ([params["entry"]] if isinstance(params.get("entry"), dict) else [])
        found = []
        for item in [*files, *(params.get("assets") or [])]:
            if isinstance(item, dict):
                found += [item[k] for k in ("path", "newPath") if isinstance(item.get(k), str)]
        return found
    if action == "persistMedia":
        asset = params.get("asset") or {}
        return [asset["path"]] if isinstance(asset.get("path"), str) else []
    if action == "deleteFile":
        return [params["path"]] if isinstance(params.get("path"), str) else []
    if action == "deleteFiles":
        return [p for p in params.get("paths") or [] if isinstance(p, str)]
    return []


def inside_content(path: str) -> bool:
    normal = posixpath.normpath(path.replace("\\", "/"))
    return not posixpath.isabs(normal) and (normal == CONTENT_ROOT or normal.startswith(CONTENT_ROOT + "/"))


def commit_message(action: str, params: dict, login: str) -> str:
    message = ((params.get("options") or {}).get("commitMessage") or "").strip()
    return message or f"{action} oleh / by {login} (CMS)"


def _git(repo, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, timeout=120, env=env)


def commit_paths(config: ServerConfig, paths: list[str], login: str, message: str) -> str | None:
    """Commit exactly ``paths`` (added, changed or deleted) as ``login``; the new commit, or None if nothing changed."""
    repo = config.repo
    present = [p for p in dict.fromkeys(paths) if (repo / p).exists() or _git(repo, "ls-files", "--", p).stdout.strip()]
    if not present:
        return None
    added = _git(repo, "add", "-A", "--", *present)
    if added.returncode != 0:
        raise RuntimeError(added.stderr.strip())
    if _git(repo, "diff", "--cached", "--quiet").returncode == 0:
        return None
    env = {**os.environ, "GIT_COMMITTER_NAME": COMMITTER[0], "GIT_COMMITTER_EMAIL": COMMITTER[1]}
    done = _git(repo, "commit", "-q", "-m", message, f"--author={login} <{login}@{config.editor_email_domain}>", env=env)
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip() or done.stdout.strip())
    return _git(repo, "rev-parse", "HEAD").stdout.strip()


class Backend:
    def __init__(self, config: ServerConfig):
        self.config = config
        self.writing = threading.Lock()

    def forward(self, body: bytes) -> tuple[int, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.config.decap_port, timeout=120)
        try:
            connection.request("POST", "/api/v1", body=body, headers={"Content-Type": "application/json"})
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def handle(self, body: bytes, login: str | None) -> tuple[int, bytes]:
        """One CMS API call: (HTTP status, JSON body)."""
        try:
            return self._handle(body, login)
        except Refused as refused:
            return refused.status, json.dumps({"error": str(refused)}).encode()
        except OSError as exc:  # decap-server is down
            return 502, json.dumps({"error": f"CMS backend unavailable: {exc}"}).encode()

    def _handle(self, body: bytes, login: str | None) -> tuple[int, bytes]:
        if not login or not LOGIN.match(login):
            raise Refused(401, "Login penyunting tidak dikenal. / Unknown editor login.")
        try:
            request = json.loads(body)
            action, params = request["action"], request.get("params") or {}
        except (ValueError, KeyError, TypeError):
            raise Refused(400, "Permintaan tidak dapat dibaca. / Malformed request.")
        outside = [p for p in request_paths(action, params) if not inside_content(p)]
        if outside:
            raise Refused(403, f"Hanya berkas di folder {CONTENT_ROOT}/ yang bisa diubah dari CMS: {', '.join(outside)}. "
                               f"/ Only files below {CONTENT_ROOT}/ can be edited through the CMS.")
        if action not in WRITE_ACTIONS:
            return self.forward(body)
        with self.writing:
            status, answer = self.forward(normalise_request(body, self.config.repo / CONTENT_ROOT))
            if status != 200:
                return status, answer
            try:
                commit_paths(self.config, written_paths(action, params), login, commit_message(action, params, login))
            except (RuntimeError, OSError, subprocess.TimeoutExpired) as exc:
                return 500, json.dumps({"error": f"Tersimpan, tetapi commit git gagal / saved, but the git commit failed: {exc}"}).encode()
            return status, answer
