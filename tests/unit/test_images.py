"""ktan_images pieces without Pelican: the metadata reader the photo tests rely on, markup, cards."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from ktan_images import card, markup
from ktan_images.derive import Variant, PhotoSet
from tests.photos import exif_with_gps, metadata_blocks, xmp_packet


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "AVIF"])
def test_the_metadata_reader_sees_exif_and_xmp_in_every_format(fmt):
    """The photo tests' container reader is not a rubber stamp: it finds what Pillow wrote."""
    image = Image.new("RGB", (64, 64), (1, 2, 3))
    clean, tagged = io.BytesIO(), io.BytesIO()
    image.save(clean, fmt)
    extra = {"xmp": xmp_packet()} if fmt != "PNG" else {}
    image.save(tagged, fmt, exif=exif_with_gps(), **extra)
    assert metadata_blocks(clean.getvalue()) == []
    assert metadata_blocks(tagged.getvalue())


@pytest.mark.parametrize("src, page, expected", [
    ("/images/a.jpg", "/berita/x/", "images/a.jpg"),
    ("../../images/sub/a.jpg", "/berita/x/", "images/sub/a.jpg"),
    ("{static}/images/a.jpg", "/en/berita/x/", "images/a.jpg"),
    ("https://example.org/images/a.jpg", "/berita/x/", None),
    ("/theme/logo.svg", "/", None),
])
def test_which_img_sources_are_editor_photos(src, page, expected):
    assert markup.image_path(src, page) == expected


def photo():
    variants = tuple(Variant(f"a-{w}.{ext}", fmt, w, w * 2 // 3, 1)
                     for w in (360, 720, 1080) for fmt, ext in (("avif", "avif"), ("webp", "webp"), ("jpeg", "jpg")))
    return PhotoSet("/cache", variants)


def test_picture_markup_first_eager_then_lazy():
    html = '<p><img alt="A &amp; B" src="/images/a.jpg"></p><p><img src="/images/b.jpg" alt="b"></p><img src="/x.svg" alt="">'
    out = markup.rewrite_images(html, "/berita/x/", lambda path, alt, eager: markup.picture(photo(), alt, lambda n: "/i/" + n, eager))
    first, second = out.split("</picture>")[:2]
    assert 'loading="lazy"' not in first and 'loading="lazy"' in second
    assert 'alt="A &amp; B"' in first and 'src="/i/a-720.jpg"' in first and 'width="720" height="480"' in first
    assert first.index('type="image/avif"') < first.index('type="image/webp"')
    assert out.endswith('<img src="/x.svg" alt="">')


def test_links_to_photos_go_to_the_largest_derivative():
    html = '<p><a href="/images/a.jpg">full size</a> <a href="/tentang/">about</a> <a href="/images/x.svg">svg</a></p>'
    out = markup.rewrite_photo_links(html, "/berita/x/", lambda path: "/i/a-1440.jpg" if path.endswith(".jpg") else None)
    assert out == '<p><a href="/i/a-1440.jpg">full size</a> <a href="/tentang/">about</a> <a href="/images/x.svg">svg</a></p>'


def test_share_card_is_a_preview_sized_jpeg_under_300_kb(tmp_path):
    text = card.CardText("Sabu (metamfetamina): bahaya, hukum, dan apa yang bisa dilakukan " * 2, "KTAN Jember",
                         "Butuh bantuan? Telepon BNN 184, 24 jam")
    path = card.card_path(text, tmp_path)
    assert card.draw_missing({path: text}, 1) == 1
    with Image.open(path) as image:
        assert image.size == (1200, 630) and image.format == "JPEG"
    assert path.stat().st_size < 300 * 1024
    assert card.draw_missing({path: text}, 1) == 0  # cached: not drawn again


def test_missing_font_is_a_clear_message_not_a_crash(tmp_path):
    assert not card.font_available((str(tmp_path),))
    with pytest.raises(card.FontMissing, match="fonts-dejavu-core"):
        card.find_font(card.FONT_BOLD, (str(tmp_path),))


def test_a_used_file_that_is_not_a_photo_gets_a_message_an_unused_one_a_warning(tmp_path):
    from ktan_content.load import load_content

    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "rusak.jpg").write_text("not a photo")
    (tmp_path / "images" / "nanti.jpg").write_text("not a photo either")
    (tmp_path / "berita").mkdir()
    (tmp_path / "berita" / "rapat.id.md").write_text(
        "---\ntitle: Rapat\ndate: 2023-08-31 10:00\n---\n![Foto rapat](/images/rusak.jpg)\n", encoding="utf-8")
    content = load_content(tmp_path)
    (error,) = [e for e in content.errors if e.path.startswith("images/")]
    assert error.path == "images/rusak.jpg" and "tidak bisa dibaca sebagai foto" in error.message_id
    assert [w.path for w in content.warnings if w.path.startswith("images/")] == ["images/nanti.jpg"]
