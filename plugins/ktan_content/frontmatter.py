"""Read YAML front matter and YAML data files, the one way the whole site does.

The check and the Pelican reader both call ``parse_document`` /
``parse_data_file``, so a file that passes the check is read identically by
the build. YAML is loaded with ``BaseLoader``: every scalar stays a string
(``08:00`` is not turned into 480, ``0331...`` keeps its leading zero, ``no``
is not ``False``); the schema converts and explains.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from .messages import ContentError

FENCE = "---"
# libyaml when present (about 10x faster); the same YAML rules, all values strings.
Loader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
# What PyYAML refuses to read (yaml.reader.Reader.NON_PRINTABLE), found before it raises.
NON_PRINTABLE_RE = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010ffff]")


# Characters that look like nothing or like a space, pasted from Word, PDFs or
# WhatsApp. In front matter they make a value wrong while it looks right
# ('2023-08-31 08:00' with a non-breaking space is not a date), so they are
# named with their position instead of being reported as a wrong value.
INVISIBLE_NAMES = {
    "\u00a0": ("spasi tak-putus", "non-breaking space", " "),
    "\u202f": ("spasi tak-putus sempit", "narrow non-breaking space", " "),
    "\u2007": ("spasi angka", "figure space", " "),
    "\u200b": ("spasi lebar-nol", "zero-width space", ""),
    "\u200c": ("pemisah lebar-nol", "zero-width non-joiner", ""),
    "\u200d": ("penyambung lebar-nol", "zero-width joiner", ""),
    "\u2060": ("penyambung kata", "word joiner", ""),
    "\ufeff": ("tanda BOM", "byte order mark", ""),
    "\u00ad": ("tanda hubung lunak", "soft hyphen", ""),
}
INVISIBLE_RE = re.compile("[" + "".join(INVISIBLE_NAMES) + "]")


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


def _first_invisible(text: str, upto_line: int | None) -> int | None:
    """Offset of the first invisible character (up to a 0-based line), or None."""
    found = INVISIBLE_RE.search(text)
    if found is None or (upto_line is not None and text.count("\n", 0, found.start()) > upto_line):
        return None
    return found.start()


def without_invisible(text: str) -> str:
    """The text as the editor meant it: invisible spaces as spaces, zero-width characters removed."""
    return INVISIBLE_RE.sub(lambda m: INVISIBLE_NAMES[m.group()][2], NON_PRINTABLE_RE.sub("", text))


def describe_invisible(text: str, offset: int) -> tuple[str, str]:
    """(Indonesian, English) words for the invisible character at ``offset`` of a one-line ``text``.

    Its name and code, its position (the n-th character, what comes before it)
    and the text with the character made visible, so the "wrong" and "right"
    values no longer look the same.
    """
    char = text[offset]
    code = f"U+{ord(char):04X}"
    name_id, name_en, _ = INVISIBLE_NAMES.get(char, ("karakter kendali", "control character", ""))
    shown = text[:offset] + f"[{code}]" + text[offset + 1:]
    before = text[:offset].strip()
    after_id = f", sesudah '{before}'" if before else ", di awal"
    after_en = f", after '{before}'" if before else ", at the start"
    return (
        f"Ada karakter tak terlihat ({name_id}, {code}) pada huruf ke-{offset + 1}{after_id}: {shown}. "
        "Biasanya ikut tersalin dari Word, PDF atau WhatsApp. Hapus karakter itu atau ketik ulang tulisannya.",
        f"There is an invisible character ({name_en}, {code}) at character {offset + 1}{after_en}: {shown}. "
        "It usually comes from copying from Word, a PDF or WhatsApp. Delete it or type the text again.",
    )


def _invisible_error(path: str, text: str, offset: int, line_offset: int) -> ContentError:
    """The invisible character's line, position and the line without it."""
    number = text.count("\n", 0, offset)
    line = text.split("\n")[number]
    column = offset - (text.rfind("\n", 0, offset) + 1)
    message_id, message_en = describe_invisible(line, column)
    fixed = without_invisible(line).strip()
    return ContentError(path, _key_of(fixed), message_id, message_en, fixed or "title: Judul", number + 1 + line_offset)


