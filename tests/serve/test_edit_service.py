"""The edit service on a district server, end to end, on 127.0.0.1.

A real git repository (a copy of this project) in a temp folder; decap-server
in file-system mode; the edit service (`python -m ktan_server serve`), the
publisher (`watch`) and the live preview as processes; real nginx with the
shipped `ktan-jember.conf` (public site) and `ktan-jember-edit.conf` (editors,
basic auth); a fake `sendmail` that records what it is given.
"""

from __future__ import annotations

import base64
import hashlib
import http.client
import json
import os
import re
import shutil
import ssl
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from ktan_build import releases
from ktan_server.config import ServerConfig
from ktan_server.passwords import set_password
from ktan_server.runner import build_head
from ktan_server.status import StatusLog
from tests.conftest import ROOT, require_tool
from tests.quality.checks import VNU_JAR, vnu_problems
from tests.serve.conftest import (
    SITE_URL, build_published, free_port, install_snippets, nginx_available, nginx_main_config, running_nginx, self_signed_certificate,
    site_server_config, substitute, wait_for_port,
)

pytestmark = pytest.mark.serve

EDITORS = {"siti": "kata-sandi-siti", "budi": "kata-sandi-budi"}
PUBLISH_DEADLINE = 60.0  # the issue: "a published change is live within a minute"
PROJECT_PARTS = ("content", "plugins", "theme", "pelicanconf.py", "publishconf.py", ".gitignore")
NEWS = """---
title: {title}
date: 2026-11-30 09:00
summary: Ringkasan berita uji dari CMS.
status: {status}
tags: [uji]
---
{body}
"""


def decap_server_js() -> Path:
    """decap-server as pinned by the CMS plugin (plugins/ktan_cms/package-lock.json)."""
    from ktan_cms.npm import DECAP_SERVER, ensure_installed

    require_tool("npm")
    ensure_installed(log=lambda *args: None)
    return DECAP_SERVER


def copy_project(repo: Path) -> None:
    ignore = shutil.ignore_patterns("node_modules", "__pycache__", "*.pyc", "*.mo", ".cache")
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, repo / part, ignore=ignore)
        else:
            shutil.copy2(source, repo / part)


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout.strip()


def edit_server_config(folder: Path, http_port: int, https_port: int, cert: Path, key: Path, passwords: Path,
                       admin: Path, app_port: int, preview_port: int) -> Path:
    text = substitute((ROOT / "deploy" / "nginx" / "ktan-jember-edit.conf").read_text(), {
        "listen 80;": f"listen 127.0.0.1:{http_port};",
        "listen [::]:80;": "",
        "listen 443 ssl http2;": f"listen 127.0.0.1:{https_port} ssl http2;",
        "listen [::]:443 ssl http2;": "",
        "/etc/letsencrypt/live/edit.ktan.example.go.id/fullchain.pem": str(cert),
        "/etc/letsencrypt/live/edit.ktan.example.go.id/privkey.pem": str(key),
        "/var/www/letsencrypt": str(folder / "acme"),
        "/etc/ktan-jember/editors.htpasswd": str(passwords),
        "/srv/ktan-jember/admin/": f"{admin}/",
        "127.0.0.1:8091": f"127.0.0.1:{app_port}",
        "127.0.0.1:8092": f"127.0.0.1:{preview_port}",
        "/etc/nginx/snippets/": f"{folder / 'snippets'}/",
    }, "ktan-jember-edit.conf")
    path = folder / "ktan-jember-edit.conf"
    path.write_text(text)
    return path


@dataclass
class District:
    root: Path
    config: ServerConfig
    env: dict
    site_port: int
    edit_port: int
    mail_log: Path
    watcher: subprocess.Popen

    @property
    def repo(self) -> Path:
        return self.config.repo


