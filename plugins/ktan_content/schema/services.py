"""Services (layanan): help lines, rehab and counselling places; one YAML file each.

Facts (numbers, address, hours) are written once for both languages; names,
descriptions and hours text are bilingual maps. Every file names its public
sources and the date someone last checked them (``verified_on``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..messages import ContentError
from . import ContentType
from .common import OPTIONAL_SOURCES, STATUS
from .fields import WIB, is_blank, Bilingual, Boolean, Choice, Date, Field, FieldProblem, Integer, Phone, Text, Url, _as_list

KINDS = ("helpline", "emergency", "online", "bnn", "hospital", "ipwl-puskesmas", "community")
OFFERS = ("information", "assessment", "outpatient", "inpatient", "counselling", "self-report", "emergency")
COSTS = ("free", "paid", "varies")


@dataclass(frozen=True)
class ChoiceList(Field):
    """A list whose items each come from ``choices``."""

    choices: tuple = ()

    def convert(self, raw):
        values = _as_list(raw)
        if not values:
            raise FieldProblem("Daftar kosong.", "The list is empty.")
        result = []
        for value in values:
            text = value.strip().lower() if isinstance(value, str) else ""
            if text not in self.choices:
                allowed = ", ".join(self.choices)
                raise FieldProblem(
                    f"'{value}' bukan pilihan yang dikenal. Pilihan: {allowed}.",
                    f"'{value}' is not a known choice. Choose from: {allowed}.",
                )
            result.append(text)
        return result


def _has_contact(fields: dict) -> bool:
    return any(fields.get(name) for name in ("phone", "whatsapp", "website"))


def contact_rules(item, content_set) -> list[ContentError]:
    """A number needs a public source; a service needs a way to reach it (or says it is unverified)."""
    fields, doc = item.fields, item.doc
    errors = []
    if is_blank(doc.meta.get("sources")):  # an empty template entry is no source
        number_field = next((name for name in ("phone", "whatsapp") if doc.meta.get(name)), "")
        if number_field:
            errors.append(ContentError(
                item.path, number_field,
                f"Nomor '{doc.meta[number_field]}' tidak punya sumber. Setiap nomor harus bisa diperiksa: "
                "tambahkan kolom 'sources' dengan judul dan alamat web sumber publiknya, atau hapus nomornya.",
                f"The number '{doc.meta[number_field]}' has no source. Every number must be checkable: "
                "add a 'sources' field with the public source's title and web address, or remove the number.",
                "sources:\n  - title: BNN RI - Call Center 184\n    url: https://bnn.go.id/",
                doc.lines.get(number_field),
            ))
        else:
            errors.append(ContentError(
                item.path, "sources",
                "Kolom wajib 'sources' belum ada. Sebutkan sumber publik untuk data layanan ini.",
                "The required field 'sources' is missing. Name the public source of this service's data.",
                "sources:\n  - title: Dinas Kesehatan Jember\n    url: https://dinkes.jemberkab.go.id/",
                1,
            ))
    if not _has_contact(doc.meta) and not fields.get("unverified"):
        errors.append(ContentError(
            item.path, "phone",
            "Layanan ini tidak punya nomor telepon, WhatsApp atau situs web. Isi salah satunya (dengan sumber), "
            "atau tulis 'unverified: ya' agar halaman menampilkan nomor nasional BNN 184 sebagai gantinya.",
            "This service has no phone, WhatsApp or website. Give one of them (with a source), "
            "or write 'unverified: yes' so the page shows the national BNN 184 line instead.",
            "phone: 0812-3456-7890",
            1,
        ))
    verified = fields.get("verified_on")
    if isinstance(verified, dt.date) and verified > dt.datetime.now(WIB).date():
        errors.append(ContentError(
            item.path, "verified_on",
            f"Tanggal pemeriksaan {verified.isoformat()} ada di masa depan. Tulis tanggal data ini terakhir diperiksa.",
            f"The check date {verified.isoformat()} is in the future. Write the date this data was last checked.",
            dt.datetime.now(WIB).date().isoformat(),
            doc.lines.get("verified_on"),
        ))
    return errors


TYPE = ContentType(
    name="layanan",
    kind="data",
    label_id="Layanan",
    label_en="Services",
    url="layanan/#layanan-{slug}",  # every service is an entry of /layanan/
    fields=(
        Bilingual("name", example="{id: Puskesmas Patrang, en: Patrang Community Health Centre}",
                  help_id="Nama layanan dalam dua bahasa.", help_en="Name of the service in both languages."),
        STATUS,
        Choice("kind", choices=KINDS, example="ipwl-puskesmas",
               help_id="Jenis layanan: " + ", ".join(KINDS) + ".", help_en="Kind of service: " + ", ".join(KINDS) + "."),
        Bilingual("description", example="{id: Konseling dan rawat jalan., en: Counselling and outpatient care.}",
                  help_id="Apa yang dilakukan layanan ini, satu atau dua kalimat per bahasa.",
                  help_en="What the service does, one or two sentences per language."),
        Text("kecamatan", required=False, example="Patrang", max_length=60,
             help_id="Kecamatan di Jember (kosongkan untuk layanan nasional).",
             help_en="Kecamatan in Jember (leave out for national services)."),
        Text("address", required=False, example="Jl. Contoh No. 1, Kelurahan Jember Lor", max_length=200,
             help_id="Alamat jalan, persis seperti di sumbernya.", help_en="Street address, exactly as in the source."),
        Phone("phone", required=False, example="0812-3456-7890",
              help_id="Nomor telepon (boleh dengan spasi atau tanda minus).",
              help_en="Phone number (spaces and dashes are fine)."),
        Integer("extension", required=False, example="8",
                help_id="Nomor sambungan yang ditekan setelah tersambung (misalnya 8 untuk 119 ext. 8).",
                help_en="Extension to press once connected (e.g. 8 for 119 ext. 8)."),
        Phone("whatsapp", required=False, example="+62 812-3456-7890",
              help_id="Nomor WhatsApp (awali dengan +62 atau 0).", help_en="WhatsApp number (start with +62 or 0)."),
        Url("website", required=False, example="https://healing119.id/",
            help_id="Situs web layanan.", help_en="The service's website."),
        Bilingual("hours", required=False, example="{id: 24 jam, en: 24 hours}",
                  help_id="Jam layanan, persis seperti di sumbernya.", help_en="Opening hours, exactly as in the source."),
        ChoiceList("offers", choices=OFFERS, example="[assessment, outpatient, counselling, self-report]",
                   help_id="Layanan yang tersedia: " + ", ".join(OFFERS) + ".",
                   help_en="What is offered: " + ", ".join(OFFERS) + "."),
        Choice("cost", required=False, choices=COSTS, example="free",
               help_id="Biaya: free (gratis), paid (berbayar) atau varies (tergantung layanan); kosongkan bila sumber tidak menyebutnya.",
               help_en="Cost: free, paid or varies; leave out when the source does not say."),
        Integer("order", required=False, example="10",
                help_id="Urutan di halaman bantuan (kecil = lebih atas).", help_en="Order on the help page (lower = higher)."),
        Boolean("unverified", required=False, example="ya",
                help_id="Tulis 'ya' bila kontak layanan ini belum bisa dipastikan dari sumber publik.",
                help_en="Write 'ya' (yes) when this service's contact could not be confirmed from a public source."),
        OPTIONAL_SOURCES,
        Date("verified_on", example="2026-11-27",
             help_id="Tanggal data ini terakhir diperiksa pada sumbernya.",
             help_en="Date this data was last checked against its sources."),
    ),
    checks=(contact_rules,),
)