PLAIN_PAIR_RE = re.compile(r"^(?P<lead>\s*(?:-\s+)?)(?P<key>[A-Za-z_][\w-]*):[ ]+(?P<value>.*?)(?P<comment>\s+#.*)?$")
BLOCK_RE = re.compile(r":\s*[|>][+-]?\d*\s*(?:#.*)?$")
SMART_QUOTES = "\u201c\u201d\u2018\u2019"
NOT_PLAIN_START = tuple("\"'[{|>&*!%@`#" + SMART_QUOTES)


def quote_colon_values(text: str) -> str:
    """Put quotes around one-line values with ': ' in them ('title: Sosialisasi: Bahaya Narkoba').

    YAML refuses such a line; Pelican's own metadata format (and editors)
    read it as key, then value. Only plain one-line values are touched; lines
    keep their numbers, so every message still points at the editor's line.
    """
    lines = text.split("\n")
    block_indent = None
    for number, line in enumerate(lines):
        indent = len(line) - len(line.lstrip(" "))
        if block_indent is not None:
            if not line.strip() or indent > block_indent:
                continue  # inside a '|' or '>' block: its text is the editor's, untouched
            block_indent = None
        if BLOCK_RE.search(line):
            block_indent = indent
            continue
        match = PLAIN_PAIR_RE.match(line)
        if not match:
            continue
        value = match["value"]
        if not value or value.startswith(NOT_PLAIN_START) or not (": " in value or value.endswith(":")):
            continue
        quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
        lines[number] = f"{match['lead']}{match['key']}: {quoted}{match['comment'] or ''}"
    return "\n".join(lines)


def _tab_line(text: str) -> tuple[int, str] | None:
    """(1-based line, field) of the first TAB used as indentation or separator."""
    for number, line in enumerate(text.split("\n"), 1):
        indent = line[: len(line) - len(line.lstrip(" -"))]
        rest = line[len(indent):]
        key, colon, value = rest.partition(":")
        if rest.startswith("\t") or (colon and "\t" in key) or (colon and value.lstrip(" ").startswith("\t")):
            return number, key.strip() if colon else ""
    return None


def _load_yaml(text: str, path: str, line_offset: int, errors: list[ContentError]):
    """Load YAML as strings, returning (data, key lines) or (None, {})."""
    tab = _tab_line(text)
    if tab:
        errors.append(_tab_error(path, tab[1], tab[0] + line_offset, text.split("\n")[tab[0] - 1]))
        return None, {}
    invisible = NON_PRINTABLE_RE.search(text)  # PyYAML refuses these anywhere
    if invisible:
        errors.append(_invisible_error(path, text, invisible.start(), line_offset))
        return None, {}
    loader = Loader(quote_colon_values(text))
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else {}
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        hidden = _first_invisible(text, mark.line if mark else None)
        if hidden is not None:  # 'title:\u00a0Judul': the parser's complaint would make no sense to the editor
            errors.append(_invisible_error(path, text, hidden, line_offset))
            return None, {}
        unclosed = _unclosed_quote(text, mark.line if mark else None)
        if unclosed:
            errors.append(_unclosed_quote_error(path, text, unclosed, line_offset))
            return None, {}
        opened = any(word in (exc.context or "") for word in ("flow", "quoted"))
        if exc.context_mark and (opened or "end of stream" in (exc.problem or "")):
            mark = exc.context_mark  # an unclosed quote or bracket: point at where it opened
        if mark is not None:
            mark = _on_written_line(text, mark)
        line = mark.line + 1 + line_offset if mark else None
        glued = _missing_space(text, mark.line if mark else None)
        if glued:
            errors.append(_missing_space_error(path, glued, line_offset))
            return None, {}
        colonless = _missing_colon(text, mark.line if mark else None)
        if colonless:
            errors.append(_missing_colon_error(path, colonless, line_offset))
            return None, {}
        raw_line = text.split("\n")[mark.line] if mark and mark.line < len(text.split("\n")) else ""
        if mark and raw_line.startswith(" ") and mark.line > 0 and _is_top_level_pair(text.split("\n")[mark.line - 1]):
            errors.append(
                ContentError(
                    path, _key_of(raw_line.strip()),
                    "Baris ini diawali spasi padahal baris sebelumnya sudah lengkap. Hapus spasi di awal baris.",
                    "This line starts with spaces although the line before is complete. Remove the leading spaces.",
                    raw_line.strip(), line,
                )
            )
            return None, {}
        bad_line = _line_at(text, mark)
        field_name = _key_of(bad_line)
        if "\\t" in (exc.problem or "") or "tab character" in (exc.problem or "") or "\t" in bad_line:
            errors.append(_tab_error(path, field_name, line, bad_line))
            return None, {}
        hint_id, hint_en, example = _yaml_hint(exc, bad_line, field_name)
        errors.append(ContentError(path, field_name, hint_id, hint_en, example, line))
        return None, {}
    except yaml.YAMLError as exc:  # pragma: no cover - defensive
        errors.append(ContentError(path, "", f"Bagian kepala tidak bisa dibaca: {exc}", f"The front matter cannot be read: {exc}"))
        return None, {}
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        hidden = _first_invisible(text, None)
        if hidden is not None:
            errors.append(_invisible_error(path, text, hidden, line_offset))
            return None, {}
        glued = _missing_space(text, None)
        if glued:
            errors.append(_missing_space_error(path, glued, line_offset))
            return None, {}
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
    duplicates = []
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            line = key_node.start_mark.line + 1 + line_offset
            if key_node.value in lines:
                duplicates.append((key_node.value, line))
            else:
                lines[key_node.value] = line
    for name, line in duplicates:
        errors.append(
            ContentError(
                path,
                name,
                f"Kolom '{name}' ditulis dua kali (juga di baris {lines[name]}). Hapus salah satunya.",
                f"The field '{name}' is written twice (also on line {lines[name]}). Remove one of them.",
                f"{name}: ... (satu kali saja / once only)",
                line,
            )
        )
    if duplicates:
        return None, {}
    return data, lines