@pytest.fixture(scope="module")
def district(tmp_path_factory):
    brotli = nginx_available()
    node = require_tool("node")
    require_tool("git")
    decap_js = decap_server_js()
    root = tmp_path_factory.mktemp("district")
    repo = root / "repo"
    copy_project(repo)
    git(root, "init", "-q", "-b", "main", str(repo))
    git(repo, "add", ".")
    git(repo, "-c", "user.name=admin", "-c", "user.email=admin@example.invalid", "commit", "-qm", "Situs awal / initial site")

    bin_dir, mail_log = root / "bin", root / "mail.log"
    bin_dir.mkdir()
    sendmail = bin_dir / "sendmail"
    sendmail.write_text(f'#!/bin/sh\n{{ echo "ARGS: $*"; cat; echo "----END----"; }} >> "{mail_log}"\n')
    sendmail.chmod(0o755)
    decap_port, app_port, preview_port = free_port(), free_port(), free_port()
    env = {
        **os.environ, "KTAN_SERVER_ROOT": str(root), "KTAN_SITEURL": SITE_URL, "KTAN_OPERATOR_EMAIL": "operator@example.invalid",
        "KTAN_STATUS_URL": "https://edit.ktan.test/status/", "KTAN_DECAP_PORT": str(decap_port), "KTAN_PREVIEW_PORT": str(preview_port),
        "PATH": f"{bin_dir}:{os.environ['PATH']}", "PYTHONPATH": str(repo / "plugins"),
    }
    config = ServerConfig.from_env(env)
    first = build_head(config, "manual")
    assert first["ok"], first["report"]

    passwords = root / "editors.htpasswd"
    for login, password in EDITORS.items():
        set_password(passwords, login, password)
    admin = root / "admin"
    from ktan_server.admin import write_server_admin

    write_server_admin(config, admin)

    processes, logs = [], []

    def start(command, cwd, extra_env=None):
        logs.append(open(root / f"{len(processes)}.log", "w"))
        process = subprocess.Popen(command, cwd=cwd, env={**env, **(extra_env or {})}, stdout=subprocess.DEVNULL, stderr=logs[-1])
        processes.append(process)
        return process

    folder = root / "nginx"
    folder.mkdir()
    site_http, site_https, edit_http, edit_https = free_port(), free_port(), free_port(), free_port()
    try:
        decap = start([node, str(decap_js)], repo, {"MODE": "fs", "BIND_HOST": "127.0.0.1", "PORT": str(decap_port),
                                                    "GIT_REPO_DIRECTORY": str(repo), "LOG_LEVEL": "error"})
        app = start([sys.executable, "-m", "ktan_server", "serve", "--port", str(app_port)], repo)
        watcher = start([sys.executable, "-m", "ktan_server", "watch", "--interval", "0.5"], repo)
        preview = start([sys.executable, "-m", "ktan_preview", "--port", str(preview_port), "--output", str(root / "preview")], repo)
        for port, process in ((decap_port, decap), (app_port, app), (preview_port, preview)):
            wait_for_port(port, process, root / f"{processes.index(process)}.log")
        cert, key = self_signed_certificate(folder)
        install_snippets(folder, brotli)
        config_file = nginx_main_config(folder, [
            site_server_config(folder, config.live, site_http, site_https, cert, key),
            edit_server_config(folder, edit_http, edit_https, cert, key, passwords, admin, app_port, preview_port),
        ], brotli)
        with running_nginx(folder, config_file, [site_https, edit_https]):
            yield District(root, config, env, site_https, edit_https, mail_log, watcher)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for log in logs:
            log.close()


def request(port: int, method: str, path: str, body: bytes | None = None, auth: tuple[str, str] | None = None,
            headers: dict | None = None) -> tuple[int, dict, bytes]:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # the test's self-signed certificate
    connection = http.client.HTTPSConnection("127.0.0.1", port, context=context, timeout=30)
    sent = {"Host": "ktan.test", **(headers or {})}
    if auth:
        sent["Authorization"] = "Basic " + base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode()
    try:
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        return response.status, dict(response.headers), response.read()
    finally:
        connection.close()


def api(district: District, action: str, params: dict, login: str = "siti") -> tuple[int, dict]:
    body = json.dumps({"action": action, "params": {"branch": "main", **params}}).encode()
    status, _, answer = request(district.edit_port, "POST", "/api/v1", body, (login, EDITORS[login]),
                                {"Content-Type": "application/json"})
    return status, json.loads(answer or b"null")


def persist(district: District, path: str, raw: str, message: str, login: str = "siti") -> tuple[int, dict]:
    return api(district, "persistEntry", {
        "dataFiles": [{"slug": Path(path).name.split(".")[0], "path": path, "raw": raw}], "assets": [],
        "options": {"collectionName": "berita", "commitMessage": message, "useWorkflow": False, "status": "draft"},
    }, login)


