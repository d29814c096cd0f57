"""rsync command and the guard against deploying an incomplete folder."""

from __future__ import annotations

import pytest

from ktan_build.deploy import NotDeployable, check_deployable, rsync_command


def test_rsync_mirrors_folder_contents_and_deletes_after_transfer(tmp_path):
    command = rsync_command(tmp_path, "deploy@server:/srv/ktan-jember/site")
    assert command[0] == "rsync"
    assert command[-2:] == [f"{tmp_path}/", "deploy@server:/srv/ktan-jember/site/"]
    assert "--delete-delay" in command and "--delay-updates" in command
    assert "--dry-run" not in command
    assert "--dry-run" in rsync_command(tmp_path, "/x", dry_run=True)


def test_incomplete_build_is_not_deployable(tmp_path):
    (tmp_path / "index.html").write_text("x")
    with pytest.raises(NotDeployable, match="en/index.html"):
        check_deployable(tmp_path)
    for name in ("en/index.html", "404.html", "en/404.html"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("x")
    check_deployable(tmp_path)


def test_root_relative_links_become_absolute_and_others_stay():
    from ktan_build.absolute_urls import absolutize

    html = ('<a href="/bantuan/">x</a> <img src="/images/a.png" alt=""> <a href="//cdn.example/x">y</a> '
            '<a href="https://other.example/">z</a> <a href="#main">m</a> <p>href="/not-an-attribute"</p>')
    fixed = absolutize(html, "https://owner.github.io/repo")
    assert '<a href="https://owner.github.io/repo/bantuan/">' in fixed
    assert 'src="https://owner.github.io/repo/images/a.png"' in fixed
    assert 'href="//cdn.example/x"' in fixed and 'href="https://other.example/"' in fixed and 'href="#main"' in fixed
    assert '<p>href="/not-an-attribute"</p>' in fixed
