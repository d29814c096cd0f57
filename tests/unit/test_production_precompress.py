"""Precompression: which files get .gz/.br copies, and that the copies are exact and stable."""

from __future__ import annotations

import gzip
import os

import brotli

from ktan_build.precompress import precompress_tree


def test_copies_for_text_only_when_worth_it(tmp_path):
    page = tmp_path / "berita" / "index.html"
    page.parent.mkdir()
    page.write_text("<p>Kampung Tangguh Anti Narkoba</p>\n" * 40)
    os.utime(page, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    (tmp_path / "tiny.css").write_text("a{color:red}")
    (tmp_path / "noise.txt").write_bytes(os.urandom(4096))  # incompressible: copies would be larger
    (tmp_path / "photo.jpg").write_bytes(b"x" * 4096)  # not a text type

    assert precompress_tree(tmp_path) == 2
    data = page.read_bytes()
    assert gzip.decompress((tmp_path / "berita" / "index.html.gz").read_bytes()) == data
    assert brotli.decompress((tmp_path / "berita" / "index.html.br").read_bytes()) == data
    assert (tmp_path / "berita" / "index.html.gz").stat().st_mtime_ns == page.stat().st_mtime_ns
    assert sorted(p.name for p in tmp_path.iterdir()) == ["berita", "noise.txt", "photo.jpg", "tiny.css"]


def test_output_is_the_same_on_every_build(tmp_path):
    page = tmp_path / "index.html"
    page.write_text("<h1>Bantuan</h1>\n" * 100)
    precompress_tree(tmp_path)
    first = {p.name: p.read_bytes() for p in tmp_path.glob("index.html.*")}
    precompress_tree(tmp_path)
    assert {p.name: p.read_bytes() for p in tmp_path.glob("index.html.*")} == first
