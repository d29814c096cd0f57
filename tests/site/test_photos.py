"""Editors' photos: processed at build, no metadata published, cached, previews, limits.

The fixture content (tests/fixtures/photos) gets phone-like photos written at test
time (tests/photos.py): 6000x4000 px JPEGs with GPS, camera make and XMP, and a PNG.
"""

from __future__ import annotations

import gzip
import re
import shutil
from pathlib import Path

import pytest
from PIL import Image

from ktan_build import BuildFailed
from tests.conftest import build_site
from tests.photos import CAMERA_MAKE, CAMERA_MODEL, XMP_MARKER, metadata_blocks, photo_content, save_phone_photo
from tests.sitepages import soup

ARTICLE = Path("berita") / "sosialisasi-bergambar" / "index.html"
ORIGINALS = ("sosialisasi-balai.jpg", "selebaran.jpg", "foto-bersama.png")


def build_photos(content: Path, output: Path, cache: Path) -> Path:
    return build_site(output, PATH=str(content), KTAN_IMAGES_CACHE=str(cache))


@pytest.fixture(scope="module")
def photos(tmp_path_factory):
    """(content, cache, site, encodes of the first build)."""
    from ktan_images.derive import ENCODES

    work = tmp_path_factory.mktemp("photos")
    content = photo_content(work / "content")
    before = ENCODES["count"]
    site = build_photos(content, work / "out", work / "cache")
    return content, work / "cache", site, ENCODES["count"] - before


