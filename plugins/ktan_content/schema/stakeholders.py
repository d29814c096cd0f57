"""Stakeholders (mitra): one YAML file per stakeholder, both languages inside.

The file name is the stable id that articles and events use
(``content/mitra/dinkes.yml`` -> ``stakeholders: [dinkes]``). Contact data
lives here once and is shown in both languages. Two files with the same name
(in different sub-folders) are caught by the loader's address check.
"""

from . import ContentType
from .common import SOURCES, STATUS
from .fields import Bilingual, Choice, ImagePath, Integer, Phone, Text, Url

# Display order of the groups on /mitra/; the keys are what editors write.
GROUPS = ("polisi", "perangkat-daerah", "wilayah", "masyarakat", "lainnya")


TYPE = ContentType(
    name="mitra",
    kind="data",
    label_id="Mitra",
    label_en="Stakeholders",
    url="mitra/{slug}/",
    fields=(
        Bilingual("name", example="{id: Dinas Kesehatan Kabupaten Jember, en: Jember Regency Health Office}",
                  help_id="Nama lengkap lembaga, dalam bahasa Indonesia dan Inggris.",
                  help_en="Full name of the organisation, in Indonesian and English."),
        STATUS,
        Text("short_name", example="Dinkes Jember", max_length=40,
             help_id="Nama singkat untuk daftar dan tautan (sama di kedua bahasa).",
             help_en="Short name for lists and links (the same in both languages)."),
        Choice("group", choices=GROUPS, example="perangkat-daerah",
               help_id="Kelompok: polisi, perangkat-daerah, wilayah (kecamatan/kelurahan), masyarakat, lainnya.",
               help_en="Group: polisi (police), perangkat-daerah (district agencies), wilayah (sub-district/village), "
                       "masyarakat (community), lainnya (others)."),
        Bilingual("role", example="{id: Konsultasi dan rehabilitasi, en: Counselling and rehabilitation}",
                  help_id="Peran dalam program, dalam bahasa Indonesia dan Inggris.",
                  help_en="Role in the programme, in Indonesian and English."),
        Integer("order", required=False, example="10",
                help_id="Urutan tampil di dalam kelompoknya (kecil lebih dulu).",
                help_en="Display order within its group (smaller first)."),
        Url("website", required=False, example="https://www.jemberkab.go.id/",
            help_id="Situs resmi (hanya bila ada sumbernya).", help_en="Official website (only if sourced)."),
        Phone("phone", required=False,
              help_id="Nomor telepon kantor (hanya bila ada sumbernya).", help_en="Office phone (only if sourced)."),
        Text("address", required=False, example="Jl. Sudarman No. 1, Jember", max_length=160,
             help_id="Alamat kantor (hanya bila ada sumbernya).", help_en="Office address (only if sourced)."),
        ImagePath("logo", required=False, example="images/mitra/dinkes.svg",
                  help_id="Logo, disimpan di content/images/.", help_en="Logo, stored in content/images/."),
        SOURCES,
    ),
)
