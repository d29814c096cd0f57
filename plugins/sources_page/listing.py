"""Collect every public source the site cites, per section, for one language."""

from __future__ import annotations

from dataclasses import dataclass

from ktan_content.load import ContentSet
from ktan_content.paths import url_for


@dataclass(frozen=True)
class SourcedItem:
    title: str
    url: str  # below the language root
    sources: tuple


@dataclass(frozen=True)
class Section:
    label: str
    items: tuple


def _title(item, lang: str) -> str:
    title = item.fields.get("title") or item.fields.get("name") or item.fields.get("citation") or item.slug
    if isinstance(title, dict):
        return title.get(lang) or title.get("id", item.slug)
    return title


def sourced_sections(content: ContentSet, lang: str) -> list[Section]:
    """Sections (in content-model order) with the items of ``lang`` that cite sources."""
    sections: dict[str, list[SourcedItem]] = {}
    labels = {}
    for item in content.items:
        sources = item.fields.get("sources")
        if not sources or (item.ctype.per_language and item.lang != lang):
            continue
        ctype = item.ctype
        labels[ctype.name] = ctype.label_id if lang == "id" else ctype.label_en
        url = url_for(ctype, item.slug)[0]
        sections.setdefault(ctype.name, []).append(SourcedItem(_title(item, lang), url, tuple(sources)))
    return [
        Section(labels[name], tuple(sorted(items, key=lambda i: i.title.lower())))
        for name, items in sections.items()
    ]
