"""Steps that run on the finished build folder before it goes live.

Each step is ``fn(build_dir: Path, settings: dict) -> None`` and raises
``BuildFailed`` to stop the swap. ``KTAN_POSTBUILD`` in the settings lists
them by name, in order.
"""

from __future__ import annotations

from pathlib import Path

STEPS = {}


def step(fn):
    STEPS[fn.__name__] = fn
    return fn


def steps(settings: dict):
    return [STEPS[name] for name in settings.get("KTAN_POSTBUILD", [])]


@step
def remove_build_leftovers(build_dir: Path, settings: dict) -> None:
    """Pelican's sub-sites may leave empty folders; keep the output tidy."""
    for path in sorted(build_dir.rglob("*"), reverse=True):
        if path.is_dir() and not any(path.iterdir()):
            path.rmdir()


@step
def search_index(build_dir: Path, settings: dict) -> None:
    """Pagefind's index, one per language; must run before any precompression step."""
    from .pipeline import BuildFailed
    from .search import index_site

    cache = settings.get("KTAN_CACHE_PATH")
    try:
        index_site(build_dir, Path(cache).resolve() if cache else None)
    except (ImportError, OSError, RuntimeError) as exc:
        raise BuildFailed(
            f"Indeks pencarian gagal dibuat (pagefind): {exc}\n(EN) The search index could not be built. "
            "Periksa bahwa paket pagefind-bin terpasang (requirements.txt). / Check that pagefind-bin is installed. "
            "Situs yang tayang tidak diubah. / The live site was not changed."
        ) from exc


@step
def absolutize_links(build_dir: Path, settings: dict) -> None:
    """Root-relative links (from Markdown) become absolute under SITEURL (production)."""
    from .absolute_urls import absolutize

    # One core: about 0.1 ms a page, less than starting worker processes costs.
    for page in build_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        fixed = absolutize(html, settings["SITEURL"])
        if fixed != html:
            page.write_text(fixed, encoding="utf-8")


@step
def write_sitemap(build_dir: Path, settings: dict) -> None:
    """sitemap.xml with hreflang alternates (production: needs an absolute SITEURL)."""
    from .pipeline import BuildFailed
    from .sitemap import collect_entries, not_absolute, render_sitemap

    from ktan_cache.workers import worker_count

    entries = collect_entries(build_dir, worker_count(settings))
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
    """.gz and .br next to every text file; keep it the last step."""
    from ktan_cache.content_store import store_for
    from ktan_cache.workers import worker_count

    from .precompress import compression_fingerprint, precompress_tree

    store = store_for(settings, "precompress", compression_fingerprint())
    precompress_tree(build_dir, store, worker_count(settings))