def published_images(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*") if p.suffix.lower() in (".jpg", ".jpeg", ".png", ".webp", ".avif", ".gif"))


def test_originals_are_never_published(photos):
    content, _, site, _ = photos
    originals = {(content / "images" / name).read_bytes() for name in ORIGINALS}
    for path in published_images(site):
        assert path.name not in ORIGINALS, path
        assert path.read_bytes() not in originals, f"{path} is an original"


def test_no_published_image_carries_gps_camera_or_xmp(photos):
    _, _, site, _ = photos
    images = published_images(site)
    assert len(images) >= 30
    for path in images:
        data = path.read_bytes()
        with Image.open(path) as image:
            exif = image.getexif()
            assert len(exif) == 0, f"{path}: EXIF {dict(exif)}"
            assert not exif.get_ifd(0x8825), f"{path}: GPS data"
            assert "xmp" not in image.info and "exif" not in image.info, path
        assert metadata_blocks(data) == [], path
        # Text that only metadata would hold (short markers like b"GPS" also occur by chance in compressed pixels).
        for marker in (b"Exif\x00\x00", b"GPSLatitude", CAMERA_MAKE.encode(), CAMERA_MODEL.encode(), XMP_MARKER.encode(), b"xmpmeta"):
            assert marker not in data, f"{path} contains {marker!r}"


def test_the_fixture_really_carries_the_metadata(photos):
    """Guards the test above: the originals do have what must not be published."""
    content, *_ = photos
    original = content / "images" / "sosialisasi-balai.jpg"
    with Image.open(original) as image:
        assert image.getexif()[0x010F] == CAMERA_MAKE and image.getexif().get_ifd(0x8825)
    assert XMP_MARKER.encode() in original.read_bytes()
    assert len(metadata_blocks(original.read_bytes())) >= 2  # the EXIF and XMP segments


def test_body_photos_become_pictures_with_sizes_and_lazy_loading(photos):
    _, _, site, _ = photos
    for prefix in ("", "en/"):
        page = soup(site / prefix / ARTICLE)
        pictures = page.select("main picture")
        assert len(pictures) == 3  # the main photo and two in the text
        hero, *body = pictures
        for picture in pictures:
            types = [s["type"] for s in picture.select("source")]
            assert "image/webp" in types and types[0] in ("image/avif", "image/webp")
            img = picture.img
            assert img["src"].startswith("/images/") and int(img["width"]) > 0 and int(img["height"]) > 0
            widths = [int(w.split()[-1][:-1]) for w in img["srcset"].split(", ")]
            assert widths == sorted(widths) and len(widths) >= 3 and max(widths) <= 1440
            assert img["sizes"] and img["alt"]
        assert not hero.img.has_attr("loading"), "the first photo of a page loads at once"
        assert all(p.img["loading"] == "lazy" for p in body)
        portrait = body[0].img
        assert int(portrait["height"]) > int(portrait["width"])  # orientation and ratio kept
        (link,) = [a for a in page.select("main .kt-prose a") if "selebaran" in a["href"]]
        assert link["href"].endswith("-1440.jpg") and (site / link["href"].lstrip("/")).is_file()


def test_a_page_without_main_photo_loads_its_first_body_photo_at_once(tmp_path, photos):
    content, cache, *_ = photos
    copy = tmp_path / "content"
    shutil.copytree(content, copy)
    for lang in ("id", "en"):
        path = copy / "berita" / f"sosialisasi-bergambar.{lang}.md"
        path.write_text(re.sub(r"^image(_alt)?:.*\n", "", path.read_text(), flags=re.M))
    site = build_photos(copy, tmp_path / "out", cache)
    pictures = soup(site / ARTICLE).select("main picture")
    assert len(pictures) == 2
    assert not pictures[0].img.has_attr("loading") and pictures[1].img["loading"] == "lazy"


def test_news_image_on_the_article_and_its_listing_card(photos):
    _, _, site, _ = photos
    article = soup(site / "en" / ARTICLE)
    hero = article.select_one("picture.kt-photo img")
    assert hero["alt"] == "Residents listen to a talk at the village hall"
    card = soup(site / "en" / "berita" / "index.html").select_one(".kt-news-list__item picture img")
    assert card["alt"] == hero["alt"] and card["src"] == hero["src"]
    assert [li.get_text() for li in article.select(".kt-tags li")] == ["#outreach", "#patrang"]


def test_og_image_is_the_photo_cropped_for_previews(photos):
    _, _, site, _ = photos
    page = soup(site / ARTICLE)
    meta = {m["property"]: m["content"] for m in page.select('meta[property^="og:image"]')}
    path = site / meta["og:image"].lstrip("/")
    with Image.open(path) as image:
        assert image.size == (1200, 630) == (int(meta["og:image:width"]), int(meta["og:image:height"]))
        assert image.format == "JPEG"
    assert path.stat().st_size < 300 * 1024
    assert meta["og:image:alt"] == "Warga mendengarkan penyuluhan di balai kelurahan"


def test_unchanged_photos_are_never_encoded_again(photos, tmp_path):
    from ktan_images.derive import ENCODES

    content, cache, _, first = photos
    assert first >= 3 * 4 * 2  # three photos, four widths, at least two formats each
    before = ENCODES["count"]
    site = build_photos(content, tmp_path / "again", cache)
    assert ENCODES["count"] == before, "a second build with the same photos encoded again"
    assert len(published_images(site)) >= 30
    # A changed photo is encoded again (and only that one).
    save_phone_photo(content / "images" / "foto-bersama.png", (1000, 700), fmt="PNG")
    build_photos(content, tmp_path / "changed", cache)
    assert 0 < ENCODES["count"] - before <= 4 * 3


def test_the_phone_budget_in_bytes(photos):
    """What a 360 px, DPR 2 phone needs from the page: HTML + CSS + the 720 w candidates it picks.

    (The browser test checks the same with Chromium's own choice.)
    """
    _, _, site, _ = photos
    page = soup(site / ARTICLE)
    total = len(gzip.compress((site / ARTICLE).read_bytes()))
    css = page.select_one('link[rel="stylesheet"]')["href"]
    total += len(gzip.compress((site / css.lstrip("/")).read_bytes()))
    hero = page.select_one("main picture")
    first = hero.select_one("source")["srcset"].split(", ")
    chosen = next(entry.split()[0] for entry in first if entry.endswith(" 720w"))
    total += (site / chosen.lstrip("/")).stat().st_size
    assert total <= 100 * 1024


def test_an_oversized_photo_gets_a_clear_message(tmp_path):
    content = photo_content(tmp_path / "content", size=(1200, 800))
    Image.new("RGB", (8200, 100), (10, 20, 30)).save(content / "images" / "panorama.png")
    # Not used by any page yet: a warning only (the photo is not processed), the site builds.
    build_photos(content, tmp_path / "unused", tmp_path / "cache")
    article = content / "berita" / "sosialisasi-bergambar.id.md"
    article.write_text(article.read_text() + "\n![Panorama kampung](/images/panorama.png)\n")
    with pytest.raises(BuildFailed) as failure:
        build_photos(content, tmp_path / "out", tmp_path / "cache")
    report = failure.value.report
    assert "images/panorama.png" in report and "8200×100" in report
    assert report.index("Foto ini terlalu besar") < report.index("This photo is too large")
    assert "Traceback" not in report
    assert not (tmp_path / "out").exists()


def test_a_photo_without_image_alt_gets_a_message(tmp_path):
    content = photo_content(tmp_path / "content", size=(1200, 800))
    path = content / "berita" / "sosialisasi-bergambar.id.md"
    path.write_text(re.sub(r"^image_alt:.*\n", "", path.read_text(), flags=re.M))
    with pytest.raises(BuildFailed) as failure:
        build_photos(content, tmp_path / "out", tmp_path / "cache")
    assert "image_alt" in failure.value.report and "sosialisasi-bergambar.id.md" in failure.value.report


def test_a_site_without_photos_publishes_only_share_cards(built_site):
    """The real content has no photos: no derivative is made, only the link-preview cards."""
    names = [p.name for p in (built_site / "images").iterdir()]
    assert names and all(name.startswith("kartu-") and name.endswith(".jpg") for name in names)


def test_live_preview_text_edit_keeps_the_photos(photos, tmp_path, monkeypatch):
    """The preview's quick path (a body-only edit, no Pelican run) still turns photos into <picture>s."""
    from ktan_preview import render_cache
    from ktan_preview.rebuild import Rebuilder

    from tests.conftest import ROOT

    monkeypatch.chdir(ROOT)
    content, cache, *_ = photos
    copy = tmp_path / "content"
    shutil.copytree(content, copy)
    output = tmp_path / "preview"
    rebuilder = Rebuilder("pelicanconf.py", str(output), str(copy), {"KTAN_IMAGES_CACHE": str(cache)})
    assert rebuilder.run().ok
    monkeypatch.setattr(render_cache, "STATS", {"reused": 0, "rendered": 0, "quick": 0})
    article = copy / "berita" / "sosialisasi-bergambar.id.md"
    article.write_text(article.read_text() + "\nKalimat baru dari editor.\n")
    assert rebuilder.run().ok
    assert render_cache.STATS["quick"] == 1
    page = soup(output / ARTICLE)
    assert "Kalimat baru dari editor." in page.get_text()
    images = page.select("main picture img")
    assert len(images) == 3 and not page.select("main img:not(picture img)")
    for img in images:
        assert (output / img["src"].lstrip("/")).is_file()


def test_the_card_number_comes_from_the_services_data(photos, tmp_path):
    """Change the help line's file and the share cards change with it: nothing is written in a template."""
    content, cache, site, _ = photos
    copy = tmp_path / "content"
    shutil.copytree(content, copy)
    data = copy / "layanan" / "bnn-184.yml"
    data.write_text(data.read_text().replace('phone: "184"', 'phone: "0000"'))
    changed = build_photos(copy, tmp_path / "out", cache)
    for built, number in ((site, "184"), (changed, "0000")):
        alt = soup(built / "berita" / "index.html").select_one('meta[property="og:image:alt"]')["content"]
        assert alt.endswith(f"Telepon BNN {number}"), alt
    before = soup(site / "berita" / "index.html").select_one('meta[property="og:image"]')["content"]
    after = soup(changed / "berita" / "index.html").select_one('meta[property="og:image"]')["content"]
    assert before != after  # a new card was drawn


def test_without_the_font_the_site_builds_with_a_warning_and_photo_previews_only(photos, tmp_path, monkeypatch, caplog):
    from ktan_images import card

    content, cache, *_ = photos
    monkeypatch.setattr(card, "FONT_DIRS", (str(tmp_path / "no-fonts"),))
    site = build_photos(content, tmp_path / "out", cache)
    assert any("fonts-dejavu-core" in r.getMessage() for r in caplog.records if r.levelname == "WARNING")
    listing = soup(site / "berita" / "index.html")
    assert not listing.select('meta[property="og:image"]')
    assert listing.select_one('meta[name="twitter:card"]')["content"] == "summary"
    article = soup(site / ARTICLE)  # its own photo needs no font
    assert article.select_one('meta[property="og:image"]')["content"].endswith("-og.jpg")
