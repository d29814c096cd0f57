"""A scaffolded article builds: unpublished as a draft, in both languages once published."""

from __future__ import annotations

import shutil

from ktan_content.scaffold import new_files
from tests.site.test_editor_mistakes import BASE, run_build
from tests.sitepages import soup


def test_new_article_is_a_draft_until_published(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(BASE, content)
    paths = new_files(content, "berita", "Penyuluhan di Balai Kelurahan")
    result = run_build(content, tmp_path / "draft")
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "draft" / "berita" / "penyuluhan-di-balai-kelurahan").exists()

    for path in paths:
        path.write_text(path.read_text(encoding="utf-8").replace("status: draft", "status: published"), encoding="utf-8")
    result = run_build(content, tmp_path / "published")
    assert result.returncode == 0, result.stderr
    page = soup(tmp_path / "published" / "berita" / "penyuluhan-di-balai-kelurahan" / "index.html")
    assert page.h1.get_text(strip=True) == "Penyuluhan di Balai Kelurahan"
    assert (tmp_path / "published" / "en" / "berita" / "penyuluhan-di-balai-kelurahan" / "index.html").is_file()
