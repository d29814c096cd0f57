"""Drug A-Z: the section check, cutting pages into sections, A-Z order."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from ktan_content.schema.substances import SECTIONS, check_sections
from substances.sections import az_groups, sort_key, split_sections


def body_with(lang: str, sections=SECTIONS, extra: str = "") -> str:
    parts = [f"## {s.heading(lang)}\n\nText for {s.key}.\n" for s in sections]
    return "Intro line.\n\n" + "\n".join(parts) + extra


def item(body: str, lang: str = "id", path: str = "narkoba/contoh.id.md"):
    return SimpleNamespace(path=path, lang=lang, doc=SimpleNamespace(body=body, body_line=9))


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_page_with_every_section_passes(lang):
    assert check_sections(item(body_with(lang), lang), None) == []


def test_headings_are_matched_without_regard_to_case_spacing_or_attribute_lists():
    body = body_with("id").replace("## Hukumnya", "##   HUKUMNYA  {#hukum}").replace("## Bahaya mencampur", "## Bahaya  mencampur ##")
    assert check_sections(item(body), None) == []


def test_a_missing_section_names_the_file_and_the_section():
    without_law = [s for s in SECTIONS if s.key != "law"]
    errors = check_sections(item(body_with("id", without_law)), None)
    assert len(errors) == 1
    error = errors[0]
    assert error.path == "narkoba/contoh.id.md"
    assert "## Hukumnya" in error.message_id and "## The law" not in error.message_id
    assert error.example == "## Hukumnya"
    assert "Hukumnya" in error.format() and "narkoba/contoh.id.md" in error.format()


def test_english_pages_need_the_english_headings():
    errors = check_sections(item(body_with("id"), "en", "narkoba/contoh.en.md"), None)
    missing = {e.example for e in errors if "missing" in e.message_en}
    assert missing == {f"## {s.heading_en}" for s in SECTIONS}


def test_an_unknown_heading_is_reported_on_its_line_with_the_allowed_ones():
    body = body_with("id", extra="\n## Catatan tambahan\n\nTeks.\n")
    errors = check_sections(item(body), None)
    assert len(errors) == 1
    assert "Catatan tambahan" in errors[0].message_id and "Efek jangka pendek" in errors[0].message_id
    assert errors[0].example == "### Catatan tambahan"
    expected_line = 9 + body.split("\n").index("## Catatan tambahan")
    assert errors[0].line == expected_line


def test_a_repeated_section_is_reported():
    body = body_with("id", extra="\n## Cara pemakaian\n\nLagi.\n")
    errors = check_sections(item(body), None)
    assert [e.example for e in errors] == ["## Cara pemakaian"]
    assert "dua kali" in errors[0].message_id


def test_headings_inside_code_blocks_and_level_three_headings_do_not_count():
    body = body_with("id", extra="\n```\n## Bukan judul\n```\n\n### Subjudul boleh\n")
    assert check_sections(item(body), None) == []


def html_page(order) -> str:
    return "<p>Pembuka.</p>\n" + "\n".join(
        f'<h2 id="x{i}">{s.heading_id}</h2>\n<p>Isi {s.key}.</p>' for i, s in enumerate(order)
    )


def test_split_sections_returns_the_intro_and_every_section_in_schema_order():
    parts = split_sections(html_page(reversed(SECTIONS)), "id")
    assert parts["intro"] == "<p>Pembuka.</p>"
    assert [s["key"] for s in parts["sections"]] == [s.key for s in SECTIONS]
    law = parts["sections"][-1]
    assert law == {"key": "law", "title": "Hukumnya", "html": "<p>Isi law.</p>"}


def test_split_sections_keeps_sub_headings_and_unknown_h2_inside_their_section():
    content = html_page(SECTIONS).replace("<p>Isi use.</p>", "<p>Isi use.</p><h3>Sub</h3><h2>Lain</h2><p>x</p>")
    use = split_sections(content, "id")["sections"][0]
    assert use["key"] == "use" and "<h3>Sub</h3>" in use["html"] and "<h2>Lain</h2>" in use["html"]


def test_split_sections_reads_headings_with_entities_and_markup():
    content = "<h2 id='a'><em>Risks</em> and signs of overdose</h2><p>r</p><h2>The&nbsp;law</h2><p>l</p>"
    keys = [s["key"] for s in split_sections(content.replace("&nbsp;", " "), "en")["sections"]]
    assert keys == ["risks", "law"]


def test_a_page_without_sections_is_all_intro():
    assert split_sections("<p>Only text.</p>", "id") == {"intro": "<p>Only text.</p>", "sections": []}


def test_sort_key_ignores_case_accents_and_leading_punctuation():
    titles = ["sabu", "Éxtasis", "“Alkohol”", "Ganja", "amfetamin"]
    assert sorted(titles, key=sort_key) == ["“Alkohol”", "amfetamin", "Éxtasis", "Ganja", "sabu"]


def test_az_groups_groups_by_first_letter_in_order():
    pages = [SimpleNamespace(title=t) for t in ["Sabu", "ganja", "Alkohol", "Ekstasi", "Synthetic"]]
    groups = az_groups(pages)
    assert [(letter, [p.title for p in items]) for letter, items in groups] == [
        ("A", ["Alkohol"]), ("E", ["Ekstasi"]), ("G", ["ganja"]), ("S", ["Sabu", "Synthetic"]),
    ]
