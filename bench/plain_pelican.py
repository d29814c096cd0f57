"""The baseline: the same content as plain Pelican reads it.

Plain Pelican (default theme, no plugins) cannot read our YAML front matter,
so the synthetic files are converted once, before timing, to Pelican's native
Markdown metadata (``Title: ...``). The conversion is not timed; the baseline
thus does less work than ours (no YAML, no validation), which is the strict
comparison. Data files (services, stakeholders: one YAML file for both
languages) become one Markdown page per language.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ktan_content.load import load_content

SETTINGS_FILE = Path(__file__).with_name("plainconf.py")


def _text(value, lang: str) -> str:
    if isinstance(value, dict):
        return str(value.get(lang) or value.get("id") or "")
    if isinstance(value, list):
        return ", ".join(_text(v, lang) if not isinstance(v, dict) else _text(v.get("title", ""), lang) for v in value)
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return str(value)


def _native(meta: dict[str, str], body: str) -> str:
    head = "".join(f"{key}: {value}\n" for key, value in meta.items() if value)
    return head + "\n" + body


def convert(source: Path, target: Path) -> int:
    """Write the Pelican-native twin of the content folder ``source``; return files written."""
    content = load_content(source)
    if content.errors:
        raise SystemExit(f"bench: the synthetic content does not pass the check ({len(content.errors)} problems)")
    written = 0
    for item in content.items:
        ctype = item.ctype
        langs = [item.lang] if ctype.per_language else ["id", "en"]
        for lang in langs:
            meta = {"Title": _text(item.fields.get("title", item.slug), lang), "Slug": item.slug, "Lang": lang}
            if ctype.kind == "article":
                meta["Date"] = _text(item.fields.get(ctype.date_field, "2024-01-01"), lang)
                meta["Category"] = ctype.category or ctype.name
            meta["Summary"] = _text(item.fields.get("summary", ""), lang)
            meta["Tags"] = _text(item.fields.get("tags", ""), lang)
            if ctype.per_language:
                body = item.doc.body
                folder = target / (ctype.name if ctype.kind == "article" else f"pages/{ctype.name}")
            else:
                body = "\n\n".join(f"**{name}**: {_text(value, lang)}" for name, value in item.fields.items())
                folder = target / "pages" / ctype.name
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{item.slug}.{lang}.md").write_text(_native(meta, body), encoding="utf-8")
            written += 1
    return written
