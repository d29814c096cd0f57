"""Pagefind in one run per language folder writes the same bundle as one run over the whole site.

The split exists for Pagefind's peak memory (it holds every page of a run);
these tests hold it to the promise that search does not change: the same
index files, the same entry (languages in the site's order), and a single
run whenever splitting could index differently.
"""

from __future__ import annotations

import json
import shutil

import pytest

from ktan_build import search


def _html_copy(site, target):
    shutil.copytree(site, target, symlinks=False, ignore=lambda folder, names: [
        name for name in names if name == search.BUNDLE_DIR or (
            "." in name and not name.endswith(".html"))])
    return target


def _bundle(site):
    bundle = site / search.BUNDLE_DIR
    return {p.relative_to(bundle).as_posix(): p.read_bytes() for p in sorted(bundle.rglob("*")) if p.is_file()}


def _same_index(bundle, whole) -> bool:
    """The same files, and the same entry but for the order of its languages."""
    entry = "pagefind-entry.json"
    return ({name: data for name, data in bundle.items() if name != entry}
            == {name: data for name, data in whole.items() if name != entry}
            and json.loads(bundle[entry]) == json.loads(whole[entry]))


@pytest.fixture()
def runs(monkeypatch):
    """The globs of every Pagefind run started."""
    started = []
    real_start = search.SearchIndexJob.start

    def start(job, runs=None):
        started.append([job.groups[n] for n in (range(len(job.groups)) if runs is None else runs)])
        real_start(job, runs)

    monkeypatch.setattr(search.SearchIndexJob, "start", start)
    return started


def _single_run(site):
    """Pagefind as it was run before the split: once, straight into the bundle folder."""
    import subprocess

    subprocess.run([str(search.pagefind_executable()), "--site", str(site), "--output-subdir", search.BUNDLE_DIR,
                    "--quiet"], check=True, capture_output=True)
    bundle = _bundle(site)
    for name in search.UNUSED_BUNDLE_FILES:
        bundle.pop(name, None)
    raw = bundle["pagefind-entry.json"]  # our merged entry is written in Pagefind's own format
    assert json.dumps(json.loads(raw), ensure_ascii=False, separators=(",", ":")).encode() == raw
    return bundle


def test_one_run_per_language_equals_one_run_over_the_site(built_site, tmp_path, runs):
    split = _html_copy(built_site, tmp_path / "split")
    search.index_site(split, split=["en"], languages=["id", "en"])
    assert len(runs[0]) == 2 and runs[0][1] == "en/**/*.html", runs
    whole = _single_run(_html_copy(built_site, tmp_path / "whole"))
    bundle = _bundle(split)
    assert sorted(bundle) == sorted(whole)
    assert [name for name in bundle if bundle[name] != whole[name] and name != "pagefind-entry.json"] == []
    # The entry lists the same languages; Pagefind's own order varies from run to run, ours is the site's.
    entry, whole_entry = json.loads(bundle["pagefind-entry.json"]), json.loads(whole["pagefind-entry.json"])
    assert list(entry["languages"]) == ["id", "en"]
    assert entry == whole_entry and whole_entry["languages"]["en"]["page_count"] >= 3
    assert not (split / search.BUNDLE_DIR / search.PARTS_DIR).exists()


def test_a_part_without_search_bodies_keeps_one_run(built_site, tmp_path, runs):
    """Pagefind indexes whole pages when none marks a body: split, the English pages would be indexed whole."""
    site = _html_copy(built_site, tmp_path / "site")
    for page in (site / "en").rglob("*.html"):
        page.write_text(page.read_text(encoding="utf-8").replace(" data-pagefind-body", ""), encoding="utf-8")
    search.index_site(site, split=["en"])
    assert runs[-1] == [None]  # the split runs it started at once were stopped
    assert _same_index(_bundle(site), _single_run(_html_copy(site, tmp_path / "whole")))


def test_a_language_found_by_two_runs_falls_back_to_one_run(built_site, tmp_path, runs):
    site = _html_copy(built_site, tmp_path / "site")
    page = site / "en" / "tentang" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace('<html lang="en">', '<html lang="id">'), encoding="utf-8")
    search.index_site(site, split=["en"])
    assert runs == [[runs[0][0], "en/**/*.html"], [None]]
    assert _same_index(_bundle(site), _single_run(_html_copy(site, tmp_path / "whole")))


