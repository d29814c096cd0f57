"""Every legal citation and phone number on the built site comes from the data files.

Lists them on every page of both languages and fails on one that does not:
- article-level citations ("Pasal 127", "Article 128", "Ps. 54") and "KUHP" only
  inside elements rendered from content/hukum/ (``data-law-id``), and there in
  the exact wording of a provision's ``citation``;
- a law named elsewhere in the text ("UU 35/2009", "Law 5/1997") is a law that
  content/hukum/ knows;
- every ``tel:`` link, and every number written next to a calling word, is a
  number of content/layanan/ or content/mitra/.
Titles of cited sources (other publications' words) are not our claims and are
left out, as are scripts.
"""

from __future__ import annotations

import re

import pytest

from ktan_content.load import load_content
from tests.conftest import ROOT, html_pages
from tests.sitepages import page_url, soup

ARTICLE_RE = re.compile(r"\b(?:Pasal|Articles?|Ps\.?)\s*\d+")
LAW_RE = re.compile(r"\b(?:UU|Law)\s+(?:No\.\s*)?(\d+)\s*/\s*(\d{4})\b")
KUHP_RE = re.compile(r"\bKUHP\b")
CALL_WORDS = r"(?:telepon|telp|hubungi|nomor|call|number|line|BNN|polisi|police|ambulans|ambulance|darurat|emergency|medis|medical|on)"
# A number as people write one: +62 812-3456-7890, 0331-487267, 0812 3456 7890, or a three-digit short code.
NUMBER = r"(\+62[\d -]{8,16}\d|\b0\d{2,4}[- ]?\d{3,4}[- ]?\d{3,5}\b|\b1\d{2}\b)"
PHONE_RE = re.compile(rf"{CALL_WORDS}\W{{1,3}}(?:\*\*)?{NUMBER}", re.IGNORECASE)
# Numbers the site names on purpose without offering them: 112 does not work in Jember (as of Nov 2023;
# content/pages/bantuan.*.md says so with its source). Never a tel: link (checked below).
NAMED_NOT_OFFERED = {"112"}
# Source lists (other publications' titles) and the /sumber/ index (page titles, provisions' citations from the data).
NOT_OURS = "script, style, .kt-sources, .kt-source-index, .kt-hukum__sources"


def data():
    content = load_content(ROOT / "content")
    provisions = content.data("hukum")
    citations = {lang: {p.fields["citation"][lang] for p in provisions.values()} for lang in ("id", "en")}
    laws = {m.groups() for p in provisions.values() for text in p.fields["citation"].values() for m in LAW_RE.finditer(text)}
    for p in provisions.values():  # laws named inside a provision's own summary are known too
        laws |= {m.groups() for text in p.fields["summary"].values() for m in LAW_RE.finditer(text)}
    phones = set()
    for type_name in ("layanan", "mitra"):
        for item in content.data(type_name).values():
            phones |= {item.fields[name] for name in ("phone", "whatsapp") if item.fields.get(name)}
    return citations, laws, phones


def digits(number: str) -> str:
    return re.sub(r"[\s-]", "", number)


@pytest.fixture(scope="module")
def facts(built_site):
    """(page, lang, text outside data elements, data elements, tel: numbers) for every HTML page."""
    result = []
    for page in html_pages(built_site):
        doc = soup(page)
        if doc.body is None:
            continue
        lang = doc.html.get("lang", "id")
        tels = [a["href"][4:] for a in doc.select('a[href^="tel:"]')]
        for el in doc.body.select(NOT_OURS):
            el.decompose()
        law_elements = doc.body.select("[data-law-id]")
        rendered = [(el["data-law-id"], el) for el in law_elements]
        for el in law_elements:
            el.extract()
        result.append((page_url(built_site, page), lang, doc.body.get_text(" "), rendered, tels))
    return result


def test_article_citations_appear_only_where_the_data_renders_them(facts):
    stray = {(url, m.group(0)) for url, _, text, _, _ in facts for m in ARTICLE_RE.finditer(text)}
    stray |= {(url, "KUHP") for url, _, text, _, _ in facts if KUHP_RE.search(text)}
    assert not stray, f"legal citations written outside content/hukum/: {sorted(stray)}"


def test_rendered_citations_are_the_data_wording(facts):
    citations, _, _ = data()
    seen = 0
    for url, lang, _, rendered, _ in facts:
        for ident, el in rendered:
            for cite in el.select(".kt-law__citation, .kt-hukum__citation, .kt-law__status a"):
                seen += 1
                assert cite.get_text(strip=True) in citations[lang], f"{url}: {ident}: {cite.get_text(strip=True)!r}"
    assert seen > 100


def test_laws_named_in_the_text_are_laws_the_data_knows(facts):
    _, laws, _ = data()
    unknown = {(url, m.group(0)) for url, _, text, _, _ in facts for m in LAW_RE.finditer(text) if m.groups() not in laws}
    assert not unknown, f"laws named on the site but missing from content/hukum/: {sorted(unknown)}"


def test_every_phone_number_comes_from_a_service_or_stakeholder_file(facts):
    _, _, phones = data()
    assert {"184", "110", "119"} <= phones
    linked = {(url, tel) for url, _, _, _, tels in facts for tel in tels if tel not in phones}
    assert not linked, f"tel: links to numbers that no data file holds: {sorted(linked)}"
    assert not any(tel in NAMED_NOT_OFFERED for *_, tels in facts for tel in tels), "112 must never be offered as a link"
    written = set()
    for url, _, text, _, _ in facts:
        for m in PHONE_RE.finditer(text):
            number = digits(m.group(1))
            if len(number) >= 3 and number not in phones and number not in NAMED_NOT_OFFERED:
                written.add((url, m.group(0).strip()))
    assert not written, f"numbers written next to a calling word that no data file holds: {sorted(written)}"


def test_the_scan_would_catch_a_stray_citation_and_number():
    """The patterns themselves: a copied legal sentence and a made-up number are found."""
    assert ARTICLE_RE.search("dicabut (Pasal 111-126)") and ARTICLE_RE.search("Articles 111-126")
    assert LAW_RE.search("menurut UU 35/2009").groups() == ("35", "2009")
    assert digits(PHONE_RE.search("Telepon **0331-123456** sekarang").group(1)) == "0331123456"
    assert digits(PHONE_RE.search("call 185 now").group(1)) == "185"
