"""File naming rules: where content lives and how its name gives slug and language.

A wrong name is the most common mistake of editors coming from word
processors (``Judul Berita.MD``, ``judul.id.md.txt``), so ``parse_name``
says exactly which part is wrong and suggests the corrected name.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .messages import ContentError
from .schema import ContentType
from .schema.fields import LANGUAGES

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PER_LANGUAGE_RE = re.compile(r"^(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)\.(?P<lang>[a-z]{2})\.md$")
DATA_RE = re.compile(r"^(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)\.yml$")
LANGUAGE_ALIASES = {"in": "id", "ind": "id", "indo": "id", "eng": "en", "gb": "en", "us": "en", "uk": "en"}


@dataclass(frozen=True)
class ContentName:
    slug: str
    lang: str  # "" for data files


def slugify(text: str) -> str:
    """'Sosialisasi di SMPN 3 Jember!' -> 'sosialisasi-di-smpn-3-jember'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


KNOWN_EXTENSIONS = {"md", "markdown", "mdown", "mkd", "txt", "doc", "docx", "rtf", "odt", "html", "htm", "yml", "yaml"}


def _split(filename: str) -> tuple[str, str, list[str]]:
    """(stem, language part or '', extensions) of a file name, tolerant of case."""
    parts = filename.split(".")
    if len(parts) == 1:
        return filename, "", []
    cut = len(parts)
    while cut > 1 and parts[cut - 1].lower() in KNOWN_EXTENSIONS:
        cut -= 1
    if cut == len(parts):
        cut -= 1  # an unknown extension such as '.pages'
    extensions = parts[cut:]
    lang = ""
    if cut > 1 and parts[cut - 1].isalpha() and len(parts[cut - 1]) <= 4:
        lang = parts[cut - 1]
        cut -= 1
    return ".".join(parts[:cut]), lang, extensions


def _error(path: str, message_id: str, message_en: str, example: str) -> ContentError:
    return ContentError(path, "", message_id, message_en, example)


def _per_language_problem(path: str, filename: str) -> ContentError:
    stem, lang, extensions = _split(filename)
    slug = slugify(stem) or "judul-tulisan"
    fixed_lang = LANGUAGE_ALIASES.get(lang.lower(), lang.lower()) if lang else "id"
    if fixed_lang not in LANGUAGES:
        fixed_lang = "id"
    suggestion = f"{slug}.{fixed_lang}.md"
    ext = ".".join(extensions)
    if extensions and extensions[-1].lower() in ("txt", "doc", "docx", "rtf", "odt") and "md" in [e.lower() for e in extensions[:-1]]:
        return _error(
            path,
            f"Nama berkas berakhiran '.{extensions[-1]}' di belakang '.md' (biasanya ditambahkan Notepad/Word). "
            f"Hapus akhiran itu; simpan sebagai teks biasa.",
            f"The file name ends in '.{extensions[-1]}' after '.md' (usually added by Notepad/Word). "
            "Remove that ending; save as plain text.",
            suggestion,
        )
    if ext.lower() != "md":
        return _error(
            path,
            f"Berkas tulisan harus berakhiran .md (Markdown), bukan '.{ext}'. Simpan ulang sebagai teks biasa dengan akhiran .md.",
            f"A text file must end in .md (Markdown), not '.{ext}'. Save it again as plain text ending in .md.",
            suggestion,
        )
    if ext != "md":
        return _error(
            path,
            f"Akhiran berkas harus '.md' dengan huruf kecil, bukan '.{ext}'.",
            f"The file must end in lowercase '.md', not '.{ext}'.",
            suggestion,
        )
    if not lang:
        return _error(
            path,
            "Nama berkas belum menyebut bahasanya: tambahkan .id sebelum .md untuk bahasa Indonesia atau .en untuk bahasa Inggris.",
            "The file name does not say its language: add .id before .md for Indonesian or .en for English.",
            suggestion,
        )
    if lang not in LANGUAGES:
        return _error(
            path,
            f"Kode bahasa '{lang}' tidak dikenal. Pakai 'id' (Indonesia) atau 'en' (Inggris), huruf kecil.",
            f"Unknown language code '{lang}'. Use 'id' (Indonesian) or 'en' (English), lowercase.",
            suggestion,
        )
    return _error(
        path,
        f"Nama berkas '{stem}' hanya boleh berisi huruf kecil, angka dan tanda minus (-): tanpa spasi, huruf besar, garis bawah atau tanda baca.",
        f"The file name '{stem}' may only contain lowercase letters, digits and dashes (-): no spaces, capitals, underscores or punctuation.",
        suggestion,
    )


def _data_problem(path: str, filename: str) -> ContentError:
    stem, _, extensions = _split(filename)
    ext = ".".join(filename.split(".")[1:])
    suggestion = (slugify(stem) or "kode-mitra") + ".yml"
    if ext.lower() in ("yml", "yaml") and ext != "yml":
        return _error(
            path,
            f"Berkas data harus berakhiran '.yml' (huruf kecil), bukan '.{ext}'.",
            f"A data file must end in lowercase '.yml', not '.{ext}'.",
            suggestion,
        )
    if ext.lower() != "yml":
        return _error(
            path,
            f"Folder ini berisi berkas data berakhiran .yml (satu berkas berisi kedua bahasa), bukan '.{ext}'.",
            f"This folder holds data files ending in .yml (one file holding both languages), not '.{ext}'.",
            suggestion,
        )
    return _error(
        path,
        f"Nama berkas '{stem}' adalah kode yang dipakai berkas lain: hanya huruf kecil, angka dan tanda minus (-).",
        f"The file name '{stem}' is the id other files use: lowercase letters, digits and dashes (-) only.",
        suggestion,
    )


def parse_name(relative_path: str, ctype: ContentType) -> tuple[ContentName | None, ContentError | None]:
    filename = relative_path.rsplit("/", 1)[-1]
    if ctype.per_language:
        match = PER_LANGUAGE_RE.match(filename)
        if match and match["lang"] in LANGUAGES:
            return ContentName(match["slug"], match["lang"]), None
        return None, _per_language_problem(relative_path, filename)
    match = DATA_RE.match(filename)
    if match:
        return ContentName(match["slug"], ""), None
    return None, _data_problem(relative_path, filename)


def url_for(ctype: ContentType, slug: str) -> tuple[str, str]:
    """(url, save_as) of a per-language item, relative to its language root."""
    url = ctype.url.format(slug=slug)
    save_as = url + "index.html" if url.endswith("/") else url
    return url, save_as
