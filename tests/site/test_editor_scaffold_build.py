"""A scaffolded article builds: unpublished as a draft, in both languages once published."""

from __future__ import annotations

import shutil

import pytest

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


def new_type(type_name):
    from ktan_content.schema import CONTENT_TYPES

    return CONTENT_TYPES[type_name]


def _type_names():
    from ktan_content.schema import CONTENT_TYPES

    return sorted(CONTENT_TYPES)


@pytest.mark.parametrize("type_name", _type_names())
def test_every_new_file_is_a_draft_that_warns_and_never_blocks(type_name, tmp_path):
    """`invoke new` of any type (stakeholders and services too): empty fields are warnings, nothing is published."""
    content = tmp_path / "content"
    shutil.copytree(BASE, content)
    paths = new_files(content, type_name, "Zqxbaru Judul Uji", slug="zqxbaru")
    result = run_build(content, tmp_path / "output")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    about_new = [line for line in result.stderr.splitlines() if line.startswith(f"{type_name}/zqxbaru")]
    assert all(line.endswith("(draft):") for line in about_new), about_new
    if any(f.required and f.name not in ("title", "name", "date") for f in new_type(type_name).fields):
        assert about_new, "what is still to fill in is named, as warnings"
    leaked = [p for p in (tmp_path / "output").rglob("*") if p.is_file() and b"zqxbaru" in p.read_bytes().lower()]
    assert not leaked
