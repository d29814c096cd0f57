"""A synthetic bilingual site in our content format, driven by the schema.

Values are made from each field's declared kind (``schema/fields.py``), so
the generator follows the content types as they grow; a kind it does not know
gets the field's own ``example``. The result must pass our check: the
benchmark refuses to time content that the build would reject.

The text is filler for timing only (never published): no real phone numbers,
places or claims.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from ktan_content.schema import CONTENT_TYPES
from ktan_content.schema import fields as kinds
from services.services import SERVICES_LINES

# Share of the N items per language, by content type (the rest are news).
# Events and news grow for years; substances and services stay in the dozens
# to hundreds. Data types (one YAML file for both languages) count once.
PROPORTIONS = {"kegiatan": 0.30, "layanan": 0.10, "narkoba": 0.05, "pages": 0.01}
NEWS = "berita"
STAKEHOLDER_TYPE = "mitra"
STAKEHOLDER_COUNT = 12
WORDS_PER_ITEM = 400

_WORDS = {
    "id": (
        "warga kampung narkoba bahaya kegiatan sosialisasi rehabilitasi layanan kesehatan keluarga "
        "pemuda sekolah kelurahan kecamatan puskesmas konseling pencegahan informasi jadwal bersama "
        "program ketahanan lingkungan relawan pertemuan pelatihan remaja orang tua bantuan lapor"
    ).split(),
    "en": (
        "residents village drugs danger activity outreach rehabilitation service health family "
        "youth school district subdistrict clinic counselling prevention information schedule together "
        "programme resilience community volunteer meeting training teenagers parents help report"
    ).split(),
}


class Filler:
    """Deterministic filler text and values (same seed, same site)."""

    def __init__(self, seed: int = 2026):
        self.rng = random.Random(seed)

    def words(self, lang: str, count: int) -> str:
        return " ".join(self.rng.choice(_WORDS[lang]) for _ in range(count))

    def sentence(self, lang: str, count: int = 12) -> str:
        text = self.words(lang, count)
        return text[0].upper() + text[1:] + "."

    def body(self, lang: str, headings: list[str], words: int = WORDS_PER_ITEM) -> str:
        """Markdown of about ``words`` words: headings, paragraphs, a list, a link.

        ``headings`` are sections a content type requires (drug pages); each
        gets one block of text, then filler sections follow.
        """
        parts, written = [], 0
        headings = list(headings)
        while written < words or headings:
            parts.append("## " + (headings.pop(0) if headings else self.sentence(lang, 4).rstrip(".")))
            for _ in range(2):
                parts.append(" ".join(self.sentence(lang, 12) for _ in range(3)))
            parts.append("\n".join(f"- **{self.words(lang, 2)}** {self.words(lang, 6)}" for _ in range(3)))
            parts.append(f"[{self.words(lang, 3)}](https://example.org/{self.rng.randrange(10**6)})")
            written += 4 + 2 * 36 + 3 * 8 + 3
        return "\n\n".join(parts) + "\n"


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class FieldValues:
    """Front-matter YAML for one field, by kind; ``None`` leaves the field out."""

    def __init__(self, filler: Filler, ids: dict[str, list[str]]):
        self.filler = filler
        self.ids = ids

    def yaml(self, field, lang: str, index: int, clock: list[int]) -> str | None:
        f = self.filler
        text_lang = lang or "id"
        if isinstance(field, kinds.Bilingual):
            return "\n  id: " + _quote(f.sentence("id", 8)) + "\n  en: " + _quote(f.sentence("en", 8))
        if isinstance(field, kinds.Sources):
            return f"\n  - title: {_quote('Sumber ' + str(index))}\n    url: https://example.org/sumber/{index}"
        if isinstance(field, kinds.IdList):
            known = self.ids.get(field.refers_to, [])
            if field.refers_to and not known:
                return None
            picks = [known[(index + k) % len(known)] for k in range(2)] if known else ["contoh"]
            return "[" + ", ".join(dict.fromkeys(picks)) + "]"
        if isinstance(field, kinds.TextList):
            return "[" + ", ".join(f.words(text_lang, 1) for _ in range(3)) + "]"
        if isinstance(field, (kinds.DateTime, kinds.Date)):
            clock[0] += 2  # each date field of an item is later than the one before
            day = index % 28 + 1
            month = index % 12 + 1
            year = 2019 + index % 7  # never in the future
            if isinstance(field, kinds.Date):
                return f"{year}-{month:02d}-{day:02d}"
            return f"{year}-{month:02d}-{day:02d} {clock[0]:02d}:00"
        if isinstance(field, kinds.Choice):
            return field.choices[index % len(field.choices)]
        if isinstance(field, kinds.Url):
            return f"https://example.org/{index}"
        if isinstance(field, kinds.Phone):
            return _quote("184")  # placeholder only; this content is never published
        if isinstance(field, kinds.Integer):
            return str(index % 50 + 1)
        if isinstance(field, kinds.Boolean):
            return "ya"
        if isinstance(field, kinds.ImagePath):
            return None if not field.required else "images/bench.svg"
        if isinstance(field, kinds.Text):
            limit = field.max_length or 200
            return _quote(f.sentence(text_lang, 8)[:limit].strip())
        if type(field) is kinds.Field:
            return _quote(f.sentence(text_lang, 6))
        return field.example or None  # a kind this generator does not know yet


# Optional fields worth filling: they are what real content carries.
OPTIONAL_FILLED = {"summary", "tags", "stakeholders", "place", "sources", "website"}


def required_headings(ctype, lang: str) -> list[str]:
    """Section headings a type's schema module declares (``SECTIONS``), in ``lang``."""
    for module in list(sys.modules.values()):
        if getattr(module, "TYPE", None) is ctype:
            return [section.heading(lang) for section in getattr(module, "SECTIONS", ())]
    return []


