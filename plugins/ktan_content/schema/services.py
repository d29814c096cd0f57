"""Services (layanan). Placeholder declaration; the owning issue completes its fields."""

from . import ContentType
from .common import SUMMARY, TITLE

TYPE = ContentType(
    name="layanan",
    kind="data",
    label_id="Layanan",
    label_en="Services",
    url="layanan/{slug}/",
    fields=(TITLE, SUMMARY),
)
