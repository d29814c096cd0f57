"""Events (kegiatan). Placeholder declaration; the owning issue completes its fields."""

from . import ContentType
from .common import SUMMARY, TITLE

TYPE = ContentType(
    name="kegiatan",
    kind="article",
    label_id="Kegiatan",
    label_en="Events",
    url="kegiatan/{slug}/",
    fields=(TITLE, SUMMARY),
)
