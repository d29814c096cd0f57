"""Write what the CMS saves in our own file format, whatever Decap's YAML writer made of it.

Decap serialises front matter with its own YAML library: it folds long lines
at 80 columns, writes every list as a block, writes ``null`` for an empty
field that it copies to the English file, and orders keys by the form. All of
that still reads the same, but ``null`` is the text "null" to our reader
(every value is a string, ``frontmatter.py``), and reformatted files make
git diffs unreadable for the reviewer. So the workspace server passes every
file the CMS saves through ``normalise`` on its way to decap-server:

- empty values (``null``, ``""``, ``[]``) are left out: an empty optional
  field is the same as no field;
- keys keep the order of the file on disk; new keys follow the schema;
- the style is the one editors write by hand (``docs/panduan-editor.md``):
  one line per value, double quotes where YAML needs them (or where the
  file on disk had them), lists of words in brackets
  (``stakeholders: [dinkes, satresnarkoba]``), sources as a block list;
- the comment lines at the top of the file on disk are kept (Decap drops comments);
- the Markdown body is kept byte for byte.

A file an editor opens and saves unchanged is therefore written back
identical (tested over all of content/), and whatever Decap changes, the
result is read by the same ``parse_document``/``parse_data_file`` as before.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ktan_content.frontmatter import FENCE_RE
from ktan_content.schema import ContentType, type_for_path
from ktan_content.schema.fields import Boolean, Integer

# Values a YAML 1.1 or 1.2 reader would not read as the same plain string.
SPECIAL_WORDS_RE = re.compile(
    r"^(?:~|null|true|false|yes|no|on|off|y|n|[-+]?\.(?:inf|nan)|[-+]?(?:0[xob][0-9a-f_]+|[0-9][0-9_]*(?::[0-5]?[0-9])*"
    r"(?:\.[0-9_]*)?(?:e[-+]?[0-9]+)?|\.[0-9_]+(?:e[-+]?[0-9]+)?))$",
    re.IGNORECASE,
)
INTEGER_RE = re.compile(r"^-?[0-9]+$")
NUMBER_RE = re.compile(r"^-?[0-9]+(?:\.[0-9]+)?$")
NESTED_ORDER = ("title", "name", "url", "date", "address", "kecamatan", "lat", "lon", "id", "en")


class _NullsOnlyLoader(yaml.SafeLoader):
    """Every plain scalar is a string, except the YAML spellings of 'nothing' (null, ~, empty)."""


_NullsOnlyLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag == "tag:yaml.org,2002:null"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.copy().items()
}


def _plain_ok(text: str, in_flow: bool = False) -> bool:
    if not text or text != text.strip() or "\n" in text or "\t" in text:
        return False
    if text[0] in "-?:,[]{}#&*!|>'\"%@`" or ": " in text or " #" in text or text.endswith(":"):
        return False
    if in_flow and any(c in text for c in ",[]{}"):
        return False
    if any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F or c in "\ufeff\u2028\u2029" for c in text):
        return False
    return not SPECIAL_WORDS_RE.match(text)


def scalar(value, plain_numbers: bool = False, in_flow: bool = False, keep_quotes: bool = False) -> str:
    text = str(value)
    quoted = json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar
    if keep_quotes:
        return quoted
    if plain_numbers and (NUMBER_RE.match(text) or text in ("true", "false")):
        return text
    return text if _plain_ok(text, in_flow) else quoted


def prune(value):
    """The value without empty parts; None when nothing is left."""
    if isinstance(value, dict):
        kept = {key: pruned for key, item in value.items() if (pruned := prune(item)) is not None}
        return kept or None
    if isinstance(value, list):
        kept = [pruned for item in value if (pruned := prune(item)) is not None]
        return kept or None
    if value is None:
        return None
    text = value if isinstance(value, str) else str(value).lower() if isinstance(value, bool) else str(value)
    return text if text.strip() else None


def _ordered(mapping: dict, order) -> list:
    position = {key: index for index, key in enumerate(order)}
    return sorted(mapping, key=lambda key: position.get(key, len(position)))


@dataclass(frozen=True)
class OnDisk:
    """What the saved file keeps of the file it replaces: key order, quoting, leading comments."""

    keys: tuple = ()
    quoted_paths: frozenset = frozenset()  # (key, sub-key or list index, ...) of values written in double quotes
    quoted_values: frozenset = frozenset()  # the texts of those values (for items of word lists)
    comments: str = ""

    def keep_quotes(self, path: tuple, text) -> bool:
        return path in self.quoted_paths or str(text) in self.quoted_values


def _lines(path: tuple, value, indent: str, plain_numbers: bool, before: OnDisk) -> list[str]:
    key = path[-1]
    if isinstance(value, dict):
        lines = [f"{indent}{key}:"]
        for sub in _ordered(value, NESTED_ORDER):
            lines += _lines((*path, sub), value[sub], indent + "  ", sub in ("lat", "lon"), before)
        return lines
    if isinstance(value, list):
        if all(isinstance(item, str) for item in value):
            items = (scalar(item, in_flow=True, keep_quotes=before.keep_quotes((*path, i), item)) for i, item in enumerate(value))
            return [f"{indent}{key}: [" + ", ".join(items) + "]"]
        lines = [f"{indent}{key}:"]
        for index, item in enumerate(value):
            if isinstance(item, dict):
                block = []
                for sub in _ordered(item, NESTED_ORDER):
                    block += _lines((*path, index, sub), item[sub], indent + "    ", sub in ("lat", "lon"), before)
                block[0] = f"{indent}  - " + block[0][len(indent) + 4:]
                lines += block
            else:
                lines.append(f"{indent}  - {scalar(item, keep_quotes=before.keep_quotes((*path, index), item))}")
        return lines
    return [f"{indent}{key}: {scalar(value, plain_numbers, keep_quotes=before.keep_quotes(path, value))}"]


def dump(meta: dict, ctype: ContentType | None, before: OnDisk = OnDisk()) -> str:
    """Front matter / a data file's YAML in our hand-written style."""
    fields = ctype.field_map() if ctype else {}
    order = [*before.keys, *[key for key in fields if key not in before.keys]]
    lines = []
    for key in _ordered(meta, order):
        plain = isinstance(fields.get(key), (Integer, Boolean))
        lines += _lines((key,), meta[key], "", plain, before)
    return before.comments + ("\n".join(lines) + "\n" if lines else "")


