"""Validate one parsed document against its content type."""

from __future__ import annotations

import difflib

from .frontmatter import INVISIBLE_RE, Document, describe_invisible, without_invisible
from .messages import ContentError
from .schema import ContentType
from .schema.fields import FieldProblem, ImagePath, is_blank  # noqa: F401 (is_blank: used by callers)

# Keys editors bring from other tools, and why they are not needed here.
FOREIGN_KEYS = {
    "slug": ("Alamat halaman diambil dari nama berkas; ganti nama berkasnya.", "The address comes from the file name; rename the file."),
    "lang": ("Bahasa diambil dari nama berkas (.id.md atau .en.md).", "The language comes from the file name (.id.md or .en.md)."),
    "language": ("Bahasa diambil dari nama berkas (.id.md atau .en.md).", "The language comes from the file name (.id.md or .en.md)."),
    "translation": ("Terjemahan dipasangkan lewat nama berkas yang sama (.id.md / .en.md).", "Translations are paired by the same file name (.id.md / .en.md)."),
    "category": ("Kategori ditentukan oleh folder tempat berkas disimpan.", "The category is given by the folder the file is in."),
    "categories": ("Kategori ditentukan oleh folder tempat berkas disimpan.", "The category is given by the folder the file is in."),
    "url": ("Alamat halaman dibuat otomatis dari folder dan nama berkas.", "The address is made from the folder and the file name."),
    "save_as": ("Alamat halaman dibuat otomatis dari folder dan nama berkas.", "The address is made from the folder and the file name."),
    "template": ("Tampilan ditentukan oleh jenis konten (folder).", "The layout is given by the content type (folder)."),
}


def closest(word: str, candidates, n: int = 3) -> list[str]:
    return difflib.get_close_matches(word, list(candidates), n=n, cutoff=0.6)


def _unknown_field(doc: Document, ctype: ContentType, name: str, line) -> ContentError:
    fields = ctype.field_map()
    known = ", ".join(fields)
    if name.lower() in FOREIGN_KEYS:
        why_id, why_en = FOREIGN_KEYS[name.lower()]
        return ContentError(
            doc.path, name, f"Kolom '{name}' tidak dipakai di situs ini: {why_id} Hapus baris ini.",
            f"The field '{name}' is not used on this site: {why_en} Remove this line.", line=line,
        )
    guesses = closest(name.lower(), fields)
    hint_id = f" Mungkin maksudnya: {', '.join(guesses)}?" if guesses else ""
    hint_en = f" Did you mean: {', '.join(guesses)}?" if guesses else ""
    return ContentError(
        doc.path,
        name,
        f"Kolom '{name}' tidak dikenal untuk {ctype.label_id}.{hint_id} Kolom yang ada: {known}.",
        f"Unknown field '{name}' for {ctype.label_en}.{hint_en} Known fields: {known}.",
        f"{guesses[0]}: ..." if guesses else "",
        line,
    )


def _convert(field, raw):
    """Convert one value; a field kind that trips over odd input still gives a message."""
    try:
        return field.convert(raw), None
    except FieldProblem as problem:
        return None, problem
    except (TypeError, ValueError, AttributeError, KeyError, IndexError) as exc:
        return None, FieldProblem(
            "Nilai ini tidak bisa dibaca. Tulis seperti contoh di bawah.",
            f"This value cannot be read ({type(exc).__name__}). Write it like the example below.",
        )


def validate_document(doc: Document, ctype: ContentType) -> tuple[dict, list[ContentError]]:
    """Return the converted fields and every problem found in ``doc``."""
    errors: list[ContentError] = []
    clean: dict = {}
    fields = ctype.field_map()
    suggested = set()  # 'tittle' already says "did you mean title?": no second message for title
    for key, raw in doc.meta.items():
        name = str(key).strip()
        line = doc.lines.get(key)
        if name in ctype.allow_extra:
            clean[name] = raw
            continue
        if name not in fields and INVISIBLE_RE.search(name):
            errors.append(_invisible_problem(doc, without_invisible(name).strip(), name, line, key=True))
            suggested.add(without_invisible(name).strip())  # its "missing field" follows from this one
            continue
        if name not in fields:
            errors.append(_unknown_field(doc, ctype, name, line))
            suggested.update(closest(name.lower(), fields, n=1))
            continue
        field = fields[name]
        if is_blank(raw):
            if field.required:
                errors.append(_missing(doc, field, line, empty=True))
            continue  # an optional field left empty counts as not given
        value, problem = _convert(field, raw)
        if problem and _invisible_in(raw):
            errors.append(_invisible_problem(doc, name, raw, line, field=field))
        elif problem:
            example = _example(name, problem.example or field.example, raw)
            errors.append(ContentError(doc.path, name, problem.message_id, problem.message_en, example, line))
        else:
            clean[name] = value
    for name, field in fields.items():
        alt = fields.get(f"{name}_alt")
        if isinstance(field, ImagePath) and name in clean and alt is not None and alt.name not in clean:
            errors.append(
                ContentError(
                    doc.path, alt.name,
                    f"Foto di kolom '{name}' perlu keterangan untuk pembaca layar di kolom '{alt.name}'.",
                    f"The photo in '{name}' needs a description for screen readers in '{alt.name}'.",
                    f"{alt.name}: {alt.example}", doc.lines.get(alt.name) or doc.lines.get(name),
                )
            )
        if field.required and name not in doc.meta and name not in suggested:
            errors.append(_missing(doc, field, None, empty=False))
    return clean, errors


def _invisible_in(raw) -> str | None:
    """The first string inside ``raw`` (a value, list or map) holding an invisible character."""
    if isinstance(raw, str):
        return raw if INVISIBLE_RE.search(raw) else None
    values = raw.values() if isinstance(raw, dict) else raw if isinstance(raw, list) else ()
    return next((found for found in map(_invisible_in, values) if found), None)


def _invisible_problem(doc: Document, name: str, raw, line, key: bool = False, field=None) -> ContentError:
    """A value (or field name) that is wrong because of a character nobody can see.

    The example is the value without it when that value is right; otherwise
    the corrected or declared example (never an impossible one).
    """
    text = raw if key else _invisible_in(raw)
    message_id, message_en = describe_invisible(text, INVISIBLE_RE.search(text).start())
    where_id, where_en = ("Nama kolom", "The field name") if key else (f"Nilai kolom '{name}'", f"The value of '{name}'")
    fixed = without_invisible(text).strip()
    example = f"{fixed}: ..." if key else ""
    if not key and field is not None:
        cleaned = without_invisible(raw).strip() if isinstance(raw, str) else None
        value, problem = _convert(field, cleaned) if cleaned else (None, None)
        if cleaned and problem is None:
            example = f"{name}: {cleaned}"
        else:
            example = _example(name, (problem.example if problem else "") or field.example, raw)
    return ContentError(doc.path, name, f"{where_id}: {message_id}", f"{where_en}: {message_en}", example, line)


def _example(name: str, value: str, raw) -> str:
    """'name: value', unless the value is what the editor already wrote (that would not help)."""
    if not value or (isinstance(raw, str) and value.strip() == raw.strip()):
        return ""
    return f"{name}: {value}"


def _missing(doc: Document, field, line, empty: bool) -> ContentError:
    name = field.name
    state_id, state_en = ("masih kosong", "is empty") if empty else ("belum ada", "is missing")
    return ContentError(
        doc.path,
        name,
        f"Kolom wajib '{name}' {state_id}. {field.help_id}".strip(),
        f"The required field '{name}' {state_en}. {field.help_en}".strip(),
        f"{name}: {field.example}" if field.example else "",
        line or 1,
    )
