"""Steps that run on the finished build folder before it goes live.

Each step is ``fn(build_dir: Path, settings: dict) -> None`` and raises
``BuildFailed`` to stop the swap. ``KTAN_POSTBUILD`` in the settings lists
them by name, in order; ``steps()`` gives them to the pipeline.

Pagefind (``search_index``) is a separate process using about one core, so
with more than one worker (``KTAN_WORKERS``) it indexes in the background
while the steps of ``BESIDE_SEARCH`` run: they change no HTML file and stay
out of ``pagefind/`` (precompression compresses everything else first, then
waits for the index and compresses its files). Any other step, and the end
of the list, waits for the index first, so the output is the same bytes as
running the steps one after another (tested against ``KTAN_WORKERS=1``). A
failing step stops the indexing before the build folder is deleted.
"""

from __future__ import annotations

import functools
from pathlib import Path

STEPS = {}
BESIDE_SEARCH = {"write_sitemap", "write_robots_txt", "precompress"}
_SEARCH: dict[Path, object] = {}  # build folder -> its running search.SearchIndexJob


def step(fn):
    STEPS[fn.__name__] = fn
    return fn


def steps(settings: dict):
    names = settings.get("KTAN_POSTBUILD", [])
    return [_in_order(STEPS[name], last=number == len(names) - 1) for number, name in enumerate(names)]


def _in_order(fn, last: bool):
    @functools.wraps(fn)
    def run(build_dir: Path, settings: dict) -> None:
        try:
            if fn.__name__ not in BESIDE_SEARCH:
                finish_search_index(build_dir)
            fn(build_dir, settings)
            if last:
                finish_search_index(build_dir)
                _forget_written(build_dir)
        except BaseException:
            job = _SEARCH.pop(build_dir, None)
            if job is not None:
                job.abort()
            _forget_written(build_dir)
            raise

    return run


def _forget_written(build_dir: Path) -> None:
    from .publish_writer import forget

    forget(build_dir)


def _search_failed(exc: Exception):
    from .pipeline import BuildFailed

    return BuildFailed(
        f"Indeks pencarian gagal dibuat (pagefind): {exc}\n(EN) The search index could not be built. "
        "Periksa bahwa paket pagefind-bin terpasang (requirements.txt). / Check that pagefind-bin is installed. "
        "Situs yang tayang tidak diubah. / The live site was not changed."
    )


def finish_search_index(build_dir: Path) -> None:
    """Wait for the background index of ``build_dir``, if one runs; its failure fails the build."""
    job = _SEARCH.pop(build_dir, None)
    if job is None:
        return
    try:
        job.wait()
    except (OSError, RuntimeError) as exc:
        raise _search_failed(exc) from exc


@step
def remove_build_leftovers(build_dir: Path, settings: dict) -> None:
    """Pelican's sub-sites may leave empty folders; keep the output tidy."""
    from .files import remove_empty_folders

    remove_empty_folders(build_dir)


@step
def search_index(build_dir: Path, settings: dict) -> None:
    """Pagefind's index, one per language (in the background when there are workers to spare)."""
    from ktan_cache.workers import worker_count

    from .search import start_index

    cache = settings.get("KTAN_CACHE_PATH")
    subsites = list(settings.get("I18N_SUBSITES", {}))  # i18n_subsites writes each into <output>/<lang>/
    try:
        job = start_index(build_dir, Path(cache).resolve() if cache else None, subsites,
                          [settings.get("DEFAULT_LANG", ""), *subsites])
    except (ImportError, OSError, RuntimeError) as exc:
        raise _search_failed(exc) from exc
    _SEARCH[build_dir] = job
    if worker_count(settings) <= 1:
        finish_search_index(build_dir)


@step
def absolutize_links(build_dir: Path, settings: dict) -> None:
    """Root-relative links (from Markdown) become absolute under SITEURL (production).

    Pelican's pages were made absolute as they were written (``publish_writer``);
    any other HTML file is done here.
    """
    from .absolute_urls import absolutize
    from .files import files_under
    from .publish_writer import written_under

    site_url = settings["SITEURL"].rstrip("/")
    done = {path for path, page in written_under(build_dir).items() if page.absolute_under.rstrip("/") == site_url}
    for page in files_under(build_dir, {".html"}):
        if page in done:
            continue
        html = page.read_text(encoding="utf-8")
        fixed = absolutize(html, settings["SITEURL"])
        if fixed != html:
            page.write_text(fixed, encoding="utf-8")


@step
def write_sitemap(build_dir: Path, settings: dict) -> None:
    """sitemap.xml with hreflang alternates (production: needs an absolute SITEURL)."""
    from .pipeline import BuildFailed
    from .publish_writer import written_under
    from .sitemap import collect_entries, not_absolute, render_sitemap

    from ktan_cache.workers import worker_count

    known = {path: page.entry for path, page in written_under(build_dir).items() if page.from_context}
    entries = collect_entries(build_dir, worker_count(settings), known)
    bad = not_absolute(entries, settings["SITEURL"]) if settings["SITEURL"] else ["(SITEURL kosong / empty)"]
    if bad:
        raise BuildFailed(
            "Sitemap butuh alamat lengkap di bawah SITEURL, tetapi halaman memakai: "
            f"{', '.join(bad[:5])}\n(EN) The sitemap needs absolute URLs under SITEURL; build with publishconf.py "
            "and KTAN_SITEURL set. Situs yang tayang tidak diubah. / The live site was not changed."
        )
    (build_dir / "sitemap.xml").write_text(render_sitemap(entries), encoding="utf-8")


@step
def write_robots_txt(build_dir: Path, settings: dict) -> None:
    from .sitemap import robots_txt

    (build_dir / "robots.txt").write_text(robots_txt(settings["SITEURL"]), encoding="utf-8")


@step
def precompress(build_dir: Path, settings: dict) -> None:
    """.gz and .br next to every text file; keep it the last step.

    While Pagefind still indexes, everything outside its bundle folder first,
    on one worker less (Pagefind keeps a core busy; with two cores the
    compression then runs in this process); then, the index written, the
    bundle's files.
    """
    from ktan_cache.content_store import store_for
    from ktan_cache.workers import worker_count

    from .precompress import compression_fingerprint, precompress_tree
    from .search import BUNDLE_DIR

    store = store_for(settings, "precompress", compression_fingerprint())
    workers = worker_count(settings)
    if build_dir in _SEARCH:
        precompress_tree(build_dir, store, max(1, workers - 1), exclude={BUNDLE_DIR})
        finish_search_index(build_dir)
        precompress_tree(build_dir, store, workers, within=BUNDLE_DIR)
    else:
        precompress_tree(build_dir, store, workers)
