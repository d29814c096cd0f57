"""Plain pages (about, privacy, accessibility, help...): per language."""

from . import ContentType
from .common import STATUS, OPTIONAL_SOURCES, SUMMARY, TITLE
from .fields import Date, Integer
from .hukum import LAW

TYPE = ContentType(
    name="pages",
    kind="page",
    label_id="Halaman",
    label_en="Page",
    url="{slug}/",
    fields=(
        TITLE,
        STATUS,
        SUMMARY,
        Date("modified", required=False, example="2026-11-27",
             help_id="Tanggal terakhir isi diperiksa/diubah.", help_en="Date the text was last checked/changed."),
        Integer("nav_order", required=False, example="10",
                help_id="Urutan di menu (kosongkan bila tidak tampil di menu).",
                help_en="Order in the menu (leave out to keep it out of the menu)."),
        LAW,
        OPTIONAL_SOURCES,
    ),
)
