"""The on-disk content cache and the parallel steps: used when valid, never stale, never a different byte."""

from __future__ import annotations

import pickle
import shutil

import pytest

from ktan_build import build
from ktan_cache import content_store, workers
from ktan_content import load, reader, state
from tests.conftest import ROOT

NEWS = "berita/berita-00001"
FROZEN = {"KTAN_NOW": "2024-06-01 12:00"}  # events depend on the build time: the same for every build
STALE = "<p>STALE-FROM-CACHE</p>"


def _new_process():
    """Forget everything this process holds in memory, as the next build's process would."""
    load._CACHE.clear()
    load._FILES.clear()
    state._RUNS.clear()
    reader._HTML_CACHE.clear()
    content_store._STORES.clear()


@pytest.fixture()
def site(tmp_path, monkeypatch):
    from bench.synthetic import generate

    monkeypatch.chdir(ROOT)
    content = tmp_path / "content"
    generate(content, 12)
    cache = tmp_path / "cache"
    _new_process()
    yield {"content": content, "cache": cache, "tmp": tmp_path}
    _new_process()


def _build(site, name, **overrides):
    _new_process()
    out = site["tmp"] / name
    build("pelicanconf.py", out, {"PATH": str(site["content"]), "KTAN_CACHE_PATH": str(site["cache"]), **FROZEN,
                                  **overrides})
    return out


def _page(out, path=NEWS):
    return (out / path / "index.html").read_text(encoding="utf-8")