def delete(district: District, path: str, message: str, login: str = "siti") -> tuple[int, dict]:
    return api(district, "deleteFile", {"path": path, "options": {"commitMessage": message}}, login)


def wait_for_build_of(district: District, commit: str, timeout: float = PUBLISH_DEADLINE) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        entry = next((e for e in StatusLog(district.config.state).entries() if e.get("commit") == commit), None)
        if entry:
            return entry
        assert district.watcher.poll() is None, "the publisher (watch) stopped"
        time.sleep(0.2)
    pytest.fail(f"no build of {commit} within {timeout} s")


def status_page(district: District) -> str:
    status, _, body = request(district.edit_port, "GET", "/status/", auth=("budi", EDITORS["budi"]))
    assert status == 200
    return body.decode("utf-8")


def tree_hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


EDITOR_URLS = [("GET", "/admin/"), ("GET", "/admin"), ("GET", "/admin/config.yml"), ("POST", "/api/v1"), ("GET", "/api/ktan/status"),
               ("GET", "/status/"), ("GET", "/status"), ("GET", "/status/builds.json"), ("POST", "/status/rollback"),
               ("GET", "/"), ("GET", "/berita/"), ("GET", "/en/"), ("GET", "/__preview/reload.js")]


@pytest.mark.parametrize("method,path", EDITOR_URLS)
def test_every_editor_url_answers_401_without_valid_credentials(district, method, path):
    body = b'{"action": "info"}' if method == "POST" else None
    for auth in (None, ("siti", "salah"), ("tamu", "kata-sandi-siti")):
        status, headers, _ = request(district.edit_port, method, path, body, auth, {"X-Ktan-Editor": "siti"})
        assert status == 401, (auth, status)
        assert headers.get("WWW-Authenticate", "").startswith("Basic")


def test_with_a_login_the_cms_admin_status_and_preview_are_served(district):
    auth = ("siti", EDITORS["siti"])
    status, _, body = request(district.edit_port, "GET", "/admin/", auth=auth)
    assert status == 200 and b"decap-cms.js" in body
    status, headers, _ = request(district.edit_port, "GET", "/admin", auth=auth)
    assert status in (301, 303) and headers["Location"] == "/admin/"
    status, _, body = request(district.edit_port, "GET", "/", auth=auth)
    assert status == 200 and b"/__preview/reload.js" in body  # the live preview, not the public site
    status, _, body = request(district.edit_port, "POST", "/api/v1", b'{"action": "info"}', auth, {"Content-Type": "application/json"})
    assert status == 200 and json.loads(body)["type"] == "local_fs"
    status, _, body = request(district.edit_port, "GET", "/api/ktan/status", auth=auth)
    state = json.loads(body)
    assert status == 200 and state["ok"] is True and state["preview_ok"] is True and state["last_build"]["ok"] is True
    assert "Status situs" in status_page(district)


def test_the_cms_can_only_touch_the_content_folder(district):
    before = git(district.repo, "rev-parse", "HEAD")
    for path in ("plugins/ktan_build/evil.py", "content/../plugins/x.py", "/etc/passwd", "publishconf.py"):
        status, answer = persist(district, path, "print('x')\n", "jahat")
        assert status == 403, (path, status, answer)
    status, _ = api(district, "getEntry", {"path": "publishconf.py"})
    assert status == 403
    assert not (district.repo / "plugins" / "ktan_build" / "evil.py").exists()
    assert git(district.repo, "rev-parse", "HEAD") == before


def test_a_publish_in_the_cms_is_a_commit_by_the_editor_and_live_within_a_minute(district):
    path = "content/berita/kabar-dari-cms.id.md"
    raw = NEWS.format(title="Kabar dari CMS", status="published", body="Isi yang diterbitkan lewat CMS.")
    started = time.monotonic()
    status, answer = persist(district, path, raw, "Buat Berita 'kabar-dari-cms'")
    assert status == 200, answer
    assert git(district.repo, "log", "-1", "--format=%an|%ae|%s|%cn") == (
        "siti|siti@penyunting.ktan-jember.invalid|Buat Berita 'kabar-dari-cms'|KTAN Jember CMS")
    assert git(district.repo, "show", "--name-only", "--format=", "HEAD") == path
    assert git(district.repo, "status", "--porcelain") == ""
    deadline = started + PUBLISH_DEADLINE
    while time.monotonic() < deadline:
        status, _, body = request(district.site_port, "GET", "/berita/kabar-dari-cms/")
        if status == 200:
            break
        time.sleep(0.25)
    seconds = time.monotonic() - started
    assert status == 200, f"not live after {PUBLISH_DEADLINE} s"
    assert "Isi yang diterbitkan lewat CMS." in body.decode("utf-8")
    print(f"\ncommit-to-live: {seconds:.1f} s")
    commit = git(district.repo, "rev-parse", "HEAD")
    entry = wait_for_build_of(district, commit)
    assert entry["ok"] and entry["author"] == "siti" and entry["trigger"] == "publish"
    (release,) = [r for r in releases.list_releases(district.config.releases) if r.name == entry["release"]]
    assert (release.commit, release.author) == (commit, "siti")
    page = status_page(district)
    assert commit[:10] in page and "siti" in page and "Buat Berita" in page


