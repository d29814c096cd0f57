"""The browser CMS's configuration (Decap CMS ``config.yml``), generated from the content model.

Nothing here names a content type or a field of one: every collection comes
from ``CONTENT_TYPES`` and every form field from the kind of its schema field
(``WIDGETS``), so a new type or field shows up in the CMS by itself, with the
label, help text, example and required flag of its declaration. What Decap
writes must be what ``invoke check`` reads:

- dates and times are strings in WIB (``2023-08-31 08:00``, or a date alone),
  written by our own ``ktan-waktu`` widget (``static/ktan-cms.js``). Decap's
  ``datetime`` widget converts through the browser's time zone (its "now"
  button is the browser's clock, not WIB) and cannot leave the time empty
  for an event whose time was never announced;
- ids of other content (``stakeholders``) are a relation to that folder, so
  an editor picks from the list instead of typing a code;
- per-language Markdown types are Decap i18n ``multiple_files`` collections
  (``<slug>.id.md`` + ``<slug>.en.md``); texts are translated, facts (times,
  kinds, ids) are entered once and copied to the English file;
- Markdown bodies are edited as Markdown text (raw mode only): Decap's rich-text
  mode rewrites the whole body through its own Markdown writer on any edit
  (escapes, list markers, our ``{#id}`` attributes), so an edited body could
  build a different page.
"""

from __future__ import annotations

from ktan_content.schema import CONTENT_TYPES, ContentType
from ktan_content.schema.events import KECAMATAN, Duration, EventTime, Place
from ktan_content.schema.fields import (
    LANGUAGES,
    Bilingual,
    Boolean,
    Choice,
    Date,
    DateTime,
    Field,
    IdList,
    ImagePath,
    Integer,
    Phone,
    Sources,
    Text,
    TextList,
    Url,
)
from ktan_content.schema.labels import field_label

DEFAULT_LANG = LANGUAGES[0]
TIME_WIDGET = "ktan-waktu"  # registered by static/ktan-cms.js
# Field kinds whose values are words in a language (translated per file); all others are facts.
TRANSLATED_KINDS = (Text, TextList, Sources, Place)
URL_PATTERN = ["^https?://\\S+\\.\\S+$", "Alamat web lengkap, diawali https:// / A full web address starting with https://"]
PHONE_PATTERN = ["^\\+?[0-9 ().\\-/]{3,24}$", "Hanya angka, spasi, tanda minus; boleh diawali +62 / Digits, spaces, dashes; may start with +62"]
COORDINATE_PATTERN = ["^-?[0-9]{1,3}(\\.[0-9]+)?$", "Angka desimal dengan titik, misalnya -8.1597 / A decimal number with a dot"]


def _hint(field: Field) -> str:
    parts = [field.help_id, "(Wajib.)" if field.required else ""]  # the label says "boleh kosong" itself
    if field.example and not field.example.startswith(("{", "[")):  # YAML-shaped examples mean nothing in a form
        parts.append(f"Contoh: {field.example}")
    if field.help_en:
        parts.append(f"— {field.help_en}")
    return " ".join(p for p in parts if p)


def _base(field: Field) -> dict:
    entry = {"name": field.name, "label": field_label(field), "hint": _hint(field), "required": bool(field.required)}
    default = getattr(field, "default", None)
    if default not in (None, ""):
        entry["default"] = default
    return entry


def _sub(name: str, widget: str, required: bool = False, **extra) -> dict:
    return {"name": name, "label": field_label(name), "widget": widget, "required": required} | extra


def _string(field: Field) -> dict:
    entry = {**_base(field), "widget": "string"}
    max_length = getattr(field, "max_length", 0)
    if max_length:
        entry["pattern"] = [f"^[\\s\\S]{{0,{max_length}}}$",
                            f"Paling banyak {max_length} huruf / At most {max_length} characters"]
    return entry


def _select(field: Field, multiple: bool = False) -> dict:
    entry = {**_base(field), "widget": "select", "options": list(field.choices)}
    if multiple:
        entry["multiple"] = True
        if field.required:
            entry["min"] = 1
    return entry


def _relation(field: IdList) -> dict:
    target = CONTENT_TYPES[field.refers_to]
    shown = identifier_field(target)
    return {**_base(field), "widget": "relation", "collection": target.name, "value_field": "{{slug}}",
            "search_fields": [shown], "display_fields": [shown], "multiple": True, "options_length": 200}


def _id_list(field: IdList) -> dict:
    if field.refers_to in CONTENT_TYPES:
        return _relation(field)
    return {**_base(field), "widget": "list"}


def _time(field: Field, time: str) -> dict:
    return {**_base(field), "widget": TIME_WIDGET, "time": time}


def _bilingual(field: Bilingual) -> dict:
    # Decap checks the sub-fields of an optional object even when it is left empty: then they are
    # optional in the form too, and our check says what is missing once one of them is filled in.
    return {**_base(field), "widget": "object", "collapsed": False, "fields": [
        _sub("id", "string", required=field.required),
        _sub("en", "string", required=field.required and not field.optional_en),
    ]}


def _sources(field: Sources) -> dict:
    entry = {**_base(field), "widget": "list", "collapsed": False, "summary": "{{fields.title}}", "fields": [
        _sub("title", "string", required=True, label="Judul sumber", hint="Nama sumber: lembaga atau media, judul, tanggal. / Name of the source."),
        _sub("url", "string", required=False, label="Alamat web sumber", pattern=URL_PATTERN, hint="https://…"),
        _sub("date", TIME_WIDGET, required=False, label="Tanggal sumber", time="none", hint="Tanggal terbit sumbernya (boleh kosong). / Date of the source (optional)."),
    ]}
    if field.required:
        entry["min"] = 1
    return entry


