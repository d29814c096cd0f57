"""Cut a substance page's HTML into its fixed sections, and order pages A-Z.

Plain functions over strings, used by the Jinja filter and the index page.
"""

from __future__ import annotations

import html
import re
import unicodedata

from ktan_content.schema.substances import SECTIONS, section_for_heading

H2_RE = re.compile(r"<h2\b[^>]*>(?P<inner>.*?)</h2>", re.DOTALL | re.IGNORECASE)
TAG_RE = re.compile(r"<[^>]+>")


def _text(fragment: str) -> str:
    return html.unescape(TAG_RE.sub("", fragment)).strip()


def split_sections(content: str, lang: str) -> dict:
    """{'intro': html, 'sections': [{key, title, html}] in the schema's order}.

    The check guarantees every heading is known and present; a heading that
    is not (only possible in a fixture that bypassed the check) stays inside
    the section before it rather than being lost.
    """
    parts = {}
    intro_end = None
    current = None
    last = 0
    for match in H2_RE.finditer(content):
        section = section_for_heading(_text(match["inner"]), lang)
        if section is None:
            continue
        if current is None:
            intro_end = match.start()
        else:
            parts[current.key]["html"] = content[last:match.start()].strip()
        current = section
        parts[section.key] = {"key": section.key, "title": _text(match["inner"]), "html": ""}
        last = match.end()
    if current is not None:
        parts[current.key]["html"] = content[last:].strip()
    intro = content[:intro_end].strip() if intro_end is not None else content.strip()
    ordered = [parts[s.key] for s in SECTIONS if s.key in parts]
    return {"intro": intro, "sections": ordered}


def sort_key(title: str) -> str:
    """Alphabetical key that ignores case, accents and leading punctuation."""
    plain = unicodedata.normalize("NFKD", title)
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return re.sub(r"^[^0-9A-Za-z]+", "", plain).casefold()


def az_groups(items, title=lambda item: item.title) -> list[tuple[str, list]]:
    """Items sorted A-Z and grouped by first letter: [('A', [...]), ('E', [...])]."""
    groups: list[tuple[str, list]] = []
    for item in sorted(items, key=lambda i: sort_key(title(i))):
        key = sort_key(title(item))
        letter = key[:1].upper() or "#"
        if not groups or groups[-1][0] != letter:
            groups.append((letter, []))
        groups[-1][1].append(item)
    return groups
