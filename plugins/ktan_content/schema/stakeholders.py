"""Stakeholders (mitra). Placeholder declaration; the owning issue completes its fields."""

from . import ContentType
from .common import SUMMARY, TITLE

TYPE = ContentType(
    name="mitra",
    kind="data",
    label_id="Mitra",
    label_en="Stakeholders",
    url="mitra/{slug}/",
    fields=(TITLE, SUMMARY),
)
