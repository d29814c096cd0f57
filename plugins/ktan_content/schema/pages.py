"""Plain pages (about, privacy, accessibility, help...): per language."""

from . import ContentType
from .common import STATUS, OPTIONAL_SOURCES, SUMMARY, TITLE
from .fields import Date
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
        LAW,
        OPTIONAL_SOURCES,
    ),
)