def test_a_failed_run_is_reported_with_pagefind_output(tmp_path):
    (tmp_path / "en").mkdir()
    (tmp_path / "index.html").write_text("<!doctype html><title>x</title>", encoding="utf-8")  # no <html>: nothing to index
    with pytest.raises(RuntimeError, match="(?i)pagefind|index"):
        search.index_site(tmp_path, split=["en"])
    assert not (tmp_path / search.BUNDLE_DIR / search.PARTS_DIR).exists()


# -- each run's output stored and reused (cache) ------------------------------

EN_RUN = "en/**/*.html"


@pytest.fixture()
def pagefind_globs(tmp_path, monkeypatch):
    """``calls()``: the globs of the Pagefind runs that finished since the last call (a logging wrapper around it;
    a run started at once and stopped when its output was found stored is not counted)."""
    import shlex

    log, wrapper, real = tmp_path / "pagefind-calls", tmp_path / "pagefind-wrapper", search.pagefind_executable()
    wrapper.write_text(f'#!/bin/sh\n{shlex.quote(str(real))} "$@" && echo "$*" >> {shlex.quote(str(log))}\n')
    wrapper.chmod(0o755)
    monkeypatch.setattr(search, "pagefind_executable", lambda: wrapper)

    def calls():
        lines = log.read_text().splitlines() if log.exists() else []
        log.unlink(missing_ok=True)
        return [line.split("--glob ", 1)[1] if "--glob " in line else None for line in lines]

    return calls


def _index(site, cache):
    shutil.rmtree(site / search.BUNDLE_DIR, ignore_errors=True)  # a build indexes a new build folder
    search.index_site(site, cache, split=["en"], languages=["id", "en"])
    return _bundle(site)


def _body_page(site, english: bool):
    """A page with a search body, in ``en/`` or not."""
    pages = (site / "en").rglob("*.html") if english else (p for p in site.rglob("*.html") if p.relative_to(site).parts[0] != "en")
    return next(p for p in sorted(pages) if search._marks_body(p.read_bytes()))


def _insert_after_body(page, html):
    text = page.read_text(encoding="utf-8")
    at = text.index(">", text.index("data-pagefind-body")) + 1
    page.write_text(text[:at] + html + text[at:], encoding="utf-8")


def _stored(cache):
    return sorted(p.name for p in cache.iterdir())


@pytest.mark.parametrize("english", [False, True], ids=["id", "en"])
def test_an_edit_reindexes_only_its_language_and_gives_the_bundle_of_a_full_run(
        built_site, tmp_path, pagefind_globs, english):
    site, cache = _html_copy(built_site, tmp_path / "site"), tmp_path / "cache"
    before = _index(site, cache)
    assert sorted(pagefind_globs(), key=str) == sorted([EN_RUN, search._groups(site, ["en"])[0]], key=str)
    stored = _stored(cache)
    assert len(stored) == 2

    _insert_after_body(_body_page(site, english), "<p>Kataunikpencarian wordonlyhere.</p>")
    partial = _index(site, cache)
    [ran] = pagefind_globs()
    assert (ran == EN_RUN) is english  # the other language's stored run was merged instead
    changed = {name for name in {*before, *partial} if before.get(name) != partial.get(name)}
    lang, other = ("en", "id") if english else ("id", "en")
    assert any(name.startswith(f"fragment/{lang}_") for name in changed)
    assert not any(name.startswith((f"fragment/{other}_", f"index/{other}_")) for name in changed)
    # The same bytes, file for file, as a run of both languages over the edited pages without any cache.
    whole = _index(_html_copy(site, tmp_path / "whole"), None)
    assert sorted(partial) == sorted(whole)
    assert [name for name in whole if partial[name] != whole[name]] == []
    assert list(json.loads(partial[search.ENTRY])["languages"]) == ["id", "en"]
    # The edited language's old output was pruned; the other one kept; nothing half-written left.
    now = _stored(cache)
    assert len(now) == 2 and len(set(now) & set(stored)) == 1


