"""Releases: atomic symlink switch, keep N, rollback, no leftovers (plugins/ktan_build/releases.py)."""

from __future__ import annotations

import os
import subprocess

import pytest

from ktan_build import releases


def make_release(live, text, meta=None):
    """A finished 'build' (one page) made into a release through the real add_release."""
    folder = releases.staging_dir(releases.releases_dir_for(live))
    folder.mkdir()
    (folder / "index.html").write_text(text, encoding="utf-8")
    return releases.add_release(live, folder, meta or {"commit": f"c{text}", "author": "editor"})


def test_the_live_path_is_a_relative_symlink_to_the_newest_release(tmp_path):
    live = tmp_path / "output"
    first = make_release(live, "1")
    second = make_release(live, "2")
    assert live.is_symlink() and not os.path.isabs(os.readlink(live))
    assert os.readlink(live) == os.path.join(".output.releases", second.name)
    assert (live / "index.html").read_text() == "2"
    assert [r.name for r in releases.list_releases(releases.releases_dir_for(live))] == [first.name, second.name]
    assert releases.leftovers(live) == []


def test_metadata_lives_beside_the_release_not_inside_it(tmp_path):
    live = tmp_path / "output"
    release = make_release(live, "1", {"commit": "abc123", "author": "siti", "message": "Berita baru"})
    assert sorted(p.name for p in release.path.iterdir()) == ["index.html"]
    (listed,) = releases.list_releases(release.path.parent)
    assert (listed.commit, listed.author, listed.message) == ("abc123", "siti", "Berita baru")
    assert listed.name.endswith("-abc123") and listed.time.endswith("Z")


def test_rollback_goes_back_one_release_at_a_time_and_forward_by_name(tmp_path):
    live = tmp_path / "output"
    names = [make_release(live, str(n)).name for n in range(3)]
    assert releases.rollback(live).name == names[1]
    assert (live / "index.html").read_text() == "1"
    assert releases.rollback(live).name == names[0]
    with pytest.raises(releases.ReleaseError, match="Tidak ada rilis yang lebih lama"):
        releases.rollback(live)
    assert releases.rollback(live, to=names[2]).name == names[2]
    with pytest.raises(releases.ReleaseError, match="tidak ada|There is no release"):
        releases.rollback(live, to="20000101-000000-nothing")
    assert (live / "index.html").read_text() == "2"


def test_prune_keeps_the_newest_and_the_live_release_and_deletes_the_rest(tmp_path):
    live = tmp_path / "output"
    folder = releases.releases_dir_for(live)
    names = [make_release(live, str(n)).name for n in range(5)]
    releases.rollback(live, to=names[0])  # the live one is the oldest
    (folder / ".building-crashed").mkdir()  # a build killed half-way
    (folder / ".trash-old-xyz").mkdir()
    releases.prune(live, folder, keep=2)
    assert [r.name for r in releases.list_releases(folder)] == [names[0], names[3], names[4]]
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [".lock", *names[:1], *names[3:], *(f"{n}.json" for n in (names[0], *names[3:]))]
    )
    assert (live / "index.html").read_text() == "0"


def test_background_prune_finishes_even_when_the_caller_moves_on(tmp_path):
    live = tmp_path / "output"
    folder = releases.releases_dir_for(live)
    for n in range(4):
        make_release(live, str(n))
    worker = releases.prune(live, folder, keep=1, background=True)
    assert worker is not None and not worker.daemon  # the interpreter waits for it at exit
    worker.join()
    assert len(releases.list_releases(folder)) == 1 and releases.leftovers(live) == []


def test_a_plain_output_folder_from_before_releases_is_kept_as_a_release(tmp_path):
    live = tmp_path / "output"
    live.mkdir()
    (live / "index.html").write_text("old site")
    make_release(live, "new")
    assert (live / "index.html").read_text() == "new"
    older = releases.rollback(live)
    assert older.name.endswith("-legacy") and (live / "index.html").read_text() == "old site"


def test_the_switch_is_one_rename_of_a_symlink(tmp_path, monkeypatch):
    """Between two releases the live path always exists: only os.replace(link, live) touches it."""
    live = tmp_path / "output"
    make_release(live, "1")
    calls = []
    real_replace = os.replace

    def replace(source, target):
        if os.fspath(target) == os.fspath(live):
            calls.append((os.path.islink(source), (live / "index.html").read_text()))
        return real_replace(source, target)

    monkeypatch.setattr(releases.os, "replace", replace)
    make_release(live, "2")
    assert calls == [(True, "1")]
    assert (live / "index.html").read_text() == "2"


def test_clean_removes_the_link_and_every_release(tmp_path):
    live = tmp_path / "output"
    make_release(live, "1")
    (tmp_path / ".output.old-1a2b3c4d" / "berita").mkdir(parents=True)  # left by the old swap's daemon thread
    releases.remove_all(live)
    assert sorted(os.listdir(tmp_path)) == []


def test_git_meta_names_commit_author_and_message(tmp_path):
    repo = tmp_path / "repo"
    (repo / "content").mkdir(parents=True)
    (repo / "content" / "a.md").write_text("x")
    git = ["git", "-C", str(repo), "-c", "user.name=siti", "-c", "user.email=siti@example.invalid"]
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "Berita: jadwal penyuluhan"], check=True)
    meta = releases.git_meta(repo / "content")
    assert meta["author"] == "siti" and meta["message"] == "Berita: jadwal penyuluhan"
    assert len(meta["commit"]) == 40 and meta["dirty"] is False
    (repo / "content" / "a.md").write_text("changed")
    assert releases.git_meta(repo / "content")["dirty"] is True
    assert releases.git_meta(tmp_path / "elsewhere") == {}


def test_a_release_carries_the_previous_releases_own_stylesheet_one_generation_back(tmp_path):
    """A page loaded just before the switch still finds its fingerprinted CSS afterwards."""
    live = tmp_path / "output"
    names = []
    for n, digest in enumerate(["a" * 10, "b" * 10, "c" * 10]):
        folder = releases.staging_dir(releases.releases_dir_for(live))
        (folder / "theme").mkdir(parents=True)
        (folder / "theme" / f"site.{digest}.css").write_text(f"css {n}")
        (folder / "theme" / f"site.{digest}.css.gz").write_text(f"gz {n}")
        (folder / "theme" / "logo.svg").write_text("not fingerprinted")
        names.append(releases.add_release(live, folder, {"commit": str(n)}).name)
    assert sorted(p.name for p in (live / "theme").iterdir()) == [
        "logo.svg", "site.bbbbbbbbbb.css", "site.bbbbbbbbbb.css.gz", "site.cccccccccc.css", "site.cccccccccc.css.gz"]
    assert (live / "theme" / "site.bbbbbbbbbb.css").read_text() == "css 1"
    (newest,) = [r for r in releases.list_releases(releases.releases_dir_for(live)) if r.name == names[-1]]
    assert newest.meta["assets"] == ["theme/site.cccccccccc.css", "theme/site.cccccccccc.css.gz"]
