"""Releases through the real pipeline: git metadata, `invoke releases`/`invoke rollback`, the preview keeps two."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ktan_build import build, releases
from ktan_preview.rebuild import PREVIEW_KEEP, Rebuilder
from tests.conftest import ROOT
from tests.site.test_editor_mistakes import BASE, tree_hashes

NEWS = Path("berita") / "kabar-baik.id.md"


def git(repo: Path, *args: str, author: str = "siti") -> str:
    command = ["git", "-C", str(repo), "-c", f"user.name={author}", "-c", f"user.email={author}@example.invalid", *args]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip()


def commit_edit(repo: Path, text: str, author: str, message: str) -> str:
    original = (BASE / NEWS).read_text(encoding="utf-8")
    (repo / "content" / NEWS).write_text(original.replace("Isi berita uji.", text), encoding="utf-8")
    git(repo, "commit", "-qam", message, author=author)
    return git(repo, "rev-parse", "HEAD")


def invoke(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "invoke", *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


@pytest.fixture
def repo(tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(BASE, repo / "content")
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "Awal / first content", author="admin")
    return repo


def test_each_build_is_a_release_with_its_commit_and_the_rollback_is_byte_for_byte(repo, tmp_path):
    live = tmp_path / "current"
    store = tmp_path / "releases"
    first_commit = git(repo, "rev-parse", "HEAD")
    first = build(str(ROOT / "pelicanconf.py"), live, overrides={"PATH": str(repo / "content")}, releases=store)
    first_site = tree_hashes(live)
    second_commit = commit_edit(repo, "Isi yang diperbarui.", "budi", "Perbarui kabar baik")
    second = build(str(ROOT / "pelicanconf.py"), live, overrides={"PATH": str(repo / "content")}, releases=store)

    assert first.output == live and first.release.path.parent == store
    assert os.readlink(live) == os.path.relpath(second.release.path, tmp_path)
    assert (second.release.commit, second.release.author, second.release.message) == (second_commit, "budi", "Perbarui kabar baik")
    assert second.release.name.endswith(second_commit[:10])
    assert "Isi yang diperbarui." in (live / "berita" / "kabar-baik" / "index.html").read_text(encoding="utf-8")

    listing = invoke("releases", "--live", str(live))
    assert listing.returncode == 0, listing.stderr
    lines = listing.stdout.splitlines()
    assert lines[0].startswith(f"  {first.release.name}") and first_commit[:10] in lines[0] and "admin" in lines[0]
    assert lines[1].startswith(f"* {second.release.name}") and "budi" in lines[1] and "Perbarui kabar baik" in lines[1]

    back = invoke("rollback", "--live", str(live))
    assert back.returncode == 0, back.stderr
    assert first.release.name in back.stdout
    assert tree_hashes(live) == first_site
    again = invoke("rollback", "--live", str(live))
    assert again.returncode != 0 and "Tidak ada rilis yang lebih lama" in again.stderr
    assert tree_hashes(live) == first_site


def test_only_keep_releases_stay_and_nothing_is_left_behind(repo, tmp_path):
    live = tmp_path / "output"
    made = []
    for n in range(4):
        commit_edit(repo, f"Isi versi {n}.", "siti", f"versi {n}")
        made.append(build(str(ROOT / "pelicanconf.py"), live, overrides={"PATH": str(repo / "content")}, keep=2).release.name)
    kept = releases.list_releases(releases.releases_dir_for(live))
    assert [r.name for r in kept] == made[-2:]
    assert releases.leftovers(live) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == [".output.releases", "output", "repo"]


def test_the_live_preview_keeps_two_releases_and_leaves_no_copies(repo, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    live = tmp_path / "preview-output"
    rebuilder = Rebuilder("pelicanconf.py", str(live), str(repo / "content"))
    news = repo / "content" / NEWS
    for n in range(PREVIEW_KEEP + 2):
        commit_edit(repo, f"Isi pratinjau {n}.", "siti", f"pratinjau {n}")
        # A new file takes a full build, so a new release; an edit of what pages show would not (ktan_preview.replay).
        (repo / "content" / "images" / f"baru-{n}.svg").write_text(
            '<svg xmlns="http://www.w3.org/2000/svg" width="2" height="2"/>\n', encoding="utf-8")
        outcome = rebuilder.run()
        assert outcome.ok, outcome.report
    for worker in [t for t in __import__("threading").enumerate() if t.name == "ktan-release-prune"]:
        worker.join()
    assert len(releases.list_releases(releases.releases_dir_for(live))) == PREVIEW_KEEP
    assert releases.leftovers(live) == []
    assert f"Isi pratinjau {PREVIEW_KEEP + 1}." in (live / "berita" / "kabar-baik" / "index.html").read_text(encoding="utf-8")
    # A text-only edit is written into the live release (ktan_preview.render_cache.quick_update): no new copy.
    news.write_text(news.read_text(encoding="utf-8").replace(f"Isi pratinjau {PREVIEW_KEEP + 1}.", "Hanya teks."), encoding="utf-8")
    assert rebuilder.run().ok
    assert len(releases.list_releases(releases.releases_dir_for(live))) == PREVIEW_KEEP
    assert releases.leftovers(live) == []
    assert "Hanya teks." in (live / "berita" / "kabar-baik" / "index.html").read_text(encoding="utf-8")
