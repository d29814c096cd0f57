"""Independent work on both cores: a process pool that gives the same bytes as doing it here.

The machine a build runs on has few cores (2 here, a small VPS in
production); Markdown conversion and compression are pure functions of their
input, so they are split over ``KTAN_WORKERS`` processes (default: one per
core; ``1`` runs everything in this process). Results come back in input
order, so the output never depends on the number of workers (tested: the
whole output tree of a parallel build equals a serial one).

Forked workers (Linux): nothing to import again, no pickling of settings.
Small batches stay in this process, where a pool would cost more than it saves.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

SETTING = "KTAN_WORKERS"
MIN_BATCH = 64  # fewer items than this: not worth starting processes


def worker_count(settings) -> int:
    value = settings.get(SETTING)
    if value in (None, "", 0):
        return os.cpu_count() or 1
    return max(1, int(value))


def parallel_map(fn, items: list, workers: int, initializer=None, initargs=()) -> list:
    """``[fn(x) for x in items]``, over ``workers`` processes when that pays."""
    if workers <= 1 or len(items) < MIN_BATCH or "fork" not in multiprocessing.get_all_start_methods():
        if initializer:
            initializer(*initargs)
        return [fn(item) for item in items]
    chunk = max(1, len(items) // (workers * 8))
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=initializer, initargs=initargs) as pool:
        return list(pool.map(fn, items, chunksize=chunk))


# -- Markdown -----------------------------------------------------------------

_MD = None


def _init_markdown(settings: dict) -> None:
    global _MD
    from markdown import Markdown

    _MD = Markdown(**settings)


def _convert(text: str) -> str:
    _MD.reset()
    return _MD.convert(text)


def prefill_html(store, texts, markdown_settings: dict, workers: int) -> int:
    """Convert the texts the store lacks (in parallel) and store them; return how many.

    Conversion is the same as the reader's (one ``Markdown`` per process,
    ``reset()`` between texts), so the reader then finds every body here.
    """
    from .content_store import html_key

    missing = list(dict.fromkeys(t for t in texts if html_key(t) not in store.entries))
    if len(missing) < MIN_BATCH:
        return 0  # the reader converts these few itself
    for text, html in zip(missing, parallel_map(_convert, missing, workers, _init_markdown, (markdown_settings,))):
        store.put(html_key(text), html)
    return len(missing)


# -- Work that overlaps the caller's ---------------------------------------------

_LIVE: list["Background"] = []  # pools not yet stopped, for ``stop_background``


class Background:
    """Jobs run by forked workers while this process does something else (Pelican rendering).

    The pool is forked on the first ``submit`` (not per job), before the
    caller's later work; ``wait`` returns the results in submission order and
    stops the pool. A caller that fails half-way never waits: whoever runs it
    calls ``stop_background`` in a ``finally`` (``ktan_build.pipeline.run_pelican``),
    so no worker outlives a failed build.
    """

    def __init__(self, fn, workers: int):
        self.fn, self.workers = fn, workers
        self.pool: ProcessPoolExecutor | None = None
        self.futures: list = []
        self.stopped = False

    def submit(self, items: list) -> None:
        """Start ``fn(items)`` in a worker (``fn`` takes a list: one round trip per batch, not per item)."""
        if self.pool is None:
            self.pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("fork"))
            _LIVE.append(self)
        self.futures.append(self.pool.submit(self.fn, items))

    def wait(self) -> list:
        try:
            return [future.result() for future in self.futures]
        finally:
            self.stop()

    def stop(self) -> None:
        """Drop the jobs not started, let the running ones finish (their files are whole), end the workers."""
        self.stopped = True
        if self in _LIVE:
            _LIVE.remove(self)
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


def can_fork(workers: int) -> bool:
    return workers > 1 and "fork" in multiprocessing.get_all_start_methods()


def stop_background() -> None:
    """Stop every pool still running (after a build, failed or not)."""
    for background in list(_LIVE):
        background.stop()