GLUED_RE = re.compile(r"^(?:- +)?(?P<key>[A-Za-z_][\w-]*):(?P<value>[^\s/:].*)$")
PAIR_RE = re.compile(r"^[A-Za-z_][\w-]*:\s+\S")


def _missing_space(text: str, upto: int | None) -> tuple[int, str] | None:
    """(0-based line, line) of a 'title:Judul' line, missing the space after the colon."""
    for number, line in enumerate(text.split("\n")):
        if upto is not None and number > upto:
            break
        if GLUED_RE.match(line.strip()) and not line.strip().startswith(("http:", "https:")):
            return number, line.strip()
    return None


def _missing_space_error(path: str, glued: tuple[int, str], line_offset: int) -> ContentError:
    number, line = glued
    match = GLUED_RE.match(line)
    return ContentError(
        path, match["key"],
        "Setelah titik dua harus ada spasi.",
        "A space is needed after the colon.",
        f"{match['key']}: {match['value']}",
        number + 1 + line_offset,
    )


QUOTED_VALUE_RE = re.compile(r"^\s*(?:-\s+)?(?P<key>[A-Za-z_][\w-]*)\s*:\s+(?P<quote>[\"'])(?P<rest>.*)$")


def _unclosed_quote(text: str, upto: int | None) -> tuple[int, str, str, str] | None:
    """(0-based line, key, quote, value) of the first value whose opening quote is not closed on its line.

    The parser only notices at the next line it cannot read (often many lines
    and another field later); the editor's mistake is where the quote opens.
    """
    for number, line in enumerate(text.split("\n")):
        if upto is not None and number > upto:
            break
        match = QUOTED_VALUE_RE.match(line)
        if not match:
            continue
        quote, rest = match["quote"], match["rest"]
        closed = re.search(r'(?<!\\)"', rest) if quote == '"' else "'" in rest.replace("''", "")
        if not closed:
            return number, match["key"], quote, rest.strip()
    return None


def _top_level_key(text: str, number: int) -> str:
    """The field a (possibly indented) line belongs to: 'name' for '  id: ...' under 'name:'."""
    for line in reversed(text.split("\n")[: number + 1]):
        if line and not line[0].isspace() and not line.startswith(("-", "#")):
            return _key_of(line)
    return ""


def _unclosed_quote_error(path: str, text: str, found: tuple[int, str, str, str], line_offset: int) -> ContentError:
    number, key, quote, value = found
    return ContentError(
        path, _top_level_key(text, number) or key,
        f"Tanda kutip ({quote}) dibuka di baris ini tetapi tidak ditutup. Tambahkan tanda kutip yang sama "
        "di akhir nilainya, pada baris yang sama.",
        f"A quote ({quote}) opens on this line but is not closed. Add the same quote at the end of the value, "
        "on the same line.",
        f"{key}: {quote}{value or 'Judul lengkap'}{quote}",
        number + 1 + line_offset,
    )


