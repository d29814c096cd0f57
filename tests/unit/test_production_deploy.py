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


def _by_the_pattern(html: str, site_url: str) -> str:
    from ktan_build.absolute_urls import ROOT_RELATIVE_ATTR

    return ROOT_RELATIVE_ATTR.sub(lambda match: f"{match.group(1)}{site_url.rstrip('/')}/", html)


def test_the_fast_scan_rewrites_exactly_what_the_pattern_says():
    """absolutize() finds '="/' and looks back; ROOT_RELATIVE_ATTR is the rule. Same output on tricky and random text."""
    import random

    from ktan_build.absolute_urls import absolutize

    tricky = ['<a href="/x">', '<a\thref="/x">', '<a\nsrc="/x">', '<a xhref="/x">', '<a data-="/x">', '<a data-x-y_z="/x">',
              '<a -href="/x">', '<a href-x="/x">', '<a title="t"href="/x">', '="/x"', ' href="//x"', ' href="/"',
              '<a HREF="/x">', '<a\u00a0href="/x">', '<a data-ä="/x">', '<form action="/cari/">', '<video poster="/p.jpg">',
              ' href="/a" src="/b" data-x="/c"', 'href="/x"']
    tokens = [" ", "\t", "\n", "href", "src", "action", "poster", "data-", "x", "_", "-", "=", '"', "/", "//", "a", "ä", "<", ">", '="/']
    rng = random.Random(17)
    samples = tricky + ["".join(rng.choice(tokens) for _ in range(rng.randint(1, 40))) for _ in range(5000)]
    for site in ("https://k.test", "https://owner.github.io/repo/"):
        assert [absolutize(s, site) for s in samples] == [_by_the_pattern(s, site) for s in samples]