def _quoted(node, path: tuple, found: dict) -> None:
    """Record the path and text of every double-quoted scalar below ``node``."""
    if isinstance(node, yaml.ScalarNode) and node.style == '"':
        found[path] = node.value
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            _quoted(value, (*path, key.value), found)
    elif isinstance(node, yaml.SequenceNode):
        for index, value in enumerate(node.value):
            _quoted(value, (*path, index), found)


def _split_front_matter(raw: str) -> tuple[str, str] | None:
    lines = raw.split("\n")
    if not lines or not FENCE_RE.match(lines[0]):
        return None
    close = next((i for i in range(1, len(lines)) if FENCE_RE.match(lines[i])), None)
    if close is None:
        return None
    return "\n".join(lines[1:close]) + "\n", "\n".join(lines[close + 1:])


def _load(text: str):
    data = yaml.load(text, Loader=_NullsOnlyLoader) if text.strip() else {}
    if not isinstance(data, dict):
        raise ValueError("not a mapping")
    return data


def on_disk(path: Path | None, per_language: bool) -> OnDisk:
    if path is None or not path.is_file():
        return OnDisk()
    try:
        raw = path.read_text(encoding="utf-8").replace("\r\n", "\n")
        if per_language:
            split = _split_front_matter(raw)
            raw = split[0] if split else ""
        keys = tuple(_load(raw))
        quoted: dict = {}
        _quoted(yaml.compose(raw, Loader=yaml.SafeLoader), (), quoted)
    except (OSError, ValueError, yaml.YAMLError):
        return OnDisk()
    head = []
    for line in raw.split("\n"):
        if not line.startswith("#"):
            break
        head.append(line + "\n")
    return OnDisk(keys, frozenset(quoted), frozenset(quoted.values()), "".join(head))


def normalise(relative_path: str, raw: str, existing: Path | None = None) -> str:
    """``raw`` as Decap wrote it for ``relative_path`` (below the content folder), in our format.

    ``existing`` is the file on disk (for its key order). Anything that cannot
    be read is returned unchanged: our check will then say what is wrong.
    """
    ctype = type_for_path(relative_path)
    per_language = ctype.per_language if ctype else relative_path.endswith(".md")
    try:
        if per_language:
            split = _split_front_matter(raw.replace("\r\n", "\n"))
            if split is None:
                return raw
            header, body = split
        else:
            header, body = raw.replace("\r\n", "\n"), ""
        meta = prune(_load(header)) or {}
    except (ValueError, yaml.YAMLError):
        return raw
    text = dump(meta, ctype, on_disk(existing, per_language))
    if not per_language:
        return text
    if body and not body.endswith("\n"):
        body += "\n"
    return f"---\n{text}---\n{body}"

