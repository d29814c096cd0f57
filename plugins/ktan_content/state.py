"""The content set of the current build, shared by the reader and the plugins."""

from __future__ import annotations

from .bodylinks import extra_pages_from
from .load import ContentSet, load_content_cached

# settings dict -> its content set. A Pelican run passes one settings dict to
# its reader and generators, so the folder is stamped once per run, not once
# per file read (stamping walks every file: per read, that is quadratic).
_RUNS: dict[int, tuple[dict, str, ContentSet]] = {}
_RUNS_KEPT = 4  # the main site and its language sub-sites


def current_content(settings) -> ContentSet:
    """Load (or reuse) the validated content of ``settings['PATH']``."""
    run = _RUNS.get(id(settings))
    if run is not None and run[0] is settings and run[1] == settings["PATH"]:
        return run[2]
    content = load_content_cached(settings["PATH"], extra_pages_from(settings), store_of(settings))
    if settings.get("KTAN_PREVIEW_DRAFTS"):
        content = content.with_drafts_shown()
    if len(_RUNS) >= _RUNS_KEPT:
        _RUNS.pop(next(iter(_RUNS)))
    _RUNS[id(settings)] = (settings, settings["PATH"], content)
    return content


def adopt_content(settings, content: ContentSet) -> None:
    """From now on ``settings`` reads ``content`` (the live preview writes a run's pages again after an edit)."""
    _RUNS[id(settings)] = (settings, settings["PATH"], content)


_STORES: dict[int, tuple[dict, object]] = {}


def store_of(settings):
    """The on-disk cache of parsed files (``KTAN_CACHE_PATH``), if the settings ask for one.

    Once per settings dict: the reader asks for every file, and finding the
    store means hashing the settings that shape it.
    """
    if not settings.get("KTAN_CACHE_PATH"):
        return None
    known = _STORES.get(id(settings))
    if known is not None and known[0] is settings:
        return known[1]
    from ktan_cache.content_store import store_for

    store = store_for(settings)
    if len(_STORES) >= _RUNS_KEPT:
        _STORES.pop(next(iter(_STORES)))
    _STORES[id(settings)] = (settings, store)
    return store
