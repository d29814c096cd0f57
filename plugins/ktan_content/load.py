"""Load and check the whole content folder: every file, every error at once.

``load_content`` is what the check step runs and what the plugins use to get
shared data (stakeholders, services); it is cached per process by file stamps
so both language sub-sites share one parse.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .frontmatter import Document, parse_data_file, parse_document, read_text
from .messages import ContentError
from .paths import ContentName, parse_name
from .schema import CONTENT_TYPES, ContentType
from .schema.fields import IdList, ImagePath
from .validate import closest, validate_document

IGNORED_NAMES = {".gitkeep", "README.md", "README.txt", ".DS_Store", "Thumbs.db", "desktop.ini"}
IGNORED_FOLDERS = {"images", "_templates"}


@dataclass
class Item:
    path: str  # relative to the content folder, with '/'
    ctype: ContentType
    name: ContentName
    doc: Document
    fields: dict

    @property
    def slug(self) -> str:
        return self.name.slug

    @property
    def lang(self) -> str:
        return self.name.lang


@dataclass
class ContentSet:
    root: Path
    items: list[Item] = field(default_factory=list)
    errors: list[ContentError] = field(default_factory=list)
    reported: bool = False

    def of_type(self, type_name: str) -> list[Item]:
        return [item for item in self.items if item.ctype.name == type_name]

    def data(self, type_name: str) -> dict[str, Item]:
        """Data items (one file per thing) of a type, by id."""
        return {item.slug: item for item in self.of_type(type_name)}

    def by_path(self) -> dict[str, Item]:
        if not hasattr(self, "_by_path"):
            self._by_path = {item.path: item for item in self.items}
        return self._by_path

    def find(self, type_name: str, slug: str, lang: str = "") -> Item | None:
        for item in self.of_type(type_name):
            if item.slug == slug and item.lang == lang:
                return item
        return None


def _walk(root: Path):
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in IGNORED_FOLDERS)
        for filename in sorted(filenames):
            if filename in IGNORED_NAMES or filename.startswith((".", "~")):
                continue
            full = Path(dirpath) / filename
            yield full, full.relative_to(root).as_posix()


def load_item(full: Path, rel: str, ctype: ContentType, errors: list[ContentError]) -> Item | None:
    name, problem = parse_name(rel, ctype)
    if problem:
        errors.append(problem)
        return None
    try:
        raw = read_text(full)
    except UnicodeDecodeError:
        errors.append(
            ContentError(
                rel,
                "",
                "Berkas tidak tersimpan sebagai UTF-8. Simpan ulang dengan pengodean UTF-8.",
                "The file is not saved as UTF-8. Save it again with UTF-8 encoding.",
            )
        )
        return None
    parse = parse_document if ctype.per_language else parse_data_file
    doc = parse(raw, rel, errors)
    if doc is None:
        return None
    fields, field_errors = validate_document(doc, ctype)
    errors.extend(field_errors)
    return Item(rel, ctype, name, doc, fields)


def _reference_errors(content: ContentSet) -> list[ContentError]:
    errors = []
    for item in content.items:
        for fld in item.ctype.fields:
            value = item.fields.get(fld.name)
            if isinstance(fld, IdList) and fld.refers_to and value:
                known = content.data(fld.refers_to)
                for ident in value:
                    if ident not in known:
                        guesses = closest(ident, known)
                        did_id = f" Mungkin maksudnya: {', '.join(guesses)}." if guesses else ""
                        did_en = f" Closest known ids: {', '.join(guesses)}." if guesses else ""
                        errors.append(
                            ContentError(
                                item.path,
                                fld.name,
                                f"Kode '{ident}' tidak ada di content/{fld.refers_to}/.{did_id}",
                                f"Unknown id '{ident}': no such file in content/{fld.refers_to}/.{did_en}",
                                guesses[0] if guesses else ", ".join(sorted(known)[:3]),
                                item.doc.lines.get(fld.name),
                            )
                        )
            if isinstance(fld, ImagePath) and value and not (content.root / value).is_file():
                errors.append(
                    ContentError(
                        item.path,
                        fld.name,
                        f"Gambar '{value}' tidak ditemukan. Simpan gambarnya di content/{value} atau perbaiki namanya.",
                        f"Image '{value}' not found. Put it at content/{value} or fix the name.",
                        fld.example,
                        item.doc.lines.get(fld.name),
                    )
                )
        if item.ctype.per_language and item.lang != "id" and not content.find(item.ctype.name, item.slug, "id"):
            errors.append(
                ContentError(
                    item.path,
                    "",
                    f"Terjemahan ini tidak punya berkas bahasa Indonesia '{item.slug}.id.md' di folder yang sama. "
                    "Nama berkas kedua bahasa harus sama kecuali akhiran .id/.en.",
                    f"This translation has no Indonesian file '{item.slug}.id.md' in the same folder. "
                    "Both languages' files must share the name except for .id/.en.",
                    f"{item.slug}.id.md",
                )
            )
        for check in item.ctype.checks:
            errors.extend(check(item, content))
    return errors


def load_content(root) -> ContentSet:
    """Read every content file below ``root``; collect items and all errors."""
    root = Path(root)
    content = ContentSet(root=root)
    for full, rel in _walk(root):
        top = rel.split("/", 1)[0]
        ctype = CONTENT_TYPES.get(top) if "/" in rel else None
        if ctype is None:
            if "/" in rel and top not in CONTENT_TYPES:
                content.errors.append(
                    ContentError(
                        rel,
                        "",
                        f"Folder '{top}' tidak dikenal. Folder konten: {', '.join(CONTENT_TYPES)}, images.",
                        f"Unknown folder '{top}'. Content folders: {', '.join(CONTENT_TYPES)}, images.",
                    )
                )
            continue
        item = load_item(full, rel, ctype, content.errors)
        if item is not None:
            content.items.append(item)
    content.errors.extend(_reference_errors(content))
    return content


_CACHE: dict = {}


def _stamp(root: Path) -> tuple:
    stamps = []
    for full, rel in _walk(root):
        st = full.stat()
        stamps.append((rel, st.st_mtime_ns, st.st_size))
    return tuple(stamps)


def load_content_cached(root) -> ContentSet:
    """``load_content`` once per set of file stamps: sub-sites share it."""
    root = Path(root).resolve()
    stamp = _stamp(root)
    cached = _CACHE.get(root)
    if cached and cached[0] == stamp:
        return cached[1]
    content = load_content(root)
    _CACHE[root] = (stamp, content)
    return content
