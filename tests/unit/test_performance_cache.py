"""Caches that make builds cheap must never serve stale content or hide an error."""

from __future__ import annotations

import os

import pytest
from jinja2 import DictLoader, Environment

from bench.plain_pelican import convert
from bench.synthetic import WORDS_PER_ITEM, counts, generate
from ktan_cache.ktan_cache import MemoryBytecodeCache
from ktan_content import load, state
from ktan_content.load import load_content, load_content_cached
from ktan_content.schema import CONTENT_TYPES


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    root = tmp_path_factory.mktemp("synthetic") / "content"
    return root, generate(root, 40)


def _copy(src, dst):
    import shutil

    shutil.copytree(src, dst)
    return dst


def _bump(path, text):
    """Write ``text`` and make sure the stamp changes even on a coarse clock."""
    before = path.stat().st_mtime_ns
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before + 10**9, before + 10**9))


def test_synthetic_site_passes_the_check_with_every_type(synthetic):
    root, written = synthetic
    content = load_content(root)
    assert content.errors == []
    assert written == {"mitra": 12, **counts(40)}
    for name, count in counts(40).items():
        per_lang = 2 if CONTENT_TYPES[name].per_language else 1
        assert len(content.of_type(name)) == count * per_lang, name
    news = content.find("berita", "berita-00000", "en")
    assert news is not None and len(news.doc.body.split()) >= WORDS_PER_ITEM


def test_plain_pelican_twin_has_one_native_file_per_language(synthetic, tmp_path):
    root, written = synthetic
    files = convert(root, tmp_path / "plain")
    items = sum(count * 2 for name, count in written.items())
    assert files == items
    sample = (tmp_path / "plain" / "berita" / "berita-00003.en.md").read_text(encoding="utf-8")
    head = sample.split("\n\n", 1)[0]
    assert "\nLang: en\n" in head and "\nSlug: berita-00003\n" in head and head.startswith("Title: ")


def test_unchanged_files_are_not_parsed_again(synthetic, tmp_path, monkeypatch):
    root = _copy(synthetic[0], tmp_path / "content")
    parsed = []
    real = load.load_item
    monkeypatch.setattr(load, "load_item", lambda full, rel, *a: parsed.append(rel) or real(full, rel, *a))
    first = load_content_cached(root)
    total = len(parsed)
    assert total == len(first.items)
    assert load_content_cached(root) is first  # nothing changed: the same set

    edited = root / "berita" / "berita-00001.id.md"
    _bump(edited, edited.read_text(encoding="utf-8").replace("title: ", "title: Baru ", 1))
    second = load_content_cached(root)
    assert parsed[total:] == ["berita/berita-00001.id.md"]
    assert second.find("berita", "berita-00001", "id").fields["title"].startswith("Baru ")
    fresh = load_content(root)
    assert [i.path for i in second.items] == [i.path for i in fresh.items]
    assert second.errors == fresh.errors == []


def test_an_edit_that_breaks_a_file_is_reported_and_its_fix_clears_it(synthetic, tmp_path):
    root = _copy(synthetic[0], tmp_path / "content")
    target = root / "berita" / "berita-00002.en.md"
    good = target.read_text(encoding="utf-8")
    assert load_content_cached(root).errors == []
    _bump(target, good.replace("date: ", "date: 31/08/2023 #", 1))
    errors = load_content_cached(root).errors
    assert [(e.path, e.field) for e in errors] == [("berita/berita-00002.en.md", "date")]
    _bump(target, good)
    assert load_content_cached(root).errors == []


def test_a_deleted_translation_partner_is_noticed(synthetic, tmp_path):
    root = _copy(synthetic[0], tmp_path / "content")
    assert load_content_cached(root).errors == []
    (root / "berita" / "berita-00004.id.md").unlink()
    errors = load_content_cached(root).errors
    assert [e.path for e in errors] == ["berita/berita-00004.en.md"]


def test_content_is_stamped_once_per_settings_dict(synthetic, monkeypatch):
    root = synthetic[0]
    stamps = []
    real = load._stamp
    monkeypatch.setattr(load, "_stamp", lambda path: stamps.append(path) or real(path))
    settings = {"PATH": str(root)}
    first = state.current_content(settings)
    for _ in range(5):
        assert state.current_content(settings) is first
    assert len(stamps) == 1
    state.current_content({"PATH": str(root)})  # a new Pelican run looks at the files again
    assert len(stamps) == 2


def test_shared_compiled_templates_follow_edited_sources():
    sources = {"page.html": "Halo {{ name }}"}
    cache = MemoryBytecodeCache()
    first = Environment(loader=DictLoader(sources), bytecode_cache=cache)
    assert first.get_template("page.html").render(name="Jember") == "Halo Jember"
    assert cache._store, "the compiled template was not stored"
    sources["page.html"] = "Hello {{ name }}"
    second = Environment(loader=DictLoader(sources), bytecode_cache=cache)
    assert second.get_template("page.html").render(name="Jember") == "Hello Jember"
