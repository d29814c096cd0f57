"""Events (kegiatan): per language, paired by file name, dated by ``start``.

An event has a start and either an end or a duration, in WIB unless an offset
is written. A start without a time ("2023-08-31") is an all-day event: many
real events are announced without a time, and we never invent one. A yearly
observance (HANI, 26 June) is one file with ``repeat: yearly``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..messages import ContentError
from . import ContentType
from .common import EVENT_STATUS, SOURCES, STAKEHOLDERS, SUMMARY, TITLE
from .fields import DATE_RE, Choice, Field, FieldProblem, Text, parse_datetime

EVENT_TYPES = ("sosialisasi", "tes-urine", "konseling", "rapat-koordinasi", "pelatihan", "lainnya")

# The 31 kecamatan of Kabupaten Jember (source: Kabupaten Jember, Wikipedia).
KECAMATAN = (
    "ajung", "ambulu", "arjasa", "balung", "bangsalsari", "gumukmas", "jelbuk", "jenggawah", "jombang",
    "kalisat", "kaliwates", "kencong", "ledokombo", "mayang", "mumbulsari", "pakusari", "panti", "patrang",
    "puger", "rambipuji", "semboro", "silo", "sukorambi", "sukowono", "sumberbaru", "sumberjambe",
    "sumbersari", "tanggul", "tempurejo", "umbulsari", "wuluhan",
)


@dataclass(frozen=True)
class EventTime(Field):
    """'YYYY-MM-DD HH:MM' (WIB unless an offset is given) or 'YYYY-MM-DD' (all day)."""

    same_in_both_languages = True  # a fact: the English page must not announce another time

    example: str = "2023-08-31 08:00"

    def convert(self, raw):
        if not isinstance(raw, str):
            raise FieldProblem(
                f"Tulis satu tanggal (dan jam), misalnya {self.example}.",
                f"Write one date (and time), e.g. {self.example}.",
            )
        value = parse_datetime(raw, self.example)
        return value.date() if DATE_RE.match(raw.strip()) else value


DURATION_RE = re.compile(
    r"^(?:(?P<hours>\d{1,3})\s*(?:jam|j|h|hours?))?\s*(?:(?P<minutes>\d{1,4})\s*(?:menit|m|min|minutes?))?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Duration(Field):
    """'2 jam', '90 menit', '1 jam 30 menit' (also '2h', '1h 30m')."""

    same_in_both_languages = True

    example: str = "2 jam 30 menit"

    def convert(self, raw):
        text = self._text(raw)
        match = DURATION_RE.match(text)
        if not match or not (match["hours"] or match["minutes"]):
            raise FieldProblem(
                f"Lama acara '{text}' tidak dikenali. Tulis jam dan/atau menit, misalnya {self.example}.",
                f"The duration '{text}' is not understood. Write hours and/or minutes, e.g. {self.example}.",
            )
        value = dt.timedelta(hours=int(match["hours"] or 0), minutes=int(match["minutes"] or 0))
        if not value:
            raise FieldProblem("Lama acara tidak boleh nol.", "The duration must not be zero.")
        return value


def _coordinate(raw, name: str, low: float, high: float, example: str) -> float:
    try:
        value = float(str(raw).strip().replace(",", "."))
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        raise FieldProblem(
            f"'{name}' harus angka desimal antara {low:g} dan {high:g} (titik sebagai pemisah), misalnya {example}.",
            f"'{name}' must be a decimal number between {low:g} and {high:g} (dot as separator), e.g. {example}.",
        )
    return value


@dataclass(frozen=True)
class Place(Field):
    """Where an event happens: name; address, kecamatan and lat/lon when the sources give them."""

    example: str = "{name: Pendopo Kelurahan Jember Lor, address: Jalan Delima Merah, kecamatan: patrang}"
    keys: tuple = ("name", "address", "kecamatan", "lat", "lon")

    def convert(self, raw):
        if not isinstance(raw, dict):
            raise FieldProblem(
                "Tempat ditulis di baris-baris bawahnya (menjorok dua spasi): 'name:', 'address:', 'kecamatan:'.",
                "The place goes on indented lines below it (two spaces): 'name:', 'address:', 'kecamatan:'.",
            )
        unknown = sorted(set(raw) - set(self.keys))
        if unknown:
            raise FieldProblem(
                f"Isian tempat tidak dikenal: {', '.join(unknown)}. Yang ada: {', '.join(self.keys)}.",
                f"Unknown place entries: {', '.join(unknown)}. Known: {', '.join(self.keys)}.",
            )
        if not isinstance(raw.get("name"), str) or not raw["name"].strip():
            raise FieldProblem("Nama tempat ('name:') belum diisi.", "The place name ('name:') is missing.")
        place = {"name": raw["name"].strip()}
        if raw.get("address"):
            place["address"] = Text("address").convert(raw["address"])
        kecamatan = raw.get("kecamatan")
        if kecamatan is not None:  # optional: never guess a kecamatan the sources do not give
            place["kecamatan"] = Choice("kecamatan", choices=KECAMATAN).convert(kecamatan)
        if ("lat" in raw) != ("lon" in raw):
            raise FieldProblem("Isi 'lat:' dan 'lon:' berdua, atau tidak sama sekali.",
                               "Give both 'lat:' and 'lon:', or neither.")
        if "lat" in raw:
            place["lat"] = _coordinate(raw["lat"], "lat", -90, 90, "-8.1597")
            place["lon"] = _coordinate(raw["lon"], "lon", -180, 180, "113.7051")
        return place


def check_times(item, content) -> list[ContentError]:
    """End after start; an end or a duration, not both; all-day events stay date-only."""
    fields = item.fields
    start, end, duration = fields.get("start"), fields.get("end"), fields.get("duration")
    lines = item.doc.lines
    errors = []

    def problem(name, message_id, message_en, example):
        errors.append(ContentError(item.path, name, message_id, message_en, example, lines.get(name)))

    if start is None:
        return errors
    all_day = not isinstance(start, dt.datetime)
    if end is not None and duration is not None:
        problem("duration", "Isi 'end' atau 'duration', jangan keduanya.",
                "Give either 'end' or 'duration', not both.", "end: 2023-08-31 10:00")
    if end is not None:
        if all_day != (not isinstance(end, dt.datetime)):
            problem("end", "'start' dan 'end' harus sama-sama bertanggal saja atau sama-sama berjam.",
                    "'start' and 'end' must both be dates only, or both have a time.",
                    "end: 2023-08-31 10:00" if not all_day else "end: 2023-09-01")
        elif end < start or (not all_day and end == start):
            raw_start, raw_end = item.doc.meta.get("start"), item.doc.meta.get("end")
            problem("end", f"Waktu selesai ({raw_end}) tidak sesudah waktu mulai ({raw_start}).",
                    f"The end ({raw_end}) is not after the start ({raw_start}).",
                    "start: 2023-08-31 08:00, end: 2023-08-31 10:00")
    if duration is not None and all_day:
        problem("duration", "Acara tanpa jam mulai tidak bisa diberi lama acara; tulis jam mulai atau hapus 'duration'.",
                "An event without a start time cannot have a duration; add the start time or remove 'duration'.",
                "start: 2023-08-31 08:00")
    if item.fields.get("repeat") is None and "place" not in fields and "place" not in lines:
        problem("place", "Kolom 'place' (tempat) wajib untuk kegiatan yang tidak berulang.",
                "The field 'place' is required for an event that does not repeat.", Place("place").example)
    return errors


TYPE = ContentType(
    name="kegiatan",
    kind="article",
    label_id="Kegiatan",
    label_en="Events",
    url="kegiatan/{slug}/",
    template="event",
    category="kegiatan",
    date_field="start",
    fields=(
        TITLE,
        EVENT_STATUS,
        EventTime("start", example="2023-08-31 08:00",
                  help_id="Mulai, dalam WIB: TTTT-BB-HH JJ:MM. Bila jam belum diumumkan, tulis tanggalnya saja.",
                  help_en="Start, in WIB: YYYY-MM-DD HH:MM. If no time was announced, write the date only."),
        EventTime("end", required=False, example="2023-08-31 10:00",
                  help_id="Selesai (WIB), atau pakai 'duration'. Untuk acara tanpa jam: tanggal terakhirnya.",
                  help_en="End (WIB), or use 'duration'. For events without a time: the last day."),
        Duration("duration", required=False,
                 help_id="Lama acara bila waktu selesai tidak ditulis, misalnya 2 jam.",
                 help_en="How long the event lasts if no end is given, e.g. 2 jam (2 hours)."),
        Choice("repeat", required=False, choices=("yearly",), example="yearly",
               help_id="Hanya untuk peringatan tahunan (misalnya HANI 26 Juni): yearly.",
               help_en="Only for yearly observances (e.g. HANI, 26 June): yearly."),
        Place("place", required=False,
              help_id="Tempat: nama; alamat, kecamatan (huruf kecil) dan lat/lon bila sumbernya menyebut.",
              help_en="Place: name; address, kecamatan (lowercase) and lat/lon when the sources give them."),
        Choice("type", choices=EVENT_TYPES, example="sosialisasi",
               help_id="Jenis kegiatan: " + ", ".join(EVENT_TYPES) + ".",
               help_en="Kind of event: " + ", ".join(EVENT_TYPES) + "."),
        STAKEHOLDERS,
        SUMMARY,
        SOURCES,
    ),
    checks=(check_times,),
)