# A plain value may not start with these (YAML gives them a meaning).
RESERVED_STARTS = tuple("@`%*&!|>")
COLONLESS_RE = re.compile(r"^(?P<key>[a-z_][a-z0-9_]*)\s+(?P<value>\S.*)$")  # field names are lowercase


def _missing_colon(text: str, upto: int | None) -> tuple[int, str, str] | None:
    """(0-based line, key, value) of a top-level 'title Judul' line, missing its colon.

    The parser stumbles only at the next line (and names that field); the
    editor's mistake is the line without a colon.
    """
    for number, line in enumerate(text.split("\n")):
        if upto is not None and number > upto:
            break
        if not line.strip() or line[0].isspace() or line.startswith(("#", "-")) or ":" in line:
            continue
        match = COLONLESS_RE.match(line.strip())
        if match and match["key"] in _field_names():  # 'lanjutan kata' is text, not a field without its colon
            return number, match["key"], match["value"]
    return None


def _field_names() -> set:
    from .schema import CONTENT_TYPES

    return {fld.name for ctype in CONTENT_TYPES.values() for fld in ctype.fields}


def _missing_colon_error(path: str, found: tuple[int, str, str], line_offset: int) -> ContentError:
    number, key, value = found
    return ContentError(
        path, key,
        f"Baris ini tidak punya titik dua (:) sesudah nama kolom '{key}'. Tulis nama kolom, titik dua, spasi, lalu nilainya.",
        f"This line has no colon (:) after the field name '{key}'. Write the field name, a colon, a space, then the value.",
        f"{key}: {value}",
        number + 1 + line_offset,
    )


def _is_top_level_pair(line: str) -> bool:
    return bool(PAIR_RE.match(line))


def _tab_error(path: str, field_name: str, line: int | None, bad_line: str) -> ContentError:
    fixed = re.sub(r":\s*\t\s*", ": ", bad_line.replace("\t", "  ", len(bad_line) - len(bad_line.lstrip("\t"))))
    return ContentError(
        path,
        field_name,
        "Ada karakter TAB di bagian kepala (front matter). YAML hanya boleh memakai spasi untuk menjorok "
        "dan sesudah titik dua.",
        "The front matter contains a TAB character. YAML indentation and the space after a colon must be spaces.",
        fixed.replace("\t", " ") if fixed.strip() else "title: Judul",
        line,
    )


def _on_written_line(text: str, mark):
    """A mark past the last written line (the parser hit the end) moved back to that line."""
    all_lines = text.split("\n")
    number = mark.line
    while number > 0 and (number >= len(all_lines) or not all_lines[number].strip()):
        number -= 1
    return mark if number == mark.line else yaml.Mark(mark.name, mark.index, number, 0, mark.buffer, mark.pointer)


def _line_at(text: str, mark) -> str:
    if mark is None:
        return ""
    all_lines = text.split("\n")
    return all_lines[mark.line].strip() if 0 <= mark.line < len(all_lines) else ""


def _key_of(line: str) -> str:
    key, colon, _ = line.lstrip("- ").partition(":")
    return key.strip() if colon and re.fullmatch(r"[A-Za-z_][\w-]*", key.strip()) else ""