def test_a_draft_with_a_mistake_is_a_warning_on_the_status_page_not_a_failure(district):
    path = "content/berita/draf-belum-rapi.id.md"
    status, _ = persist(district, path, NEWS.format(title="Draf belum rapi", status="draft", body="Draf.").replace("2026-11-30 09:00", "30/11/2026"), "Draf baru")
    assert status == 200
    entry = wait_for_build_of(district, git(district.repo, "rev-parse", "HEAD"))
    assert entry["ok"] and "draf-belum-rapi.id.md" in entry["warnings"]
    status, _, _ = request(district.site_port, "GET", "/berita/draf-belum-rapi/")
    assert status == 404
    assert "Peringatan (draft)" in status_page(district)
    assert delete(district, path, "Hapus draf")[0] == 200
    assert wait_for_build_of(district, git(district.repo, "rev-parse", "HEAD"))["ok"]


def test_a_broken_published_entry_keeps_the_live_release_and_tells_editors_and_the_operator(district, tmp_path):
    wait_for_build_of(district, git(district.repo, "rev-parse", "HEAD"))  # nothing else is being published
    live_before = releases.live_release(district.config.live)
    site_before = tree_hashes(district.config.live)
    mails_before = district.mail_log.read_text().count("----END----") if district.mail_log.exists() else 0
    path = "content/berita/judul-rusak.id.md"
    status, _ = persist(district, path, NEWS.format(title="Tanggal rusak", status="published", body="Isi.").replace("2026-11-30 09:00", "30/11/2026"),
                        "Berita dengan judul rusak", login="budi")
    assert status == 200
    commit = git(district.repo, "rev-parse", "HEAD")
    entry = wait_for_build_of(district, commit)
    assert not entry["ok"] and entry["author"] == "budi"
    saved = (district.repo / path).read_text(encoding="utf-8").splitlines()  # as the CMS normalised it
    line = next(n for n, text in enumerate(saved, 1) if text.startswith("date:"))
    assert f"berita/judul-rusak.id.md, baris {line}, kolom 'date'" in entry["report"]
    assert releases.live_release(district.config.live) == live_before
    assert tree_hashes(district.config.live) == site_before
    page = status_page(district)
    assert "GAGAL" in page and f"judul-rusak.id.md, baris {line}, kolom &#x27;date&#x27;" in page and "tahun-bulan-tanggal" in page
    assert "tidak diubah" in page
    (tmp_path / "status").mkdir()
    (tmp_path / "status" / "index.html").write_text(page, encoding="utf-8")
    (tmp_path / "status" / "status.css").write_bytes(request(district.edit_port, "GET", "/status/status.css", auth=("budi", EDITORS["budi"]))[2])
    if not VNU_JAR.is_file():
        require_tool(str(VNU_JAR))
    assert vnu_problems(tmp_path / "status", require_tool("java")) == []

    mails = district.mail_log.read_text()
    assert mails.count("----END----") == mails_before + 1
    last = mails.split("----END----")[-2]
    assert "ARGS: -t -oi" in last and "To: operator@example.invalid" in last
    assert commit[:10] in last and "judul-rusak.id.md" in last

    nightly = subprocess.run([sys.executable, "-m", "ktan_server", "build", "--trigger", "nightly"], cwd=district.repo,
                             env=district.env, capture_output=True, text=True, timeout=300)
    assert nightly.returncode == 1 and "judul-rusak.id.md" in nightly.stderr
    newest = StatusLog(district.config.state).entries()[0]
    assert (newest["trigger"], newest["ok"], newest["commit"]) == ("nightly", False, commit)
    assert district.mail_log.read_text().count("----END----") == mails_before + 2
    assert releases.live_release(district.config.live) == live_before
    assert "build malam" in status_page(district)

    assert delete(district, path, "Hapus berita rusak", login="budi")[0] == 200
    assert wait_for_build_of(district, git(district.repo, "rev-parse", "HEAD"))["ok"]


