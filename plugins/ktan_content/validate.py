"""Validate one parsed document against its content type."""

from __future__ import annotations

import difflib

from .frontmatter import Document
from .messages import ContentError
from .schema import ContentType
from .schema.fields import FieldProblem

# Keys Pelican or the build sets itself; editors may still write them.
PELICAN_KEYS = {"status": ("published", "draft", "hidden")}


def closest(word: str, candidates, n: int = 3) -> list[str]:
    return difflib.get_close_matches(word, list(candidates), n=n, cutoff=0.6)


def validate_document(doc: Document, ctype: ContentType) -> tuple[dict, list[ContentError]]:
    """Return the converted fields and every problem found in ``doc``."""
    errors: list[ContentError] = []
    clean: dict = {}
    fields = ctype.field_map()
    for key, raw in doc.meta.items():
        name = str(key).strip()
        line = doc.lines.get(key)
        if name in PELICAN_KEYS:
            value = str(raw).strip().lower()
            if value not in PELICAN_KEYS[name]:
                allowed = ", ".join(PELICAN_KEYS[name])
                errors.append(ContentError(doc.path, name, f"Pilihan: {allowed}.", f"Choose one of: {allowed}.", "draft", line))
            else:
                clean[name] = value
            continue
        if name in ctype.allow_extra:
            clean[name] = raw
            continue
        if name not in fields:
            guesses = closest(name.lower(), fields)
            hint_id = f" Mungkin maksudnya: {', '.join(guesses)}?" if guesses else ""
            hint_en = f" Did you mean: {', '.join(guesses)}?" if guesses else ""
            known = ", ".join(fields)
            errors.append(
                ContentError(
                    doc.path,
                    name,
                    f"Kolom '{name}' tidak dikenal untuk {ctype.label_id}.{hint_id} Kolom yang ada: {known}.",
                    f"Unknown field '{name}' for {ctype.label_en}.{hint_en} Known fields: {known}.",
                    line=line,
                )
            )
            continue
        field = fields[name]
        try:
            clean[name] = field.convert(raw)
        except FieldProblem as problem:
            errors.append(ContentError(doc.path, name, problem.message_id, problem.message_en, field.example, line))
    for name, field in fields.items():
        if field.required and name not in doc.meta:
            errors.append(
                ContentError(
                    doc.path,
                    name,
                    f"Kolom wajib '{name}' belum ada. {field.help_id}".strip(),
                    f"The required field '{name}' is missing. {field.help_en}".strip(),
                    f"{name}: {field.example}" if field.example else "",
                    1,
                )
            )
    return clean, errors
