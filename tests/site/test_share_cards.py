"""Share cards in a build: drawn by forked workers while templates render, the same bytes as one process draws.

No worker outlives a build, even one that fails half-way.
"""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import pytest

from ktan_build import BuildFailed, build
from ktan_cache import workers
from ktan_images import card
from ktan_images import ktan_images
from tests.conftest import ROOT
from tests.sitepages import soup

FROZEN = {"KTAN_NOW": "2024-06-01 12:00"}  # events depend on the build time: the same for every build


def test_a_parallel_build_draws_cards_while_rendering_the_same_bytes_as_a_serial_one(tmp_path, monkeypatch):
    from bench.synthetic import generate

    monkeypatch.chdir(ROOT)
    content = tmp_path / "content"
    generate(content, 50)  # about 90 cards: more than a batch that goes to the workers
    events, batches, drawing, here = [], [], {"now": False}, os.getpid()
    real_draw_missing, real_render, real_draw_cards = card.draw_missing, card.render, ktan_images.draw_cards
    real_submit = workers.Background.submit

    def draw_missing(cards, n, *args):
        batches.append((n, len(cards)))
        drawing["now"] = True
        try:
            return real_draw_missing(cards, n, *args)
        finally:
            drawing["now"] = False

    def render(*args):  # a forked worker inherits this spy: only this process's drawing counts
        assert drawing["now"] or os.getpid() != here, "a card was drawn here while a template was rendering"
        return real_render(*args)

    def submit(self, items):
        events.append(("submit", len(items)))
        return real_submit(self, items)

    def draw_cards(settings):
        events.append(("finished rendering", 0))
        return real_draw_cards(settings)

    monkeypatch.setattr(card, "draw_missing", draw_missing)
    monkeypatch.setattr(card, "render", render)
    monkeypatch.setattr(workers.Background, "submit", submit)
    monkeypatch.setattr(ktan_images, "draw_cards", draw_cards)

    def built(name, n, cache=None):
        out = tmp_path / name
        events.clear()
        build("pelicanconf.py", out, {"PATH": str(content), "KTAN_WORKERS": n,
                                      "KTAN_IMAGES_CACHE": str(tmp_path / f"cache-{cache or name}"), **FROZEN})
        return out

    serial = built("serial", 1)
    # One worker: nothing in the background, one batch of both languages' cards once Pelican has rendered.
    assert events == [("finished rendering", 0)] and batches == [(1, batches[0][1])]
    assert batches[0][1] >= workers.MIN_BATCH
    parallel = built("parallel", 2)
    # Two: the cards went to the pool in batches while templates were still rendering, the rest after.
    assert batches == [(1, batches[0][1])], "the parallel build drew no card in this process"
    finished = events.index(("finished rendering", 0))
    during = sum(n for what, n in events[:finished] if what == "submit")
    assert during >= workers.MIN_BATCH and during + sum(n for _, n in events[finished:]) == batches[0][1]
    assert max(n for _, n in events) <= ktan_images.CARD_BATCH
    assert multiprocessing.active_children() == []

    def cards(site: Path) -> dict[str, bytes]:
        return {p.name: p.read_bytes() for p in (site / "images").glob("kartu-*.jpg")}

    assert len(cards(serial)) == batches[0][1] and cards(serial) == cards(parallel)
    # Every page's og:image is published, in both languages (none was left undrawn).
    for page in (parallel / "berita" / "index.html", parallel / "en" / "berita" / "index.html",
                 *sorted(parallel.glob("berita/*/index.html"))[:3], *sorted(parallel.glob("en/berita/*/index.html"))[:3]):
        url = soup(page).select_one('meta[property="og:image"]')["content"]
        assert (parallel / url.lstrip("/")).is_file(), (page, url)
    # A build with every card in the cache draws none, and publishes them all.
    again = built("again", 2, cache="parallel")
    assert len(batches) == 1 and events == [("finished rendering", 0)] and cards(again) == cards(parallel)


def _children() -> set[int]:
    """This process's child processes, as the kernel sees them (not only those multiprocessing knows)."""
    return {int(pid) for task in Path("/proc/self/task").iterdir()
            for pid in (task / "children").read_text().split()}


@pytest.mark.parametrize("failure", [RuntimeError, KeyboardInterrupt])
def test_a_build_failing_while_cards_are_drawn_leaves_no_worker_and_no_half_card(tmp_path, monkeypatch, failure):
    from bench.synthetic import generate

    monkeypatch.chdir(ROOT)
    content, cache = tmp_path / "content", tmp_path / "cache"
    generate(content, 50)
    submitted = {}
    real_submit = ktan_images._Drawing.submit

    def submit(self, cards):
        real_submit(self, cards)
        submitted.update(cards)
        if len(submitted) > workers.MIN_BATCH:  # a template fails while the workers are drawing
            raise failure("a template broke half-way")

    monkeypatch.setattr(ktan_images._Drawing, "submit", submit)
    before = _children()
    settings = {"PATH": str(content), "KTAN_WORKERS": 2, "KTAN_IMAGES_CACHE": str(cache), **FROZEN}
    with pytest.raises(BuildFailed if failure is RuntimeError else KeyboardInterrupt):
        build("pelicanconf.py", tmp_path / "out", settings)
    assert multiprocessing.active_children() == [] and _children() <= before
    # Cards are whole or absent: each file in the cache is the card of its text, no temporary file is left.
    files = list((cache / "cards").iterdir())
    assert not [f for f in files if f.name.startswith(".")]
    paths = {Path(p) for p in submitted}
    assert {f for f in files} <= paths
    for path in files:
        assert path.read_bytes() == card.render(submitted[path]), path

    # The next build in the same process starts afresh and draws what the failed one did not.
    monkeypatch.setattr(ktan_images._Drawing, "submit", real_submit)
    build("pelicanconf.py", tmp_path / "out", settings)
    serial = tmp_path / "serial"
    build("pelicanconf.py", serial, {**settings, "KTAN_WORKERS": 1, "KTAN_IMAGES_CACHE": str(tmp_path / "cache-1")})
    assert multiprocessing.active_children() == []
    assert {p.name: p.read_bytes() for p in (tmp_path / "out" / "images").glob("kartu-*.jpg")} == \
        {p.name: p.read_bytes() for p in (serial / "images").glob("kartu-*.jpg")}
