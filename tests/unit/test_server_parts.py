"""The edit service's parts without servers: CMS paths, commits as the editor, passwords, status page, mail."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ktan_server import backend, mail, passwords
from ktan_server.config import ServerConfig
from ktan_server.status import StatusLog, render_page
from tests.conftest import ROOT


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture
def config(tmp_path) -> ServerConfig:
    repo = tmp_path / "repo"
    (repo / "content" / "berita").mkdir(parents=True)
    (repo / "content" / "berita" / "lama.id.md").write_text("lama\n")
    (repo / "content" / "berita" / "tetap.id.md").write_text("tetap\n")
    git(tmp_path, "init", "-q", "-b", "main", str(repo))
    git(repo, "add", ".")
    git(repo, "-c", "user.name=admin", "-c", "user.email=a@example.invalid", "commit", "-qm", "awal")
    return ServerConfig(root=tmp_path)


def test_the_server_settings_come_from_the_environment_with_defaults():
    assert ServerConfig.from_env({}) == ServerConfig(root=Path("/srv/ktan-jember"), keep=10, preview_port=8092)
    config = ServerConfig.from_env({"KTAN_SERVER_ROOT": "/srv/x", "KTAN_RELEASES_KEEP": "3", "KTAN_DECAP_PORT": "9081",
                                    "KTAN_SITEURL": "https://ktan.example", "UNRELATED": "1"})
    assert (config.root, config.keep, config.decap_port, config.site_url) == (Path("/srv/x"), 3, 9081, "https://ktan.example")
    assert (config.releases, config.settings) == (Path("/srv/x/releases"), "publishconf.py")


@pytest.mark.parametrize("path,inside", [
    ("content/berita/x.id.md", True), ("content", True), ("content/images/a.png", True),
    ("content/../plugins/x.py", False), ("contentx/a.md", False), ("/content/a.md", False),
    ("plugins/ktan_build/x.py", False), ("content\\..\\publishconf.py", False), ("../content/a.md", False),
])
def test_only_paths_below_content_are_allowed(path, inside):
    assert backend.inside_content(path) is inside


def test_every_path_of_a_write_call_is_found():
    params = {"dataFiles": [{"path": "content/a.id.md", "newPath": "content/b.id.md"}, {"path": "content/a.en.md"}],
              "assets": [{"path": "content/images/x.png"}]}
    assert backend.written_paths("persistEntry", params) == [
        "content/a.id.md", "content/b.id.md", "content/a.en.md", "content/images/x.png"]
    assert backend.written_paths("persistEntry", {"entry": {"path": "content/a.md"}, "assets": []}) == ["content/a.md"]
    assert backend.written_paths("deleteFiles", {"paths": ["content/a.md", "content/b.md"]}) == ["content/a.md", "content/b.md"]
    assert backend.request_paths("entriesByFiles", {"files": [{"path": "x"}], "folder": "y"}) == ["y", "x"]
    assert backend.request_paths("getMedia", {"mediaFolder": "content/images"}) == ["content/images"]


def test_a_save_commits_exactly_its_files_with_the_editor_as_author(config):
    repo = config.repo
    (repo / "content" / "berita" / "baru.id.md").write_text("baru\n")
    (repo / "content" / "berita" / "lama.id.md").unlink()
    (repo / "content" / "berita" / "tetap.id.md").write_text("diubah, tapi bukan oleh panggilan ini\n")
    commit = backend.commit_paths(config, ["content/berita/baru.id.md", "content/berita/lama.id.md"], "siti", "Simpan")
    assert commit == git(repo, "rev-parse", "HEAD")
    assert git(repo, "log", "-1", "--format=%an <%ae>|%cn|%s") == "siti <siti@penyunting.ktan-jember.invalid>|KTAN Jember CMS|Simpan"
    assert git(repo, "show", "--name-status", "--format=", "HEAD").splitlines() == [
        "A\tcontent/berita/baru.id.md", "D\tcontent/berita/lama.id.md"]
    assert git(repo, "status", "--porcelain") == "M content/berita/tetap.id.md"
    assert backend.commit_paths(config, ["content/berita/baru.id.md"], "siti", "Sama lagi") is None  # nothing changed
    assert backend.commit_paths(config, ["content/berita/tidak-ada.id.md"], "siti", "x") is None


@pytest.mark.parametrize("login,body,status", [
    (None, {"action": "info"}, 401),
    ("siti;rm -rf", {"action": "info"}, 401),
    ("siti", b"not json", 400),
    ("siti", {"params": {}}, 400),
    ("siti", {"action": "persistMedia", "params": {"asset": {"path": "plugins/x.py"}}}, 403),
    ("siti", {"action": "getEntry", "params": {"path": ".git/config"}}, 403),
])
def test_the_backend_refuses_before_decap_server_sees_anything(config, login, body, status):
    server = backend.Backend(ServerConfig(root=config.root, decap_port=1))  # nothing listens on port 1
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    answer_status, answer = server.handle(raw, login)
    assert answer_status == status
    assert "error" in json.loads(answer)


def test_passwords_are_set_rotated_and_removed(tmp_path):
    path = tmp_path / "editors.htpasswd"
    passwords.set_password(path, "siti", "pertama")
    passwords.set_password(path, "budi", "kedua")
    first = path.read_text().splitlines()[0]
    passwords.set_password(path, "siti", "baru")  # rotation: one line per login
    assert passwords.logins(path) == ["budi", "siti"]
    line = next(l for l in path.read_text().splitlines() if l.startswith("siti:"))
    assert line != first and line.split(":", 1)[1].startswith("$apr1$")
    salt = line.split("$")[2]
    again = subprocess.run(["openssl", "passwd", "-apr1", "-salt", salt, "baru"], capture_output=True, text=True).stdout.strip()
    assert line == f"siti:{again}"
    assert oct(path.stat().st_mode & 0o777) == "0o640"
    assert passwords.remove_login(path, "siti") and passwords.logins(path) == ["budi"]
    with pytest.raises(passwords.PasswordError):
        passwords.set_password(path, "a:b", "x")


def test_the_editor_command_reads_the_password_from_stdin(tmp_path):
    path = tmp_path / "editors.htpasswd"
    result = subprocess.run([sys.executable, "-m", "ktan_server", "editor", "set", "dewi", "--file", str(path)],
                            input="rahasia\n", capture_output=True, text=True, env={"PYTHONPATH": str(ROOT / "plugins"), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    assert passwords.logins(path) == ["dewi"]


def test_the_status_page_escapes_what_editors_wrote(tmp_path):
    log = StatusLog(tmp_path)
    log.add({"kind": "build", "trigger": "publish", "ok": False, "commit": "a" * 40, "author": "<b>siti</b>",
             "message": "<script>alert(1)</script>", "report": "berita/x.id.md, baris 2: <img src=x>", "finished": "2026-12-01T05:00:00Z"})
    page = render_page(log.entries(), None, None)
    assert "<script>alert" not in page and "&lt;script&gt;" in page and "&lt;img src=x&gt;" in page
    assert "01-12-2026 12.00.00 WIB" in page and "GAGAL" in page
    assert log.last_built_commit() == "a" * 40


def test_a_failure_is_mailed_through_sendmail_and_skipped_without_one(tmp_path):
    record = tmp_path / "mail.txt"
    fake = tmp_path / "sendmail"
    fake.write_text(f'#!/bin/sh\necho "$*" > "{record}"\ncat >> "{record}"\n')
    fake.chmod(0o755)
    entry = {"commit": "abcdef1234567", "author": "budi", "trigger": "nightly", "report": "Ditemukan 1 masalah",
             "finished": "2026-12-01T17:05:00Z"}
    config = ServerConfig(root=tmp_path, operator_email="ops@example.invalid", sendmail=str(fake), status_url="https://e/status/")
    assert mail.notify_failure(config, entry)
    text = record.read_text()
    assert text.startswith("-t -oi\n") and "To: ops@example.invalid" in text and "abcdef1234" in text
    assert "Ditemukan 1 masalah" in text and "https://e/status/" in text and "02-12-2026 00.05.00 WIB" in text
    assert not mail.notify_failure(ServerConfig(root=tmp_path, operator_email=""), entry)
    assert not mail.notify_failure(ServerConfig(root=tmp_path, operator_email="x@y", sendmail=str(tmp_path / "none")), entry)


def test_the_build_tree_is_exactly_the_commit_and_recovers_from_a_restored_repository(config):
    from ktan_server.runner import prepare_tree

    repo, tree = config.repo, config.build_tree
    first = git(repo, "rev-parse", "HEAD")
    prepare_tree(config, first)
    assert (tree / "content" / "berita" / "lama.id.md").read_text() == "lama\n"
    (repo / "content" / "berita" / "lama.id.md").write_text("baru\n")
    (repo / "content" / "berita" / "belum-commit.id.md").write_text("x\n")  # written by the CMS, not committed yet
    git(repo, "-c", "user.name=siti", "-c", "user.email=s@example.invalid", "commit", "-qam", "ubah")
    (tree / "sisa.txt").write_text("left by a previous build")
    (tree / ".cache").mkdir()
    (tree / ".cache" / "kept").write_text("cache")
    prepare_tree(config, git(repo, "rev-parse", "HEAD"))
    assert (tree / "content" / "berita" / "lama.id.md").read_text() == "baru\n"
    assert not (tree / "content" / "berita" / "belum-commit.id.md").exists() and not (tree / "sisa.txt").exists()
    assert (tree / ".cache" / "kept").exists()
    import shutil

    shutil.rmtree(repo / ".git" / "worktrees")  # as after restoring the repository from a bundle
    prepare_tree(config, first)
    assert (tree / "content" / "berita" / "lama.id.md").read_text() == "lama\n"
