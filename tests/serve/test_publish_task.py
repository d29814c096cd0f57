"""`invoke publish`: build with publishconf.py, then rsync; a failed build deploys nothing."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT, require_tool
from tests.serve.conftest import SITE_URL


def publish(tmp_path, *args, site_url=SITE_URL):
    env = {**os.environ, "KTAN_DEPLOY_TARGET": str(tmp_path / "live")}
    env.pop("KTAN_SITEURL", None)
    if site_url:
        env["KTAN_SITEURL"] = site_url
    return subprocess.run(
        [sys.executable, "-m", "invoke", "publish", "--output", str(tmp_path / "output"), *args],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )


@pytest.fixture
def live(tmp_path):
    require_tool("rsync")
    folder = tmp_path / "live"
    folder.mkdir()
    (folder / "index.html").write_text("the live site")
    (folder / "old-page.html").write_text("removed from the site")
    return folder


def snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_dry_run_lists_changes_and_touches_nothing(tmp_path, live):
    before = snapshot(live)
    result = publish(tmp_path, "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "en/index.html" in result.stdout and "sitemap.xml" in result.stdout
    assert "deleting   old-page.html" in result.stdout
    assert snapshot(live) == before


def test_publish_mirrors_the_build_into_the_target(tmp_path, live):
    result = publish(tmp_path)
    assert result.returncode == 0, result.stderr
    assert snapshot(live) == snapshot(tmp_path / "output")
    assert not (live / "old-page.html").exists()
    assert f'href="{SITE_URL}/en/"' in (live / "index.html").read_text()


def test_failed_build_deploys_nothing(tmp_path, live):
    before = snapshot(live)
    result = publish(tmp_path, site_url="")
    assert result.returncode != 0
    assert "KTAN_SITEURL" in result.stderr
    assert "rsync" not in result.stdout
    assert snapshot(live) == before


def test_no_target_is_an_error(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "KTAN_DEPLOY_TARGET"}
    result = subprocess.run([sys.executable, "-m", "invoke", "publish", "--output", str(tmp_path / "o")],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert "KTAN_DEPLOY_TARGET" in result.stderr
    assert not (tmp_path / "o").exists()
