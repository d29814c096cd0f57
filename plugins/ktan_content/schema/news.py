"""News articles (berita): per language, paired by file name."""

from . import ContentType
from .common import STATUS, IMAGE, IMAGE_ALT, OPTIONAL_SOURCES, STAKEHOLDERS, SUMMARY, TAGS, TITLE
from .fields import DateTime

TYPE = ContentType(
    name="berita",
    kind="article",
    label_id="Berita",
    label_en="News",
    url="berita/{slug}/",
    category="berita",
    fields=(
        TITLE,
        STATUS,
        DateTime("date", example="2023-08-31 10:00",
                 help_id="Tanggal terbit (WIB).", help_en="Publication date (WIB)."),
        SUMMARY,
        STAKEHOLDERS,
        TAGS,
        IMAGE,
        IMAGE_ALT,
        OPTIONAL_SOURCES,
    ),
)
