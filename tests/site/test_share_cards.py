"""Share cards in a build: drawn after rendering, on both cores, the same bytes as one process draws."""

from __future__ import annotations

from pathlib import Path

from ktan_build import build
from ktan_cache import workers
from ktan_images import card
from tests.conftest import ROOT
from tests.sitepages import soup

FROZEN = {"KTAN_NOW": "2024-06-01 12:00"}  # events depend on the build time: the same for every build


def test_a_parallel_build_draws_the_same_cards_as_a_serial_one_after_rendering(tmp_path, monkeypatch):
    from bench.synthetic import generate

    monkeypatch.chdir(ROOT)
    content = tmp_path / "content"
    generate(content, 50)  # about 90 cards: more than a batch that goes to the workers
    batches, drawing = [], {"now": False}
    real_draw_missing, real_render = card.draw_missing, card.render

    def draw_missing(cards, n, *args):
        batches.append((n, len(cards)))
        drawing["now"] = True
        try:
            return real_draw_missing(cards, n, *args)
        finally:
            drawing["now"] = False

    def render(*args):
        assert drawing["now"], "a card was drawn while a template was rendering"
        return real_render(*args)

    monkeypatch.setattr(card, "draw_missing", draw_missing)
    monkeypatch.setattr(card, "render", render)

    def built(name, n, cache=None):
        out = tmp_path / name
        build("pelicanconf.py", out, {"PATH": str(content), "KTAN_WORKERS": n,
                                      "KTAN_IMAGES_CACHE": str(tmp_path / f"cache-{cache or name}"), **FROZEN})
        return out

    serial, parallel = built("serial", 1), built("parallel", 2)
    # One batch per build, both languages' cards together: enough to go to two processes.
    assert [n for n, _ in batches] == [1, 2] and batches[0][1] == batches[1][1] >= workers.MIN_BATCH

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
    assert len(batches) == 2 and cards(again) == cards(parallel)
