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

    try:
        index_site(build_dir)
    except (ImportError, OSError, RuntimeError) as exc:
        raise BuildFailed(
            f"Indeks pencarian gagal dibuat (pagefind): {exc}\n(EN) The search index could not be built. "
            "Periksa bahwa paket pagefind-bin terpasang (requirements.txt). / Check that pagefind-bin is installed. "
            "Situs yang tayang tidak diubah. / The live site was not changed."
        ) from exc

