"""New content files from the content model: ``invoke new <type> "<Judul>"``.

The template is generated from the type's declaration (every field, its help
text and example as a comment), so it stays right when a type changes.
Optional fields are written empty (an empty optional field counts as not
given); required fields other than the title and the publication date are
left empty on purpose, so the check names what is still to be filled in.
Fields with a ``default`` start with it: every new file is ``status: draft``,
so its gaps are warnings and nothing goes live before the editor publishes it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .paths import SLUG_RE, slugify
from .schema import CONTENT_TYPES, ContentType
from .schema.fields import LANGUAGES, WIB, Bilingual, Date, DateTime, IdList, Sources, TextList

TITLE_FIELDS = ("title", "name")
BODY = {
    "id": "Tulis isi di sini dengan bahasa yang sederhana. Baris kosong memisahkan paragraf; "
    "`## Subjudul` membuat subjudul.\n",
    "en": "Write the text here in plain English. A blank line separates paragraphs; "
    "`## Heading` makes a heading.\n",
}


class ScaffoldError(Exception):
    """An editor mistake in the command (unknown type, file exists); message in both languages."""


def find_type(name: str) -> ContentType:
    wanted = name.strip().lower()
    for ctype in CONTENT_TYPES.values():
        if wanted in (ctype.name, ctype.label_id.lower(), ctype.label_en.lower()):
            return ctype
    known = ", ".join(CONTENT_TYPES)
    raise ScaffoldError(f"Jenis konten '{name}' tidak dikenal. Pilihan: {known}.\n(EN) Unknown content type '{name}'. Choose one of: {known}.")


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _comment(field) -> list[str]:
    need_id, need_en = ("Wajib", "Required") if field.required else ("Boleh kosong", "Optional")
    example = f" Contoh / example: {field.example}" if field.example else ""
    lines = [f"# {field.help_id} ({need_id}.){example}".replace("  ", " ")]
    if field.help_en:
        lines.append(f"# (EN) {field.help_en} ({need_en}.)")
    return lines


def _value_lines(field, title: str, now: dt.datetime) -> list[str]:
    name = field.name
    if isinstance(field, Bilingual):
        title_id = _quote(title) if name in TITLE_FIELDS else '""'
        return [f"{name}:", f"  id: {title_id}", '  en: ""']
    if name in TITLE_FIELDS:
        return [f"{name}: {_quote(title)}"]
    if name == "date" and isinstance(field, DateTime):
        return [f"{name}: {now:%Y-%m-%d %H:%M}"]
    if name == "date" and isinstance(field, Date):
        return [f"{name}: {now:%Y-%m-%d}"]
    if field.default:  # e.g. status: draft, so nothing new goes live before it is ready
        return [f"{name}: {field.default}"]
    if isinstance(field, Sources):
        return [f"{name}:", '  - title: ""', '    url: ""']
    if isinstance(field, (IdList, TextList)):
        return [f"{name}: []"]
    return [f"{name}:"]


def render(ctype: ContentType, title: str, lang: str = "", now: dt.datetime | None = None) -> str:
    """The text of a new file of ``ctype``; ``lang`` for per-language types."""
    now = now or dt.datetime.now(WIB)
    lines = ["---"] if ctype.per_language else []
    lines.append(f"# {ctype.label_id} baru / new {ctype.label_en}. Baris berawalan # adalah petunjuk; boleh dihapus.")
    if lang and lang != LANGUAGES[0]:
        lines.append("# Terjemahkan semua teks ke bahasa Inggris. / Translate every text into English.")
    for field in ctype.fields:
        lines.append("")
        lines += _comment(field)
        lines += _value_lines(field, title, now)
    if ctype.per_language:
        lines += ["---", BODY.get(lang, BODY["id"])]
    return "\n".join(lines) + ("" if ctype.per_language else "\n")


def target_paths(content_root: Path, ctype: ContentType, slug: str) -> dict[str, Path]:
    folder = Path(content_root) / ctype.name
    if ctype.per_language:
        return {lang: folder / f"{slug}.{lang}.md" for lang in LANGUAGES}
    return {"": folder / f"{slug}.yml"}


def new_files(content_root, type_name: str, title: str, slug: str = "", now: dt.datetime | None = None) -> list[Path]:
    """Write the new file(s); refuse to overwrite anything. Returns the paths written."""
    ctype = find_type(type_name)
    if not title.strip():
        raise ScaffoldError('Tulis judulnya, misalnya: invoke new berita "Sosialisasi di SMPN 3 Jember"\n'
                            '(EN) Give a title, e.g. invoke new berita "Outreach at SMPN 3 Jember"')
    slug = slug or slugify(title)
    if not SLUG_RE.match(slug):
        raise ScaffoldError(f"Nama berkas '{slug}' tidak sah: huruf kecil, angka dan tanda minus saja.\n"
                            f"(EN) The file name '{slug}' is not valid: lowercase letters, digits and dashes only.")
    targets = target_paths(Path(content_root), ctype, slug)
    existing = [str(p) for p in targets.values() if p.exists()]
    if existing:
        raise ScaffoldError(f"Berkas sudah ada, tidak ditimpa: {', '.join(existing)}. Pakai judul atau --slug lain.\n"
                            f"(EN) The file already exists and was not overwritten: {', '.join(existing)}. Use another title or --slug.")
    for lang, path in targets.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(render(ctype, title.strip(), lang, now))
    return list(targets.values())
