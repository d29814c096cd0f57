"""The CMS is for editors only: its page, bundle and config never reach the public site."""

from __future__ import annotations

from ktan_cms.admin import write_admin
from ktan_cms.npm import ensure_installed
from tests.conftest import require_tool


def test_admin_folder_is_self_contained(tmp_path):
    require_tool("node")
    require_tool("npm")
    ensure_installed(log=lambda message: None)
    admin = write_admin(tmp_path / "admin", backend_url="/api/v1", preview_url="/", status_url="/api/ktan/status")
    names = {p.name for p in admin.iterdir()}
    assert {"index.html", "config.yml", "decap-cms.js", "ktan-cms.js", "ktan-cms.css", "ktan-cms-settings.js"} <= names
    page = (admin / "index.html").read_text(encoding="utf-8")
    assert "http" not in page  # every script and style from the same folder, no CDN
    assert 'src="decap-cms.js"' in page
    assert "proxy_url: /api/v1" in (admin / "config.yml").read_text(encoding="utf-8")
    chunks = [p for p in admin.iterdir() if p.name.endswith(".decap-cms.js")]
    assert chunks, "the bundle loads its chunks from next to itself"


def test_the_public_site_contains_nothing_of_the_cms(built_site):
    leaked = [p for p in built_site.rglob("*")
              if "admin" in p.relative_to(built_site).parts or p.name in ("decap-cms.js", "config.yml", "ktan-cms.js")]
    assert not leaked, leaked
    for page in built_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "decap-cms" not in text and "/admin/" not in text, page
