"""Drugs A-Z (narkoba). Placeholder declaration; the owning issue completes its fields."""

from . import ContentType
from .common import SUMMARY, TITLE

TYPE = ContentType(
    name="narkoba",
    kind="page",
    label_id="Narkoba A-Z",
    label_en="Drugs A-Z",
    url="narkoba/{slug}/",
    fields=(TITLE, SUMMARY),
)
