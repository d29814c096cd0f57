"""The content model: every content type, its folder, its fields.

A content type is declared once here (one module per type, collected in
``CONTENT_TYPES``); the check step, the Pelican reader, the scaffolding task
and the editors' guide all read the same declaration.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .fields import Field


@dataclass(frozen=True)
class ContentType:
    name: str  # folder under content/, also the type name editors use
    kind: str  # "article", "page" (Markdown per language) or "data" (one YAML file)
    label_id: str
    label_en: str
    fields: tuple[Field, ...]
    url: str = "{slug}/"  # per-language URL below the language root
    template: str = ""  # Pelican template name; "" = Pelican's default
    category: str = ""  # Pelican category for articles
    date_field: str = "date"  # the field Pelican sorts articles by (events: "start")
    allow_extra: tuple[str, ...] = field(default=())
    # Extra checks over one loaded item: fn(item, content_set) -> list[ContentError].
    # For rules across fields or files (end after start, a translation's partner).
    checks: tuple = field(default=())

    def __post_init__(self):
        """Every type has ``status`` (drafts are filtered by it); a type that forgot it gets the common one."""
        if not any(f.name == "status" for f in self.fields):
            from .common import STATUS

            object.__setattr__(self, "fields", (*self.fields, STATUS))

    def field_map(self) -> dict[str, Field]:
        return {f.name: f for f in self.fields}

    @property
    def per_language(self) -> bool:
        return self.kind in ("article", "page")


def _registry() -> dict[str, ContentType]:
    from . import events, hukum, news, pages, services, stakeholders, substances

    types = [news.TYPE, events.TYPE, substances.TYPE, pages.TYPE, services.TYPE, stakeholders.TYPE, hukum.TYPE]
    return {t.name: t for t in types}


CONTENT_TYPES = _registry()


def type_for_path(relative_path: str) -> ContentType | None:
    """The content type of a path relative to content/, by its first folder."""
    top = relative_path.replace("\\", "/").split("/", 1)[0]
    return CONTENT_TYPES.get(top)