def _place(field: Place) -> dict:
    return {**_base(field), "widget": "object", "collapsed": False, "fields": [
        _sub("name", "string", required=field.required, label="Nama tempat"),
        _sub("address", "string"),
        _sub("kecamatan", "select", options=list(KECAMATAN)),
        _sub("lat", "string", pattern=COORDINATE_PATTERN, hint="Isi lat dan lon berdua, atau tidak sama sekali. / Both or neither."),
        _sub("lon", "string", pattern=COORDINATE_PATTERN),
    ]}


# Most specific kinds first: the first matching class decides the widget.
WIDGETS: tuple = (
    (Place, _place),
    (EventTime, lambda f: _time(f, "optional")),
    (DateTime, lambda f: _time(f, "optional")),
    (Date, lambda f: _time(f, "none")),
    (Duration, lambda f: {**_base(f), "widget": "string"}),
    (Choice, _select),
    (IdList, _id_list),
    (TextList, lambda f: {**_base(f), "widget": "list"}),
    (Bilingual, _bilingual),
    (Sources, _sources),
    (ImagePath, lambda f: {**_base(f), "widget": "image", "choose_url": False}),
    (Url, lambda f: {**_base(f), "widget": "string", "pattern": URL_PATTERN}),
    (Phone, lambda f: {**_base(f), "widget": "string", "pattern": PHONE_PATTERN}),
    (Integer, lambda f: {**_base(f), "widget": "number", "value_type": "int"}),
    (Boolean, lambda f: {**_base(f), "widget": "boolean"}),
    (Text, _string),
)


def field_config(field: Field, per_language: bool = False) -> dict:
    """The Decap field for one schema field (a string input for a kind not known here)."""
    for kind, build in WIDGETS:
        if isinstance(field, kind):
            entry = build(field)
            break
    else:
        if getattr(field, "choices", None):  # a list of choices (e.g. the services' "offers")
            entry = _select(field, multiple=True)
        elif getattr(field, "refers_to", ""):
            entry = _id_list(field)
        else:
            entry = _string(field)
    if per_language:
        entry["i18n"] = True if isinstance(field, TRANSLATED_KINDS) else "duplicate"
        _sub_i18n(entry)
    return entry


def _sub_i18n(entry: dict) -> None:
    """Decap hides a sub-field without ``i18n`` in the English form: words are translated, picks copied.

    Inside a list every sub-field is translated (Decap copies nothing item by item).
    """
    for sub in entry.get("fields", ()):
        if entry["i18n"] is not True or entry["widget"] == "list":
            sub["i18n"] = entry["i18n"]
        else:
            sub["i18n"] = True if sub["widget"] in ("string", "text", "markdown") else "duplicate"


def body_field() -> dict:
    return {"name": "body", "label": field_label("body"), "widget": "markdown", "i18n": True, "required": False,
            "modes": ["raw"],
            "hint": "Isi tulisan (Markdown): baris kosong memisahkan paragraf, '## ' membuat subjudul. "
                    "— The text (Markdown): a blank line separates paragraphs, '## ' makes a heading."}


def identifier_field(ctype: ContentType) -> str:
    """The field that names an entry in lists (and gives a new entry its file name)."""
    names = [f.name for f in ctype.fields]
    for wanted in ("title", "short_name"):
        if wanted in names:
            return wanted
    for field in ctype.fields:
        if isinstance(field, Bilingual):
            return f"{field.name}.{DEFAULT_LANG}"
    return next(f.name for f in ctype.fields if isinstance(f, Text))


def collection(ctype: ContentType, content_dir: str = "content") -> dict:
    per_language = ctype.per_language
    fields = [field_config(f, per_language) for f in ctype.fields]
    entry = {
        "name": ctype.name,
        "label": ctype.label_id,
        "label_singular": ctype.label_id,
        "description": f"{ctype.label_en} — berkas di {content_dir}/{ctype.name}/",
        "folder": f"{content_dir}/{ctype.name}",
        "create": True,
        "delete": False,
        "slug": "{{slug}}",
        "identifier_field": identifier_field(ctype),
    }
    if per_language:
        sortable = [name for name in (ctype.date_field, "title") if name in ctype.field_map()]
        entry.update({"extension": "md", "format": "frontmatter", "i18n": True, "fields": [*fields, body_field()],
                      "sortable_fields": sortable})
    else:
        entry.update({"extension": "yml", "format": "yml", "fields": fields})
    return entry


def cms_config(*, backend_url: str, content_dir: str = "content", site_url: str | None = None) -> dict:
    """The whole Decap configuration; ``backend_url`` is the decap-server API (``/api/v1`` behind a proxy)."""
    config = {
        "backend": {"name": "proxy", "proxy_url": backend_url, "branch": "main"},
        "locale": "id",  # Decap's own words, registered by static/ktan-cms.js
        "publish_mode": "simple",
        "media_folder": f"{content_dir}/images",
        "public_folder": "images",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "i18n": {"structure": "multiple_files", "locales": list(LANGUAGES), "default_locale": DEFAULT_LANG},
        "collections": [collection(ctype, content_dir) for ctype in CONTENT_TYPES.values()],
    }
    if site_url:
        config["site_url"] = site_url
        config["display_url"] = site_url
    return config
