"""File naming rules: where content lives and how its name gives slug and language."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .messages import ContentError
from .schema import ContentType
from .schema.fields import LANGUAGES

PER_LANGUAGE_RE = re.compile(r"^(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)\.(?P<lang>[a-z]{2})\.md$")
DATA_RE = re.compile(r"^(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)\.yml$")


@dataclass(frozen=True)
class ContentName:
    slug: str
    lang: str  # "" for data files


def _suggest(filename: str, suffix: str) -> str:
    stem = filename.split(".")[0]
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "nama-berkas"
    return slug + suffix


def parse_name(relative_path: str, ctype: ContentType) -> tuple[ContentName | None, ContentError | None]:
    filename = relative_path.rsplit("/", 1)[-1]
    if ctype.per_language:
        match = PER_LANGUAGE_RE.match(filename)
        if match and match["lang"] in LANGUAGES:
            return ContentName(match["slug"], match["lang"]), None
        example = _suggest(filename, ".id.md")
        return None, ContentError(
            relative_path,
            "",
            "Nama berkas harus berbentuk nama-dengan-tanda-minus.id.md (Indonesia) atau .en.md (Inggris): "
            "huruf kecil, tanpa spasi, berakhiran .md (bukan .MD atau .txt).",
            "The file name must look like name-with-dashes.id.md (Indonesian) or .en.md (English): "
            "lowercase, no spaces, ending in .md (not .MD or .txt).",
            example,
        )
    match = DATA_RE.match(filename)
    if match:
        return ContentName(match["slug"], ""), None
    return None, ContentError(
        relative_path,
        "",
        "Nama berkas data harus berbentuk kode-huruf-kecil.yml (tanpa spasi, berakhiran .yml).",
        "A data file name must look like lowercase-id.yml (no spaces, ending in .yml).",
        _suggest(filename, ".yml"),
    )


def url_for(ctype: ContentType, slug: str) -> tuple[str, str]:
    """(url, save_as) of a per-language item, relative to its language root."""
    url = ctype.url.format(slug=slug)
    save_as = url + "index.html" if url.endswith("/") else url
    return url, save_as
