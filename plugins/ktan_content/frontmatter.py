"""Read YAML front matter and YAML data files, the one way the whole site does.

The check and the Pelican reader both call ``parse_document`` /
``parse_data_file``, so a file that passes the check is read identically by
the build. YAML is loaded with ``BaseLoader``: every scalar stays a string
(``08:00`` is not turned into 480, ``0331...`` keeps its leading zero, ``no``
is not ``False``); the schema converts and explains.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from .messages import ContentError

FENCE = "---"


@dataclass
class Document:
    path: str
    meta: dict
    body: str
    lines: dict = field(default_factory=dict)  # top-level key -> 1-based line
    body_line: int = 1


def _clean_text(raw: str, path: str, errors: list[ContentError]) -> str:
    if raw.startswith("\ufeff"):
        raw = raw[1:]  # a BOM from Notepad is harmless: drop it silently
    if "\r" in raw:
        raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    return raw


def _load_yaml(text: str, path: str, line_offset: int, errors: list[ContentError]):
    """Load YAML as strings, returning (data, key lines) or (None, {})."""
    tab_lines = [i for i, line in enumerate(text.split("\n"), 1) if line.startswith("\t") or "\t" in line.split(":", 1)[0]]
    if tab_lines:
        line = tab_lines[0] + line_offset
        errors.append(
            ContentError(
                path,
                "",
                "Ada karakter TAB di bagian kepala (front matter). YAML hanya boleh memakai spasi untuk menjorok.",
                "The front matter contains a TAB character. YAML indentation must use spaces.",
                "ganti TAB dengan dua spasi",
                line,
            )
        )
        return None, {}
    loader = yaml.BaseLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else {}
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark else None
        hint_id, hint_en, example = _yaml_hint(exc, text, mark)
        errors.append(ContentError(path, "", hint_id, hint_en, example, line))
        return None, {}
    except yaml.YAMLError as exc:  # pragma: no cover - defensive
        errors.append(ContentError(path, "", f"Bagian kepala tidak bisa dibaca: {exc}", f"The front matter cannot be read: {exc}"))
        return None, {}
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        errors.append(
            ContentError(
                path,
                "",
                "Bagian kepala harus berupa daftar 'nama: nilai', satu per baris.",
                "The front matter must be a list of 'name: value' lines.",
                "title: Judul tulisan",
                1 + line_offset,
            )
        )
        return None, {}
    lines = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            lines[key_node.value] = key_node.start_mark.line + 1 + line_offset
    return data, lines


def _yaml_hint(exc, text: str, mark):
    problem = (exc.problem or "").lower()
    bad_line = ""
    if mark is not None:
        all_lines = text.split("\n")
        if 0 <= mark.line < len(all_lines):
            bad_line = all_lines[mark.line].strip()
    if "mapping values are not allowed" in problem:
        key = bad_line.split(":", 1)[0] if ":" in bad_line else "title"
        return (
            "Nilai berisi tanda titik dua (:) tanpa tanda kutip. Apit seluruh nilai dengan tanda kutip ganda.",
            "A value contains a colon (:) without quotes. Put the whole value in double quotes.",
            f'{key}: "Sosialisasi: Bahaya Narkoba"',
        )
    return (
        f"Bagian kepala tidak bisa dibaca ({exc.problem}). Periksa tanda kutip, titik dua dan jorokan baris ini.",
        f"The front matter cannot be read ({exc.problem}). Check the quotes, colons and indentation on this line.",
        'title: "Judul dengan tanda: titik dua"',
    )


def parse_document(raw: str, path: str, errors: list[ContentError]) -> Document | None:
    """Split a Markdown file into front matter and body; report problems."""
    text = _clean_text(raw, path, errors)
    if not text.startswith(FENCE + "\n"):
        errors.append(
            ContentError(
                path,
                "",
                "Berkas harus diawali baris '---', lalu kolom-kolom (title: ...), lalu '---' lagi, baru isi tulisan.",
                "The file must start with a '---' line, then the fields (title: ...), then '---', then the text.",
                "---\\ntitle: Judul\\n---\\nIsi tulisan",
                1,
            )
        )
        return None
    end = text.find("\n" + FENCE + "\n", len(FENCE))
    if end == -1 and text.endswith("\n" + FENCE):
        end = len(text) - len(FENCE) - 1
    if end == -1:
        errors.append(
            ContentError(
                path,
                "",
                "Bagian kepala tidak ditutup: tambahkan baris '---' setelah kolom terakhir.",
                "The front matter is not closed: add a '---' line after the last field.",
                "---",
            )
        )
        return None
    header = text[len(FENCE) + 1 : end + 1]
    body = text[end + len(FENCE) + 2 :]
    meta, lines = _load_yaml(header, path, 1, errors)
    if meta is None:
        return None
    body_line = header.count("\n") + 3
    return Document(path=path, meta=meta, body=body, lines=lines, body_line=body_line)


def parse_data_file(raw: str, path: str, errors: list[ContentError]) -> Document | None:
    """Read a YAML data file (stakeholder, service)."""
    text = _clean_text(raw, path, errors)
    if text.startswith(FENCE + "\n"):
        text = text[len(FENCE) + 1 :]
        offset = 1
    else:
        offset = 0
    meta, lines = _load_yaml(text, path, offset, errors)
    if meta is None:
        return None
    return Document(path=path, meta=meta, body="", lines=lines)


def read_text(path) -> str:
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()
