"""docs/fields.md: every field of every content type, generated from the schema (``invoke fields-doc``).

The same declarations give the check, the CMS form and this page, so what
an editor reads here is what the form shows and what the check enforces. A
test regenerates the page and fails when the committed copy is out of date.
"""

from __future__ import annotations

from pathlib import Path

from ktan_content.schema import CONTENT_TYPES, ContentType
from ktan_content.schema.labels import field_label

from .config import field_config

WIDGET_WORDS = {
    "string": "teks satu baris",
    "select": "pilihan dari daftar",
    "relation": "pilih dari daftar isi lain",
    "list": "daftar",
    "object": "beberapa isian",
    "image": "unggah gambar",
    "number": "angka",
    "boolean": "sakelar ya/tidak",
    "ktan-waktu": "tanggal (dan jam WIB)",
    "markdown": "teks panjang (Markdown)",
}
HEADER = """# Kolom setiap jenis konten

> Dibuat otomatis dari `plugins/ktan_content/schema` dengan `invoke fields-doc`; jangan disunting dengan tangan.
> *Generated from the content model; do not edit by hand.*

Setiap kolom di bawah ini muncul di formulir penyunting (`invoke edit`, lihat [panduan editor](panduan-editor.md))
dengan label dan petunjuk yang sama, dan diperiksa oleh `invoke check`. "Di berkas" adalah nama kolom bila berkas
ditulis dengan tangan.
"""


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _form(entry: dict) -> str:
    words = WIDGET_WORDS.get(entry["widget"], entry["widget"])
    if entry["widget"] == "select":
        words += ": " + ", ".join(f"`{o}`" for o in entry["options"]) if len(entry["options"]) <= 8 else ""
        if entry.get("multiple"):
            words = "beberapa " + words
    if entry["widget"] == "relation":
        words += f" (`content/{entry['collection']}/`)"
    if entry.get("fields"):
        words += " — " + ", ".join(_cell(sub["label"]) for sub in entry["fields"])
    return words


def type_section(ctype: ContentType) -> str:
    if ctype.per_language:
        where = f"`content/{ctype.name}/<nama>.id.md` dan `<nama>.en.md` (satu berkas per bahasa, isi di bawah `---` kedua)"
    else:
        where = f"`content/{ctype.name}/<kode>.yml` (satu berkas berisi kedua bahasa)"
    lines = [
        f"## {ctype.label_id} / {ctype.label_en}",
        "",
        f"Berkas: {where}. Alamat halaman: `/{ctype.url.format(slug='<nama>')}`.",
        "",
        "| Kolom | Di berkas | Wajib | Di formulir | Keterangan | Contoh |",
        "|---|---|---|---|---|---|",
    ]
    for field in ctype.fields:
        entry = field_config(field, ctype.per_language)
        example = f"`{_cell(field.example)}`" if field.example else ""
        lines.append(
            f"| {_cell(field_label(field))} | `{field.name}` | {'ya' if field.required else 'tidak'} | {_form(entry)} "
            f"| {_cell(field.help_id)} *({_cell(field.help_en)})* | {example} |"
        )
    return "\n".join(lines) + "\n"


def render() -> str:
    return HEADER + "".join("\n" + type_section(ctype) for ctype in CONTENT_TYPES.values())


def write(path: Path) -> bool:
    """Write the page; True when it changed."""
    text = render()
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True