def test_unchanged_pages_run_nothing_and_a_half_stored_run_is_not_reused(built_site, tmp_path, pagefind_globs):
    site, cache = _html_copy(built_site, tmp_path / "site"), tmp_path / "cache"
    first = _index(site, cache)
    pagefind_globs()
    assert _index(site, cache) == first and pagefind_globs() == []

    # A change search does not read (outside the body): that language's run again, the same bundle.
    page = _body_page(site, english=True)
    page.write_text(page.read_text(encoding="utf-8").replace("</body>", "<!-- not searched --></body>"), encoding="utf-8")
    assert _index(site, cache) == first and pagefind_globs() == [EN_RUN]

    # A stored run without its entry file (a copy cut short) is not reused; a leftover partial copy is pruned.
    [en_stored] = [p for p in cache.iterdir() if (p / search.ENTRY).is_file()
                   and "en" in json.loads((p / search.ENTRY).read_text())["languages"]]
    (en_stored / search.ENTRY).unlink()
    (cache / ".pagefind-run-leftover.1").mkdir()
    assert _index(site, cache) == first and pagefind_globs() == [EN_RUN]
    assert len(_stored(cache)) == 2 and all((cache / name / search.ENTRY).is_file() for name in _stored(cache))


# -- beside the other steps (ktan_build.postbuild) -----------------------------


@pytest.fixture()
def small_site(tmp_path, monkeypatch):
    from bench.synthetic import generate
    from tests.conftest import ROOT

    monkeypatch.chdir(ROOT)
    generate(tmp_path / "content", 12)
    return {"PATH": str(tmp_path / "content"), "KTAN_WORKERS": 2, "KTAN_CACHE_PATH": "", "KTAN_NOW": "2024-06-01 12:00"}


def test_a_step_that_may_touch_pages_waits_for_the_index(small_site, tmp_path, monkeypatch):
    from ktan_build import build, postbuild

    seen = {}

    def reads_pages(build_dir, settings):
        seen["running"] = build_dir in postbuild._SEARCH
        seen["bundle"] = sorted(p.name for p in (build_dir / search.BUNDLE_DIR).iterdir())

    monkeypatch.setitem(postbuild.STEPS, "reads_pages", reads_pages)
    build("pelicanconf.py", tmp_path / "out", {**small_site, "KTAN_POSTBUILD": ["search_index", "reads_pages"]})
    assert seen["running"] is False
    assert search.ENTRY in seen["bundle"] and search.PARTS_DIR not in seen["bundle"]


def test_a_failing_step_stops_pagefind_and_keeps_the_live_site(small_site, tmp_path, monkeypatch):
    from ktan_build import BuildFailed, build, postbuild

    jobs = []
    real_start = search.SearchIndexJob.start

    def start(job, runs=None):
        jobs.append(job)
        real_start(job, runs)

    def fails(build_dir, settings):
        assert build_dir in postbuild._SEARCH  # Pagefind was still indexing beside this step
        raise BuildFailed("langkah uji gagal / test step failed")

    monkeypatch.setattr(search.SearchIndexJob, "start", start)
    monkeypatch.setitem(postbuild.STEPS, "fails", fails)
    monkeypatch.setattr(postbuild, "BESIDE_SEARCH", postbuild.BESIDE_SEARCH | {"fails"})
    with pytest.raises(BuildFailed, match="test step failed"):
        build("pelicanconf.py", tmp_path / "out", {**small_site, "KTAN_POSTBUILD": ["search_index", "fails"]})
    assert jobs and all(job.process is None or job.process.poll() is not None for job in jobs)  # no Pagefind left writing
    assert not postbuild._SEARCH
    assert not (tmp_path / "out").exists()


def test_pages_recorded_by_a_build_that_failed_early_are_forgotten(tmp_path, monkeypatch):
    """A build that fails inside Pelican never runs the steps that forget its pages; the next build does."""
    from types import SimpleNamespace

    from ktan_build import publish_writer

    gone = tmp_path / "deleted-staging"
    monkeypatch.setattr(publish_writer, "_ROOTS", {str(gone), str(tmp_path)})
    monkeypatch.setattr(publish_writer, "_WRITTEN", {
        str(gone / "index.html"): publish_writer.WrittenPage(""), str(tmp_path / "index.html"): publish_writer.WrittenPage("")})
    publish_writer.choose_writer(SimpleNamespace(settings={"KTAN_POSTBUILD": ["write_sitemap"]}))
    assert list(publish_writer._WRITTEN) == [str(tmp_path / "index.html")]
    assert publish_writer._ROOTS == {str(tmp_path)}