def _tree(root):
    """Every file's bytes (Pagefind's entry file too: ktan_build.search writes its languages in the site's order)."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _poison(cache):
    """Replace every stored body's HTML with a marker: a page showing it was served from the cache.

    Bodies only (they have headings); a summary is its own entry and shows in the page's ``<head>``.
    """
    [path] = cache.glob("content-*.pickle")
    data = pickle.loads(path.read_bytes())
    poisoned = 0
    for key in data["entries"]:
        if key[0] == "html" and "<h2" in data["entries"][key]:
            data["entries"][key] = STALE
            poisoned += 1
    path.write_bytes(pickle.dumps(data))
    return poisoned


def test_a_new_process_parses_no_file_and_converts_no_markdown(site, monkeypatch):
    noted = site["content"] / "berita" / "berita-00003.id.md"
    head, body = noted.read_text(encoding="utf-8").split("---\n", 2)[1:]
    noted.write_text(f"---\n{head}---\nCatatan: baca ini dulu.\n\n{body}", encoding="utf-8")
    first = _build(site, "first")
    assert "Catatan: baca ini dulu." in _page(first, "berita/berita-00003")  # no Markdown 'meta' eating line 1
    assert list(site["cache"].glob("content-*.pickle"))

    def forbidden(*args, **kwargs):
        raise AssertionError("parsed or converted again although nothing changed")

    monkeypatch.setattr(load, "load_item", forbidden)
    monkeypatch.setattr(reader.KtanMarkdownReader, "_markdown", forbidden)
    monkeypatch.setattr(workers, "_convert", forbidden)
    second = _build(site, "second")
    assert _tree(second) == _tree(first)


def test_the_cache_is_used_and_every_kind_of_change_gets_past_it(site, monkeypatch):
    clean = _build(site, "clean")
    assert "STALE" not in _page(clean)
    assert _poison(site["cache"]) > 20
    served = _build(site, "poisoned")
    assert STALE in _page(served) and STALE in _page(served, "berita/berita-00002")  # proof the store is read

    # 1. A file changes: its page is converted again, the others still come from the store.
    edited = site["content"] / f"{NEWS}.id.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nKalimat baru dari editor.\n", encoding="utf-8")
    after_edit = _build(site, "edited")
    assert "STALE" not in _page(after_edit) and "Kalimat baru dari editor." in _page(after_edit)
    assert STALE in _page(after_edit, "berita/berita-00002")

    # 2. A template changes: pages are rendered every build, so the change shows.
    theme = shutil.copytree(ROOT / "theme", site["tmp"] / "theme")
    base = theme / "templates" / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("</body>", "<!-- TEMPLATE-EDIT --></body>"), encoding="utf-8")
    assert "TEMPLATE-EDIT" in _page(_build(site, "template", THEME=str(theme)))

    # 3. A setting that shapes Markdown changes: a new fingerprint, nothing stale.
    from ktan_build.pipeline import load_settings

    markdown = load_settings("pelicanconf.py")["MARKDOWN"]
    changed = {**markdown, "extension_configs": {"markdown.extensions.toc": {"permalink": False, "baselevel": 1}}}
    assert "STALE" not in _page(_build(site, "setting", MARKDOWN=changed), "berita/berita-00002")
    assert "STALE" not in _page(_build(site, "setting-back"), "berita/berita-00002")  # one store kept: the newest


def test_a_change_to_our_code_starts_an_empty_store(site, monkeypatch, tmp_path):
    package = tmp_path / "code" / "ktan_fake_reader"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("VERSION = 1\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path / "code"))
    monkeypatch.setattr(content_store, "PACKAGES", (*content_store.PACKAGES, "ktan_fake_reader"))
    assert "ktan_content" in content_store.PACKAGES  # the reader, parser, schema and checks
    content_store.code_fingerprint.cache_clear()
    _build(site, "first")
    _poison(site["cache"])
    assert STALE in _page(_build(site, "poisoned"))
    (package / "__init__.py").write_text("VERSION = 2\n", encoding="utf-8")
    content_store.code_fingerprint.cache_clear()  # a new process computes it afresh
    assert "STALE" not in _page(_build(site, "code-changed"))
    content_store.code_fingerprint.cache_clear()


def test_parallel_output_equals_serial_output_byte_for_byte(tmp_path, monkeypatch):
    """Markdown and compression on two processes, Pagefind beside the other steps, cold and warm, against one process and no cache."""
    from bench.synthetic import generate
    from ktan_build import postbuild, precompress, sitemap

    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("KTAN_SITEURL", "https://bench.example.org")
    content = tmp_path / "content"
    generate(content, 60)
    used = []
    real_map = workers.parallel_map
    def counting_map(fn, items, n, *args):
        used.append((fn.__name__, n, len(items)))
        return real_map(fn, items, n, *args)

    monkeypatch.setattr(workers, "parallel_map", counting_map)
    compressed = []  # (the part of the tree, whether Pagefind was still indexing)
    real_precompress = precompress.precompress_tree
    def watching_precompress(root, *args, **kwargs):
        compressed.append((kwargs.get("within") or sorted(kwargs.get("exclude", ())), bool(postbuild._SEARCH)))
        return real_precompress(root, *args, **kwargs)

    monkeypatch.setattr(precompress, "precompress_tree", watching_precompress)
    common = {"PATH": str(content), **FROZEN}

    def built(name, **overrides):
        _new_process()
        out = tmp_path / name
        build("publishconf.py", out, {**common, **overrides})
        return _tree(out)

    serial = built("serial", KTAN_WORKERS=1, KTAN_CACHE_PATH="")
    assert not [u for u in used if u[1] > 1]
    assert compressed == [([], False)]  # one pass, after the index
    compressed.clear()
    # Three workers: compression beside Pagefind takes one less, and still runs in a pool.
    cold = built("parallel-cold", KTAN_WORKERS=3, KTAN_CACHE_PATH=str(tmp_path / "cache"))
    parallel = {name for name, n, count in used if n >= 2 and count >= workers.MIN_BATCH}
    assert parallel == {"_convert", "_compress"}
    assert compressed == [(["pagefind"], True), ("pagefind", False)]  # the rest while Pagefind ran, then its bundle
    # No page was read back for the sitemap: every entry came from the writer, and they are what the heads say.
    assert not [count for name, _, count in used if name == "_page_links" and count]
    assert serial["sitemap.xml"].decode() == sitemap.render_sitemap(sitemap.collect_entries(tmp_path / "serial"))
    warm = built("parallel-warm", KTAN_WORKERS=2, KTAN_CACHE_PATH=str(tmp_path / "cache"))
    assert any(path.endswith(".br") for path in serial)
    assert sorted(cold) == sorted(serial)
    assert [path for path in serial if cold[path] != serial[path]] == []
    assert [path for path in serial if warm[path] != serial[path]] == []

    # The search index was reused for the unchanged pages; an edit to one Indonesian page runs Pagefind again,
    # for the Indonesian pages only (the English run's stored output is kept and merged).
    stored = {p.name for p in (tmp_path / "cache").glob("pagefind-*")}
    assert len(stored) == 2
    edited = content / "berita" / "berita-00001.id.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nKataunikuntukpencarian.\n", encoding="utf-8")
    after_edit = built("parallel-edited", KTAN_WORKERS=2, KTAN_CACHE_PATH=str(tmp_path / "cache"))
    now = {p.name for p in (tmp_path / "cache").glob("pagefind-*")}
    assert len(now) == 2 and len(now & stored) == 1
    changed = {path for path in after_edit if path.startswith("pagefind/") and after_edit[path] != warm.get(path)}
    assert any(path.startswith("pagefind/fragment/") for path in changed)
    _new_process()