def test_the_status_pages_rollback_button_restores_the_previous_release_byte_for_byte(district):
    found = releases.list_releases(district.config.releases)
    current = releases.live_release(district.config.live)
    names = [r.name for r in found]
    previous = found[names.index(current) - 1]
    expected = tree_hashes(previous.path)
    page = status_page(district)
    assert f'name="to" value="{previous.name}"' in page
    form = f"to={previous.name}".encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Origin": "https://evil.example"}
    status, _, _ = request(district.edit_port, "POST", "/status/rollback", form, ("siti", EDITORS["siti"]), headers)
    assert status == 403 and releases.live_release(district.config.live) == current
    headers["Origin"] = "https://ktan.test"
    status, response_headers, _ = request(district.edit_port, "POST", "/status/rollback", form, ("siti", EDITORS["siti"]), headers)
    assert status == 303 and response_headers["Location"].startswith("/status/#build-")
    assert releases.live_release(district.config.live) == previous.name
    assert tree_hashes(district.config.live) == expected
    status, _, body = request(district.site_port, "GET", "/index.html")
    assert status == 200 and body == (previous.path / "index.html").read_bytes()
    newest = StatusLog(district.config.state).entries()[0]
    assert (newest["kind"], newest["by"], newest["release"]) == ("rollback", "siti", previous.name)
    time.sleep(1.5)  # the publisher does not rebuild HEAD behind the editor's back
    assert releases.live_release(district.config.live) == previous.name
    back = subprocess.run([sys.executable, "-m", "ktan_server", "rollback", "--to", current], cwd=district.repo,
                          env=district.env, capture_output=True, text=True, timeout=60)
    assert back.returncode == 0, back.stderr
    assert releases.live_release(district.config.live) == current


def test_requests_during_ten_back_to_back_releases_never_fail_or_lose_their_css(district, tmp_path):
    """Each release has a different stylesheet; a page fetched just before a switch still finds its CSS."""
    theme = tmp_path / "theme"
    shutil.copytree(district.repo / "theme", theme, ignore=shutil.ignore_patterns("*.mo"))
    css = sorted((theme / "static" / "css").glob("[0-9]*.css"))[0]
    original = css.read_text(encoding="utf-8")
    failures, counted, stop = [], {"pages": 0}, threading.Event()
    pages = ["/", "/en/", "/berita/", "/bantuan/"]

    def loop():
        n = 0
        while not stop.is_set():
            path = pages[n % len(pages)]
            n += 1
            status, _, body = request(district.site_port, "GET", path)
            if status != 200:
                failures.append((path, status))
                continue
            sheet = re.search(rb'<link rel="stylesheet" href="([^"]+\.css)"', body)
            if not sheet:
                failures.append((path, "no stylesheet link"))
                continue
            href = sheet.group(1).decode().replace(SITE_URL, "")
            status, headers, _ = request(district.site_port, "GET", href)
            if status != 200 or not headers.get("Content-Type", "").startswith("text/css"):
                failures.append((href, status))
            counted["pages"] += 1

    worker = threading.Thread(target=loop)
    worker.start()
    made = []
    try:
        for n in range(10):
            css.write_text(original + f"\n.kt-release-{n} {{ order: {n}; }}\n", encoding="utf-8")
            build_published(district.config.live, THEME=str(theme), PATH=str(district.repo / "content"))
            made.append(releases.live_release(district.config.live))
    finally:
        stop.set()
        worker.join()
    assert len(set(made)) == 10
    metas = {r.name: r.meta for r in releases.list_releases(district.config.releases)}
    sheets = {next(a for a in metas[name]["assets"] if re.match(r"theme/site\.\w+\.css$", a)) for name in made[-5:]}
    assert len(sheets) == 5, "each release had its own stylesheet"
    assert failures == []
    assert counted["pages"] >= 20, counted
    print(f"\npages (each with its stylesheet) fetched during ten releases: {counted['pages']}")