def front_matter(ctype, values: FieldValues, lang: str, index: int) -> str:
    lines, clock = [], [6]
    for field in ctype.fields:
        if not field.required and field.name not in OPTIONAL_FILLED:
            continue
        value = values.yaml(field, lang, index, clock)
        if value is None:
            continue
        lines.append(f"{field.name}:{'' if value.startswith(chr(10)) else ' '}{value}")
    return "\n".join(lines) + "\n"


def counts(n: int) -> dict[str, int]:
    """Items per content type for N items per language."""
    result = {name: max(1, round(n * share)) for name, share in PROPORTIONS.items() if name in CONTENT_TYPES}
    result[NEWS] = n - sum(result.values())
    return result


def generate(root: Path, n: int, seed: int = 2026) -> dict[str, int]:
    """Write a content folder with ``n`` items per language below ``root``."""
    filler = Filler(seed)
    ids: dict[str, list[str]] = {}
    written: dict[str, int] = {}
    (root / "images").mkdir(parents=True, exist_ok=True)
    (root / "images" / "bench.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>\n')

    stakeholders = CONTENT_TYPES.get(STAKEHOLDER_TYPE)
    plan = [(stakeholders, STAKEHOLDER_COUNT)] if stakeholders else []
    plan += [(CONTENT_TYPES[name], count) for name, count in counts(n).items() if name != STAKEHOLDER_TYPE]
    for ctype, count in plan:
        values = FieldValues(filler, ids)
        folder = root / ctype.name
        folder.mkdir(parents=True, exist_ok=True)
        slugs = [f"{ctype.name}-{i:05d}" for i in range(count)]
        if ctype.name == "layanan":  # every page shows the lines of these roles: the build needs their files
            roles = list(dict.fromkeys(SERVICES_LINES.values()))
            slugs = roles + slugs[len(roles):] if count >= len(roles) else roles
        for index, slug in enumerate(slugs):
            if ctype.per_language:
                for lang in kinds.LANGUAGES:
                    text = "---\n" + front_matter(ctype, values, lang, index) + "---\n" + filler.body(lang, required_headings(ctype, lang))
                    (folder / f"{slug}.{lang}.md").write_text(text, encoding="utf-8")
            else:
                text = front_matter(ctype, values, "", index)
                (folder / f"{slug}.yml").write_text(text, encoding="utf-8")
        ids[ctype.name] = slugs
        written[ctype.name] = count
    return written
