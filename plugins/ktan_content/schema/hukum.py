"""Legal provisions (hukum): one YAML file per provision (or per group of articles).

Why data and not prose: the same legal sentence used to be copied into every
drug page, so one change in the law (UU 1/2026) needed a dozen edits that
nobody was reminded to make. Now a drug page, the self-reporting page, the help
page and the services lead name provisions by id (``law: [uu35-2009-ps127]``);
the build renders the one wording kept here, in both languages, rejects an
unknown id, and warns when ``verified_on`` is old. ``/hukum/`` lists them all.

``force`` (not ``status``: that field says draft/published) records whether
the provision is in force, amended or repealed; ``changed_by`` and
``replaced_by`` name other provisions by id, so their citations come from
their own files too.
"""

from __future__ import annotations

import datetime as dt

from ..messages import ContentError
from . import ContentType
from .common import SOURCES
from .fields import WIB, Bilingual, Choice, Date, IdList, Integer

FORCES = ("in-force", "amended", "repealed")
# Display order of the groups on /hukum/; the keys are what editors write.
GROUPS = ("pidana", "rehabilitasi", "obat")

LAW = IdList(
    "law", required=False, refers_to="hukum", example="[uu35-2009-ps127, uu35-2009-ps128]",
    help_id="Kode pasal hukum yang dibahas halaman ini, sesuai nama berkas di content/hukum/. "
            "Bunyi dan statusnya diambil dari berkas itu, jadi jangan menyalin isi pasal ke teks halaman.",
    help_en="Ids of the legal provisions this page is about, as named in content/hukum/. "
            "Their wording and status come from those files: do not copy them into the page text.",
)


def change_rules(item, content_set) -> list[ContentError]:
    """An amended or repealed provision says by what and since when; nothing is checked in the future."""
    fields, doc = item.fields, item.doc
    errors = []
    force = fields.get("force")
    if force in ("amended", "repealed"):
        for name, example, what_id, what_en in (
            ("changed_by", "[uu1-2026]", "oleh peraturan apa (kode berkasnya di content/hukum/)",
             "by which law (its file id in content/hukum/)"),
            ("changed_on", "2026-01-02", "sejak tanggal berapa", "since which date"),
        ):
            if not fields.get(name):
                errors.append(ContentError(
                    item.path, name,
                    f"Pasal berstatus '{force}' harus menyebutkan {what_id}: isi kolom '{name}'.",
                    f"A provision that is '{force}' must say {what_en}: fill in '{name}'.",
                    f"{name}: {example}", doc.lines.get("force"),
                ))
    if item.slug in (fields.get("changed_by") or []) or item.slug in (fields.get("replaced_by") or []):
        errors.append(ContentError(
            item.path, "changed_by",
            "Pasal tidak bisa diubah atau diganti oleh dirinya sendiri.",
            "A provision cannot be changed or replaced by itself.",
            "changed_by: [uu1-2026]", doc.lines.get("changed_by") or doc.lines.get("replaced_by"),
        ))
    today = dt.datetime.now(WIB).date()
    verified = fields.get("verified_on")
    if isinstance(verified, dt.date) and verified > today:
        errors.append(ContentError(
            item.path, "verified_on",
            f"Tanggal pemeriksaan {verified.isoformat()} ada di masa depan. Tulis tanggal pasal ini terakhir diperiksa.",
            f"The check date {verified.isoformat()} is in the future. Write the date this provision was last checked.",
            today.isoformat(), doc.lines.get("verified_on"),
        ))
    return errors


TYPE = ContentType(
    name="hukum",
    kind="data",
    label_id="Dasar hukum",
    label_en="Legal provisions",
    url="hukum/#hukum-{slug}",  # every provision is an entry of /hukum/
    fields=(
        Bilingual("citation", example="{id: UU 35/2009 Pasal 127, en: 'Law 35/2009, Article 127'}",
                  help_id="Sebutan resmi pasal atau peraturannya, dalam dua bahasa (tampil sebagai judul).",
                  help_en="The provision's citation in both languages (shown as its heading)."),
        Choice("group", choices=GROUPS, example="pidana",
               help_id="Kelompok di halaman /hukum/: pidana (tindak pidana dan ancamannya), "
                       "rehabilitasi (wajib lapor dan rehabilitasi), obat (psikotropika dan obat tertentu).",
               help_en="Group on /hukum/: pidana (offences), rehabilitasi (self-reporting and rehabilitation), "
                       "obat (psychotropics and certain medicines)."),
        Choice("force", choices=FORCES, example="in-force",
               help_id="Status hukumnya: in-force (berlaku), amended (berlaku dengan perubahan) atau repealed (dicabut).",
               help_en="Legal standing: in-force, amended (in force with changes) or repealed."),
        IdList("changed_by", required=False, refers_to="hukum", example="[uu1-2026]",
               help_id="Untuk amended/repealed: kode berkas peraturan yang mengubah atau mencabutnya.",
               help_en="For amended/repealed: the file id of the law that changed or repealed it."),
        Date("changed_on", required=False, example="2026-01-02",
             help_id="Untuk amended/repealed: tanggal perubahan atau pencabutan mulai berlaku.",
             help_en="For amended/repealed: the date the change or repeal took effect."),
        IdList("replaced_by", required=False, refers_to="hukum", example="[kuhp-ps609]",
               help_id="Untuk repealed: kode berkas pasal penggantinya (boleh kosong).",
               help_en="For repealed: the file ids of the provisions that replace it (optional)."),
        Bilingual("summary",
                  example="{id: Memakai narkotika untuk diri sendiri adalah tindak pidana., "
                          "en: Using narcotics yourself is an offence.}",
                  help_id="Isi pasal dengan kata-kata sederhana, satu atau dua kalimat per bahasa. "
                          "Jangan mencantumkan angka hukuman.",
                  help_en="What the provision says in plain words, one or two sentences per language. "
                          "Do not quote sentence lengths."),
        Integer("order", required=False, example="10",
                help_id="Urutan di dalam kelompoknya di /hukum/ (kecil lebih dulu).",
                help_en="Order within its group on /hukum/ (smaller first)."),
        SOURCES,
        Date("verified_on", example="2026-12-01",
             help_id="Tanggal pasal ini terakhir diperiksa pada sumbernya.",
             help_en="Date this provision was last checked against its sources."),
    ),
    checks=(change_rules,),
)
