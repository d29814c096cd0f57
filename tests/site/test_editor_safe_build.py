"""A build that fails at any stage leaves the last good site byte for byte."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from ktan_build import BuildFailed, build
from ktan_build import postbuild, releases
from tests.conftest import ROOT
from tests.site.test_editor_mistakes import BASE, tree_hashes


@pytest.fixture
def site(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(BASE, content)
    output = tmp_path / "output"
    build(str(ROOT / "pelicanconf.py"), output, overrides={"PATH": str(content)})
    yield content, output


def leftovers(output: Path) -> list[str]:
    return [p.name for p in releases.leftovers(output)]


def test_failure_after_pelican_ran_keeps_the_live_site(site, monkeypatch):
    content, output = site
    before = tree_hashes(output)
    (content / "berita" / "kabar-baik.id.md").write_text(
        (content / "berita" / "kabar-baik.id.md").read_text(encoding="utf-8").replace("Isi berita uji.", "Isi baru."), encoding="utf-8"
    )

    def fail_late(build_dir, settings):
        assert (build_dir / "berita" / "kabar-baik" / "index.html").is_file()  # the new site was fully written
        raise BuildFailed("langkah uji gagal / test step failed")

    monkeypatch.setitem(postbuild.STEPS, "fail_late", fail_late)
    with pytest.raises(BuildFailed):
        build(str(ROOT / "pelicanconf.py"), output, overrides={"PATH": str(content), "KTAN_POSTBUILD": ["fail_late"]})
    assert tree_hashes(output) == before
    assert leftovers(output) == []


def test_a_successful_build_replaces_the_site_completely(site):
    content, output = site
    (output / "stale-file.html").write_text("old", encoding="utf-8")
    (content / "berita" / "kabar-baik.en.md").unlink()
    (content / "pages" / "tentang.en.md").unlink()  # it links to the English article
    build(str(ROOT / "pelicanconf.py"), output, overrides={"PATH": str(content)})
    assert not (output / "stale-file.html").exists()
    assert not (output / "en" / "berita" / "kabar-baik").exists()
    assert not (output / "en" / "tentang").exists()
    assert (output / "berita" / "kabar-baik" / "index.html").is_file()
    assert leftovers(output) == []


def test_a_failed_switch_keeps_the_last_good_site_live(site, monkeypatch):
    content, output = site
    before, live_before = tree_hashes(output), os.readlink(output)

    def replace(source, target):
        raise OSError("disk full")

    monkeypatch.setattr(releases.os, "replace", replace)
    with pytest.raises(OSError):
        build(str(ROOT / "pelicanconf.py"), output, overrides={"PATH": str(content)}, force=True)  # the same content: force a build
    assert os.readlink(output) == live_before
    assert tree_hashes(output) == before
    assert leftovers(output) == []