def _yaml_hint(exc, bad_line: str, key: str):
    problem = (exc.problem or "").lower()
    key = key or "title"
    if any(q in bad_line for q in SMART_QUOTES):
        return (
            "Baris ini memakai tanda kutip miring (\u201c \u201d) dari Word. Ganti dengan tanda kutip lurus (\").",
            "This line uses curly quotes (\u201c \u201d) from a word processor. Use straight quotes (\") instead.",
            f'{key}: "Sosialisasi: Bahaya Narkoba"',
        )
    if "mapping values are not allowed" in problem:
        return (
            "Nilai berisi tanda titik dua (:) tanpa tanda kutip. Apit seluruh nilai dengan tanda kutip ganda.",
            "A value contains a colon (:) without quotes. Put the whole value in double quotes.",
            f'{key}: "Sosialisasi: Bahaya Narkoba"',
        )
    if "quoted scalar" in (exc.context or "") or "end of stream" in problem and '"' in bad_line:
        return (
            "Tanda kutip dibuka tetapi tidak ditutup. Tutup nilai dengan tanda kutip yang sama di akhir baris.",
            "A quote is opened but not closed. Close the value with the same quote at the end of the line.",
            f'{key}: "Judul lengkap"',
        )
    if "flow" in (exc.context or ""):
        return (
            "Daftar dalam kurung [ ] atau { } tidak lengkap: periksa kurung penutup dan tanda koma.",
            "A list in [ ] or { } is incomplete: check the closing bracket and the commas.",
            f"{key}: [satu, dua]",
        )
    if "unhashable" in problem or "recursive" in problem:
        return (
            "Nama kolom harus berupa kata biasa, bukan daftar atau rujukan (&, *).",
            "A field name must be a plain word, not a list or a reference (&, *).",
            "title: Judul",
        )
    key_part, _, value = bad_line.lstrip("- ").partition(":")
    value = value.strip()
    if value[:1] in RESERVED_STARTS:
        return (
            f"Nilai tidak boleh diawali tanda {value[0]} tanpa tanda kutip. Apit seluruh nilai dengan tanda kutip ganda.",
            f"A value must not start with {value[0]} unless quoted. Put the whole value in double quotes.",
            f'{key}: "{value}"' if '"' not in value else f"{key}: '{value}'",
        )
    quoted = value[:1] in ("\"", "'")  # ('' in "\"'" would be true: a header of only ':' crashed here)
    if quoted and ("expected key" in problem or "expected <block end>" in problem):
        other = "'" if value[0] == '"' else '"'
        return (
            "Ada teks sesudah tanda kutip penutup. Bila tanda kutip itu bagian dari nilainya, apit seluruh nilai "
            f"dengan tanda kutip yang lain ({other}).",
            "There is text after the closing quote. If the quotes are part of the value, put the whole value in the "
            f"other kind of quotes ({other}).",
            f"{key}: {other}{value}{other}" if other not in value else f"{key}: {value.strip(chr(34) + chr(39))}",
        )
    return (
        "Baris ini tidak bisa dibaca. Periksa tanda kutip, titik dua sesudah nama kolom, dan spasi di awal baris "
        "(hanya baris isian di bawah kolom seperti 'place:' atau 'sources:' yang menjorok).",
        f"This line cannot be read ({exc.problem}). Check the quotes, the colon after the field name and the "
        "indentation (only the entries under fields such as 'place:' or 'sources:' are indented).",
        "title: Judul tulisan",
    )


FENCE_RE = re.compile(r"^---[ \t]*$")


def parse_document(raw: str, path: str, errors: list[ContentError]) -> Document | None:
    """Split a Markdown file into front matter and body; report problems."""
    lines = _clean_text(raw, path, errors).split("\n")
    first = 0
    while first < len(lines) and not lines[first].strip():
        first += 1  # blank lines before the opening '---' are harmless
    if first == len(lines) or not FENCE_RE.match(lines[first]):
        errors.append(
            ContentError(
                path,
                "",
                "Berkas harus diawali baris '---', lalu kolom-kolom (title: ...), lalu '---' lagi, baru isi tulisan.",
                "The file must start with a '---' line, then the fields (title: ...), then '---', then the text.",
                "---\ntitle: Judul\n---\nIsi tulisan",
                first + 1 if first < len(lines) else 1,
            )
        )
        return None
    close = next((i for i in range(first + 1, len(lines)) if FENCE_RE.match(lines[i])), None)
    if close is None:
        errors.append(
            ContentError(
                path,
                "",
                "Bagian kepala tidak ditutup: tambahkan baris '---' setelah kolom terakhir.",
                "The front matter is not closed: add a '---' line after the last field.",
                "---",
                first + 1,
            )
        )
        return None
    header = "\n".join(lines[first + 1 : close]) + "\n"
    body = "\n".join(lines[close + 1 :])
    meta, key_lines = _load_yaml(header, path, first + 1, errors)
    if meta is None:
        return None
    return Document(path=path, meta=meta, body=body, lines=key_lines, body_line=close + 2)


def parse_data_file(raw: str, path: str, errors: list[ContentError]) -> Document | None:
    """Read a YAML data file (stakeholder, service)."""
    text = _clean_text(raw, path, errors)
    offset = 0
    if text.startswith(FENCE + "\n"):
        text = text[len(FENCE) + 1 :]
        offset = 1
    if text.rstrip().endswith("\n" + FENCE):
        text = text.rstrip()[: -len(FENCE)]
    meta, lines = _load_yaml(text, path, offset, errors)
    if meta is None:
        return None
    return Document(path=path, meta=meta, body="", lines=lines)


def read_text(path) -> str:
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()
