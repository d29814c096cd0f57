"""Field kinds: how a front-matter value is checked and converted.

Each kind turns the raw string (or list/map) that ``BaseLoader`` gives into a
Python value, or raises ``FieldProblem`` with a plain-language explanation.
The example shown to editors is part of the field declaration.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

WIB = ZoneInfo("Asia/Jakarta")
LANGUAGES = ("id", "en")


def is_blank(raw) -> bool:
    """An empty value: 'summary:' with nothing after it, '[]', '{}', whitespace, or a list/map of empties.

    The template's ``- title: ""`` / ``url: ""`` is such a value: an empty
    source is a missing source, never a source.
    """
    if raw is None:
        return True
    if isinstance(raw, str):
        return not raw.strip()
    if isinstance(raw, list):
        return all(is_blank(v) for v in raw)
    if isinstance(raw, dict):
        return all(is_blank(v) for v in raw.values())
    return False


class FieldProblem(ValueError):
    """A value the editor must change; ``example`` is the corrected value when we can tell it."""

    def __init__(self, message_id: str, message_en: str, example: str = ""):
        super().__init__(message_en)
        self.message_id = message_id
        self.message_en = message_en
        self.example = example


@dataclass(frozen=True)
class Field:
    """A front-matter field. Subclasses override ``convert``."""

    name: str
    required: bool = True
    example: str = ""
    help_id: str = ""
    help_en: str = ""
    # The value a new file starts with (``invoke new``, the CMS); "" = none.
    # Not a fallback for existing files: a file without the field is read as if
    # the field were left out (e.g. no ``status`` = published).
    default: str = ""

    def convert(self, raw):
        return self._text(raw)

    def _text(self, raw) -> str:
        if not isinstance(raw, str):
            raise FieldProblem("Nilai harus berupa teks satu baris.", "The value must be a single line of text.")
        value = raw.strip()
        if not value:
            raise FieldProblem("Nilai kosong.", "The value is empty.")
        return value


@dataclass(frozen=True)
class Text(Field):
    max_length: int = 0

    def convert(self, raw):
        value = self._text(raw)
        if self.max_length and len(value) > self.max_length:
            raise FieldProblem(
                f"Terlalu panjang ({len(value)} huruf); paling banyak {self.max_length}.",
                f"Too long ({len(value)} characters); at most {self.max_length}.",
            )
        return value


@dataclass(frozen=True)
class Choice(Field):
    choices: tuple = ()

    def convert(self, raw):
        value = self._text(raw).lower()
        if value not in self.choices:
            allowed = ", ".join(self.choices)
            raise FieldProblem(
                f"'{raw}' bukan pilihan yang dikenal. Pilihan: {allowed}.",
                f"'{raw}' is not a known choice. Choose one of: {allowed}.",
            )
        return value


DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
DATETIME_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2})[:.](\d{2})(?::(\d{2}))?\s*(Z|[+-]\d{2}:?\d{2}|WIB)?$")
SLASHED_RE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(.*)$")
SHORT_PARTS_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(.*)$")
NAMED_MONTH_RE = re.compile(r"^(?P<day>\d{1,2})\s+(?P<month>[A-Za-z]+)\.?\s+(?P<year>\d{4})(?P<rest>.*)$")
# A time as editors write it: '08:30', '8.30', 'pukul 8:30 pagi', '08:30 WITA'.
TIME_RE = re.compile(
    r"^\s*,?\s*(?:pukul|pkl\.?|jam)?\s*(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?\s*"
    r"(?P<part>pagi|siang|sore|malam)?\s*(?P<zone>wib|wita|wit)?\s*$",
    re.IGNORECASE,
)
# First three letters of Indonesian and English month names ("Agustus", "Aug", "Mei", "May").
MONTHS = {"jan": 1, "feb": 2, "peb": 2, "mar": 3, "apr": 4, "mei": 5, "may": 5, "jun": 6, "jul": 7,
          "agu": 8, "agt": 8, "aug": 8, "sep": 9, "okt": 10, "oct": 10, "nov": 11, "nop": 11, "des": 12, "dec": 12}
# Indonesia's other time zones, in hours ahead of WIB (Jember's zone).
ZONES_AHEAD_OF_WIB = {"wita": 1, "wit": 2}


def _date_parts(text: str):
    """(year, month, day, rest, how it was written) of a date written another way, or None."""
    slashed = SLASHED_RE.match(text)
    if slashed:
        first, second, year, rest = slashed.groups()
        day, month = int(first), int(second)
        if month > 12 and day <= 12:
            return int(year), day, month, rest, "month-first"  # 01/15/2027: month/day/year
        return int(year), month, day, rest, "slashed"
    short = SHORT_PARTS_RE.match(text)
    if short:
        year, month, day, rest = short.groups()
        return int(year), int(month), int(day), rest, "short"
    named = NAMED_MONTH_RE.match(text)
    if named and named["month"].lower()[:3] in MONTHS:
        return int(named["year"]), MONTHS[named["month"].lower()[:3]], int(named["day"]), named["rest"], "named"
    return None


def _time_parts(rest: str):
    """(hour, minute in WIB, days moved, zone word) of a written time, or None when it is not one."""
    match = TIME_RE.match(rest)
    if not match:
        return None
    hour, minute = int(match["hour"]), int(match["minute"] or 0)
    part = (match["part"] or "").lower()
    if part in ("sore", "malam") and hour < 12:
        hour += 12
    elif part == "siang" and hour < 11:
        hour += 12  # '1 siang' is 13:00, '11 siang' is 11:00
    elif part == "malam" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    zone = (match["zone"] or "").lower()
    return hour, minute, ZONES_AHEAD_OF_WIB.get(zone, 0), zone


def _corrected(text: str, example: str, date_only: bool = False):
    """The value as we should have read it ('2023-08-31 08:30'), or '' when no correct value follows."""
    date = _date_parts(text)
    if date_only:
        if date is None:
            return "", ""
        try:
            return f"{dt.date(*date[:3]):%Y-%m-%d}", date[4]
        except ValueError:
            return "", "impossible"
    if date is None:
        time = _time_parts(text)
        if time is None or not DATE_RE.match(example[:10]):
            return "", ""
        hour, minute, ahead, zone = time
        shifted = dt.datetime.fromisoformat(example[:10]) + dt.timedelta(hours=hour - ahead, minutes=minute)
        return f"{example[:10]} {shifted:%H:%M}", zone or "no-date"
    year, month, day, rest, how = date
    try:
        value = dt.datetime(year, month, day)
    except ValueError:
        return "", "impossible"
    if not rest.strip():
        return f"{value:%Y-%m-%d}", how
    time = _time_parts(rest)
    if time is None:
        return "", ""
    hour, minute, ahead, zone = time
    value = value + dt.timedelta(hours=hour - ahead, minutes=minute)
    return f"{value:%Y-%m-%d %H:%M}", zone or how


def _date_problem(raw: str, example: str, date_only: bool = False) -> FieldProblem:
    text = raw.strip()
    fixed, how = _corrected(text, example, date_only)
    if fixed == text:
        fixed = ""  # never offer the editor's own value as the correction
    if how in ("wita", "wit"):
        return FieldProblem(
            f"Jam di situs ini ditulis dalam WIB (waktu Jember). {how.upper()} = WIB + {ZONES_AHEAD_OF_WIB[how]} jam, "
            f"jadi '{raw}' adalah {fixed} WIB. Tulis: {fixed}.",
            f"Times on this site are in WIB (Jember's time). {how.upper()} = WIB + {ZONES_AHEAD_OF_WIB[how]} hour(s), "
            f"so '{raw}' is {fixed} WIB. Write: {fixed}.",
            fixed,
        )
    if how == "impossible":
        return FieldProblem(
            f"Tanggal '{raw}' tidak ada di kalender. Periksa tanggal dan bulannya, lalu tulis tahun-bulan-tanggal, "
            f"misalnya {example}.",
            f"The date '{raw}' does not exist. Check the day and month, then write year-month-day, e.g. {example}.",
        )
    if how == "no-date" and fixed:
        return FieldProblem(
            f"'{raw}' tidak menyebut tanggal. Tulis tanggal lalu jam (24 jam), misalnya {fixed}.",
            f"'{raw}' has no date. Write the date, then the time (24-hour clock), e.g. {fixed}.",
            fixed,
        )
    if how == "month-first" and fixed:
        return FieldProblem(
            f"Tanggal '{raw}' ditulis bulan/tanggal/tahun (gaya Amerika). Tulis tahun-bulan-tanggal: {fixed}.",
            f"The date '{raw}' is written month/day/year (US style). Write year-month-day: {fixed}.",
            fixed,
        )
    if how == "slashed" and fixed:
        return FieldProblem(
            f"Tanggal '{raw}' ditulis dengan garis miring/urutan hari-bulan-tahun. Tulis tahun-bulan-tanggal: {fixed}.",
            f"The date '{raw}' is written day/month/year. Write year-month-day: {fixed}.",
            fixed,
        )
    if fixed and date_only:
        return FieldProblem(
            f"Tanggal '{raw}' harus ditulis dengan angka tahun-bulan-tanggal saja (tanpa jam), "
            f"bulan dan tanggal dua angka: {fixed}.",
            f"The date '{raw}' must be written in digits as year-month-day only (no time), "
            f"two-digit month and day: {fixed}.",
            fixed,
        )
    if fixed:
        return FieldProblem(
            f"Tanggal '{raw}' harus ditulis dengan angka tahun-bulan-tanggal, bulan dan tanggal dua angka, "
            f"jam 24 jam dengan titik dua: {fixed}.",
            f"The date '{raw}' must be written in digits as year-month-day (two-digit month and day), "
            f"24-hour time with a colon: {fixed}.",
            fixed,
        )
    return FieldProblem(
        f"Tanggal '{raw}' tidak dikenali. Tulis dengan format TTTT-BB-HH (jam JJ:MM bila perlu), misalnya {example}.",
        f"The date '{raw}' is not understood. Use YYYY-MM-DD (and HH:MM if needed), e.g. {example}.",
    )


def parse_datetime(raw: str, example: str = "2023-08-31 08:00") -> dt.datetime:
    """Parse 'YYYY-MM-DD[ HH:MM[:SS]][offset|WIB]'; naive values are WIB."""
    text = raw.strip() if isinstance(raw, str) else ""
    match = DATETIME_RE.match(text)
    date_only = DATE_RE.match(text)
    try:
        if match:
            year, month, day, hour, minute, second, zone = match.groups()
            value = dt.datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0))
            if zone in (None, "WIB"):
                return value.replace(tzinfo=WIB)
            if zone == "Z":
                return value.replace(tzinfo=dt.timezone.utc)
            sign = 1 if zone[0] == "+" else -1
            digits = zone[1:].replace(":", "")
            offset = dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
            return value.replace(tzinfo=dt.timezone(sign * offset))
        if date_only:
            year, month, day = date_only.groups()
            return dt.datetime(int(year), int(month), int(day), tzinfo=WIB)
    except ValueError:
        raise FieldProblem(
            f"Tanggal '{raw}' tidak ada di kalender (bulan 01-12, tanggal sesuai bulannya, jam 00-23).",
            f"The date '{raw}' does not exist (month 01-12, a valid day, hour 00-23).",
        ) from None
    raise _date_problem(text or str(raw), example)


@dataclass(frozen=True)
class DateTime(Field):
    example: str = "2023-08-31 08:00"

    def convert(self, raw):
        if not isinstance(raw, str):
            raise _date_problem(str(raw), self.example)
        return parse_datetime(raw, self.example)


@dataclass(frozen=True)
class Date(Field):
    example: str = "2023-08-31"

    def convert(self, raw):
        text = self._text(raw)
        if not DATE_RE.match(text):
            raise _date_problem(text, self.example, date_only=True)
        return parse_datetime(text, self.example).date()


SLUG_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _as_list(raw) -> list:
    if raw is None or raw == "":
        return []
    if isinstance(raw, str):
        return [part.strip() for part in raw.split(",") if part.strip()]
    if isinstance(raw, list):
        return raw
    raise FieldProblem(
        "Harus berupa daftar, dipisah koma atau satu per baris dengan '- '.",
        "Must be a list, comma-separated or one per line starting with '- '.",
    )


@dataclass(frozen=True)
class IdList(Field):
    """A list of ids (e.g. stakeholders); cross-checked against the data later."""

    refers_to: str = ""
    example: str = "[satresnarkoba, dinkes]"

    def convert(self, raw):
        values = _as_list(raw)
        ids = []
        for value in values:
            if not isinstance(value, str) or not SLUG_ID_RE.match(value.strip().lower()):
                raise FieldProblem(
                    f"'{value}' bukan kode yang sah: pakai huruf kecil, angka dan tanda minus saja.",
                    f"'{value}' is not a valid id: use lowercase letters, digits and dashes only.",
                )
            ids.append(value.strip().lower())
        return ids


@dataclass(frozen=True)
class TextList(Field):
    example: str = "[sabu, ubas]"

    def convert(self, raw):
        values = _as_list(raw)
        if any(not isinstance(v, str) or not v.strip() for v in values):
            raise FieldProblem("Setiap isi daftar harus berupa teks.", "Every list item must be text.")
        return [v.strip() for v in values]


URL_RE = re.compile(r"^https?://[^\s/$.?#][^\s]*\.[^\s]*$", re.IGNORECASE)


@dataclass(frozen=True)
class Url(Field):
    example: str = "https://bnn.go.id/"

    def convert(self, raw):
        value = self._text(raw)
        if not URL_RE.match(value):
            raise FieldProblem(
                f"'{value}' bukan alamat web yang lengkap. Awali dengan https://",
                f"'{value}' is not a full web address. Start it with https://",
            )
        return value


PHONE_CHARS_RE = re.compile(r"[\s().\-/]")


def normalise_phone(raw: str) -> str:
    """Return a dialable phone number: digits, optional leading '+'.

    Spaces, dashes, dots and brackets that editors copy from letterheads are
    removed; '+62' numbers are kept international, short codes (110, 184)
    stay as they are.
    """
    value = PHONE_CHARS_RE.sub("", raw.strip())
    if value.startswith("+"):
        digits = value[1:]
        prefix = "+"
    else:
        digits = value
        prefix = ""
    if not digits.isdigit() or not (3 <= len(digits) <= 15):
        raise FieldProblem(
            f"Nomor telepon '{raw}' tidak sah: hanya angka (boleh diawali +62), 3 sampai 15 digit.",
            f"The phone number '{raw}' is not valid: digits only (may start with +62), 3 to 15 digits.",
        )
    return prefix + digits


@dataclass(frozen=True)
class Phone(Field):
    example: str = "0812-3456-7890"

    def convert(self, raw):
        return normalise_phone(self._text(raw))


@dataclass(frozen=True)
class Integer(Field):
    example: str = "10"

    def convert(self, raw):
        value = self._text(raw)
        if not re.fullmatch(r"-?\d+", value):
            raise FieldProblem(f"'{value}' harus berupa bilangan bulat.", f"'{value}' must be a whole number.")
        return int(value)


@dataclass(frozen=True)
class Boolean(Field):
    example: str = "ya"

    def convert(self, raw):
        value = self._text(raw).lower()
        if value in ("ya", "yes", "true", "benar"):
            return True
        if value in ("tidak", "no", "false", "salah"):
            return False
        raise FieldProblem(f"'{raw}' harus 'ya' atau 'tidak'.", f"'{raw}' must be 'ya' (yes) or 'tidak' (no).")


IMAGE_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*(?:/[a-z0-9][a-z0-9_-]*)*\.(?:jpg|jpeg|png|webp|svg)$")


@dataclass(frozen=True)
class ImagePath(Field):
    """A path below content/images/; checked for existence by the check step."""

    example: str = "images/rapat-koordinasi-2023.jpg"

    def convert(self, raw):
        value = self._text(raw)
        bare = value.removeprefix("/").removeprefix("images/")
        if not IMAGE_RE.match(bare):
            suggestion = re.sub(r"[^a-z0-9._/-]+", "-", bare.lower()).strip("-")
            raise FieldProblem(
                f"Nama berkas gambar '{value}' tidak boleh berisi spasi, huruf besar atau tanda baca; "
                f"ganti nama berkasnya menjadi misalnya '{suggestion}' (jpg, png, webp atau svg).",
                f"The image name '{value}' must not contain spaces, capitals or punctuation; "
                f"rename the file, e.g. '{suggestion}' (jpg, png, webp or svg).",
            )
        return "images/" + bare


@dataclass(frozen=True)
class Bilingual(Field):
    """A map with 'id' and 'en' texts, for data files that hold both languages."""

    example: str = "{id: Teks Indonesia, en: English text}"
    optional_en: bool = False

    def convert(self, raw):
        if not isinstance(raw, dict):
            raise FieldProblem(
                "Harus diisi dalam dua bahasa: baris 'id:' dan baris 'en:' di bawahnya (menjorok dua spasi).",
                "Must be given in both languages: an 'id:' line and an 'en:' line below it (indented two spaces).",
            )
        unknown = sorted(set(raw) - set(LANGUAGES))
        if unknown:
            raise FieldProblem(
                f"Bahasa tidak dikenal: {', '.join(unknown)}. Pakai 'id' dan 'en'.",
                f"Unknown language(s): {', '.join(unknown)}. Use 'id' and 'en'.",
            )
        result = {}
        for lang in LANGUAGES:
            value = raw.get(lang)
            if (not isinstance(value, str) or not value.strip()) and not (lang == "en" and self.optional_en):
                label = "Indonesia" if lang == "id" else "Inggris"
                raise FieldProblem(
                    f"Teks bahasa {label} ('{lang}:') belum diisi.",
                    f"The {'Indonesian' if lang == 'id' else 'English'} text ('{lang}:') is missing.",
                )
            if isinstance(value, str) and value.strip():
                result[lang] = value.strip()
        return result


@dataclass(frozen=True)
class Sources(Field):
    """Public sources of the facts in a file: a list of {title, url} maps."""

    example: str = "[{title: BNN RI - Call Center 184, url: 'https://bnn.go.id/'}]"
    inner: tuple = field(default=("title", "url"))

    def convert(self, raw):
        items = [item for item in raw if not is_blank(item)] if isinstance(raw, list) else None
        if not items:
            raise FieldProblem(
                "Sebutkan minimal satu sumber publik: baris '- title: ...' dan 'url: ...'.",
                "Name at least one public source: a '- title: ...' line and a 'url: ...' line.",
            )
        sources = []
        for item in items:
            if not isinstance(item, dict) or is_blank(item.get("title")):
                raise FieldProblem(
                    "Setiap sumber perlu 'title:' (nama sumber) dan, bila ada, 'url:'.",
                    "Each source needs a 'title:' (name of the source) and, if it has one, a 'url:'.",
                )
            source = {"title": Text("title").convert(item["title"])}
            if not is_blank(item.get("url")):
                source["url"] = Url("url").convert(item["url"])
            if not is_blank(item.get("date")):
                source["date"] = Date("date").convert(item["date"])
            sources.append(source)
        return sources
