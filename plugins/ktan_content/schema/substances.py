"""Drugs A-Z (narkoba): one Markdown file per substance and language.

Editors fill fields for the short facts and write the long text under fixed
``##`` headings (one list per language, below). The check rejects a page that
lacks a heading, repeats one or adds an unknown one, so every substance page
has every section in both languages and the template can lay them out the
same way (and print them as a one-page leaflet).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..messages import ContentError
from . import ContentType
from .common import SOURCES, STATUS, TITLE
from .hukum import LAW
from .fields import Choice, Date, Text, TextList

LEGAL_STATUSES = ("golongan-1", "golongan-2", "golongan-3", "psikotropika", "oot", "alcohol", "not-controlled")


@dataclass(frozen=True)
class Section:
    key: str  # stable id used by the template and CSS, the same in both languages
    heading_id: str
    heading_en: str

    def heading(self, lang: str) -> str:
        return self.heading_id if lang == "id" else self.heading_en


SECTIONS = (
    Section("use", "Cara pemakaian", "How it is used"),
    Section("short-term", "Efek jangka pendek", "Short-term effects"),
    Section("long-term", "Efek jangka panjang", "Long-term effects"),
    Section("risks", "Risiko dan tanda overdosis", "Risks and signs of overdose"),
    Section("mixing", "Bahaya mencampur", "Mixing"),
    Section("emergency", "Saat keadaan darurat", "In an emergency"),
    Section("law", "Hukumnya", "The law"),
)

HEADING_RE = re.compile(r"^##(?!#)\s*(?P<text>.*?)\s*#*\s*$")
FENCE_RE = re.compile(r"^\s*(```|~~~)")


def normalise_heading(text: str) -> str:
    """Heading text as compared: no attribute list, case and spacing ignored."""
    text = re.sub(r"\{[^}]*\}\s*$", "", text)
    return " ".join(text.split()).casefold()


def section_for_heading(text: str, lang: str) -> Section | None:
    wanted = normalise_heading(text)
    for section in SECTIONS:
        if normalise_heading(section.heading(lang)) == wanted:
            return section
    return None


def body_headings(body: str) -> list[tuple[int, str]]:
    """(line offset in the body, text) of every level-2 heading outside code blocks."""
    found, in_code = [], False
    for offset, line in enumerate(body.split("\n")):
        if FENCE_RE.match(line):
            in_code = not in_code
            continue
        match = None if in_code else HEADING_RE.match(line)
        if match:
            found.append((offset, match["text"]))
    return found


def check_sections(item, content_set) -> list[ContentError]:
    """Every required section once, no unknown ``##`` heading."""
    lang = item.lang
    allowed = ", ".join(f"'## {s.heading(lang)}'" for s in SECTIONS)
    errors, seen = [], set()
    for offset, text in body_headings(item.doc.body):
        line = item.doc.body_line + offset
        section = section_for_heading(text, lang)
        if section is None:
            errors.append(ContentError(
                item.path, "",
                f"Judul bagian '## {text}' tidak dikenal. Judul bagian yang boleh dipakai: {allowed}. "
                "Untuk subjudul di dalam bagian, pakai '###'.",
                f"Unknown section heading '## {text}'. Allowed section headings: {allowed}. "
                "Use '###' for a sub-heading inside a section.",
                f"### {text}", line))
        elif section.key in seen:
            errors.append(ContentError(
                item.path, "",
                f"Bagian '## {section.heading(lang)}' ditulis dua kali; gabungkan isinya.",
                f"The section '## {section.heading(lang)}' appears twice; merge them.",
                f"## {section.heading(lang)}", line))
        else:
            seen.add(section.key)
    for section in SECTIONS:
        if section.key not in seen:
            errors.append(ContentError(
                item.path, "",
                f"Bagian wajib '## {section.heading(lang)}' belum ada. Setiap halaman narkoba harus punya bagian: {allowed}.",
                f"The required section '## {section.heading(lang)}' is missing. Every drug page needs the sections: {allowed}.",
                f"## {section.heading(lang)}", item.doc.body_line))
    return errors


TYPE = ContentType(
    name="narkoba",
    kind="page",
    label_id="Narkoba A-Z",
    label_en="Drugs A-Z",
    url="narkoba/{slug}/",
    template="substance",
    fields=(
        TITLE,
        STATUS,
        Text("summary", max_length=300,
             example="Stimulan kuat yang cepat menimbulkan ketergantungan.",
             help_id="Satu atau dua kalimat: apa zat ini dan bahaya utamanya.",
             help_en="One or two sentences: what the substance is and its main danger."),
        TextList("also_called", example="[sabu, SS, ubas, metamfetamina]",
                 help_id="Nama lain dan nama jalanan, dipisah koma.",
                 help_en="Other names and street names, comma-separated."),
        Choice("legal_status", choices=LEGAL_STATUSES, example="golongan-1",
               help_id="Status hukum: golongan-1, golongan-2, golongan-3 (narkotika), psikotropika, "
                       "oot (Obat-Obat Tertentu), alcohol (minuman beralkohol) atau not-controlled.",
               help_en="Legal status: golongan-1/2/3 (narcotic class), psikotropika, oot (Obat-Obat Tertentu), "
                       "alcohol or not-controlled."),
        Text("regulation", max_length=200,
             example="UU 35/2009 tentang Narkotika, Lampiran I; Permenkes 30/2023",
             help_id="Peraturan yang menetapkan status hukumnya.",
             help_en="The regulation that sets its legal status."),
        Date("modified", example="2026-11-27",
             help_id="Tanggal isi terakhir diperiksa terhadap sumbernya.",
             help_en="Date the text was last checked against its sources."),
        LAW,
        SOURCES,
    ),
    checks=(check_sections,),
)
