"""Share cards drawn cheaply: only the title's rows encoded anew, words measured once, cards drawn on all cores.

Each shortcut is checked against the plain way of doing the same thing, byte for byte.
"""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageChops

from ktan_cache import workers
from ktan_images import card

SITE = "Kampung Tangguh Anti Narkoba Jember"
HELP = "Butuh bantuan sekarang? Telepon BNN 184"
TITLES = [
    "Alkohol",  # one line
    "Coordination meeting on the Drug-Resilient Village in Jember Lor",  # three lines
    "Sabu (metamfetamina): bahaya, hukum, dan apa yang bisa dilakukan keluarga di rumah " * 3,  # cut with "…"
    "Ganja — gejala, pengaruh jangka panjang; “HANI” à Jember, ÉÀÇ qypgj",  # accents above, descenders below
    "Bahaya_narkoba_bagi_remaja_dan_keluarga_di_kecamatan_Sumbersari_Kabupaten_Jember",  # one word wider than a line
]
CARDS = [card.CardText(t, SITE, HELP) for t in TITLES] + [
    card.CardText(SITE, "", HELP),  # the site's card: no site name line, the title starts higher
    card.CardText("Drug-Resilient Village news", "Drug-Resilient Village (KTAN) Jember", ""),  # no help line
]

needs_font = pytest.mark.skipif(not card.font_available(), reason="fonts-dejavu-core is not installed")


def pixels(jpeg: bytes) -> Image.Image:
    with Image.open(io.BytesIO(jpeg)) as image:
        return image.convert("RGB")


@needs_font
@pytest.mark.parametrize("text", CARDS, ids=lambda t: t.title[:20])
def test_a_card_is_byte_for_byte_the_full_encode_of_the_whole_card(text):
    """The base's rows plus the title strip's rows, markers renumbered, are what encoding the whole card gives."""
    whole = card.draw(text)
    assert card.render(text) == card.encode(whole)
    # and restart markers change no pixel: the card looks as one encoded without them (how cards were made before)
    plain = io.BytesIO()
    whole.save(plain, "JPEG", quality=card.QUALITY)
    assert ImageChops.difference(pixels(card.render(text)), pixels(plain.getvalue())).getbbox() is None


@needs_font
def test_where_the_title_would_cross_other_drawing_it_is_drawn_in_colour_the_plain_way(monkeypatch):
    """The grayscale-mask shortcut needs plain INK under the title; elsewhere the same bytes come the slow way."""
    for text in CARDS[:3]:
        real = card._base(text.site_name, text.help_line, card._dirs(None))
        crowded = card._Base(real.image, real.header, real.rows, (False,) * len(real.plain))
        monkeypatch.setattr(card, "_base", lambda *args: crowded)
        assert card.render(text) == card.encode(card.draw(text))
        monkeypatch.undo()


@needs_font
def test_the_title_is_on_the_card():
    """Not a blank strip spliced in: the title rows differ from the base, the site name and help line rows do not."""
    text = CARDS[1]
    base = card._base(text.site_name, text.help_line, card._dirs(None)).image
    changed = ImageChops.difference(card.draw(text), base).getbbox()
    assert changed is not None and changed[1] >= 128 and changed[3] <= 630 - 110
    assert ImageChops.difference(pixels(card.render(text)), pixels(card.encode(base))).getbbox() == \
        pytest.approx(changed, abs=16)


def exact_wrap(text, font, width):
    """The plain greedy wrap: measure every candidate line whole."""
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if font.getlength(candidate) <= width or not line:
            line = candidate
        else:
            lines.append(line)
            line = word
    return lines + ([line] if line else [])


@needs_font
@pytest.mark.parametrize("size", [68, 60, 52, 46])
def test_words_measured_once_wrap_as_whole_lines_would(size):
    from tests.conftest import ROOT

    titles = TITLES + [line.split(":", 1)[1].strip().strip('"')
                       for path in sorted((ROOT / "content").rglob("*.md"))
                       for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("title:")]
    assert len(titles) > 30
    font = card._font(str(card.find_font(card.FONT_BOLD)), size)
    width = 1200 - 2 * card.MARGIN
    for title in titles:
        assert card._wrap(title, font, width) == exact_wrap(title, font, width), title


@needs_font
def test_cards_drawn_on_two_processes_equal_cards_drawn_in_one(tmp_path, monkeypatch):
    texts = [card.CardText(f"Kegiatan nomor {i}: {TITLES[i % len(TITLES)]}", SITE if i % 3 else "", HELP)
             for i in range(workers.MIN_BATCH + 6)]
    calls = []
    real_map = workers.parallel_map

    def spying_map(fn, items, n, *args):
        calls.append((n, len(items)))
        return real_map(fn, items, n, *args)

    monkeypatch.setattr(workers, "parallel_map", spying_map)
    serial = {card.card_path(t, tmp_path / "one"): t for t in texts}
    parallel = {card.card_path(t, tmp_path / "two"): t for t in texts}
    assert card.draw_missing(serial, 1) == len(texts)
    assert card.draw_missing(parallel, 2) == len(texts)
    assert calls == [(1, len(texts)), (2, len(texts))]
    one = {p.name: p.read_bytes() for p in (tmp_path / "one" / "cards").iterdir()}
    two = {p.name: p.read_bytes() for p in (tmp_path / "two" / "cards").iterdir()}
    assert len(one) == len(texts) and one == two
    # A drawn card is never drawn again.
    assert card.draw_missing(parallel, 2) == 0 and calls[-1] == (2, len(texts))
