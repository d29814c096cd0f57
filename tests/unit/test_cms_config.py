"""The browser CMS's configuration is the content model: every type, every field, the right widget."""

from __future__ import annotations

import yaml

from ktan_cms.admin import config_yaml
from ktan_cms.config import TIME_WIDGET, cms_config, identifier_field
from ktan_content.schema import CONTENT_TYPES
from ktan_content.schema.events import EventTime, Place
from ktan_content.schema.fields import Bilingual, Choice, Date, DateTime, IdList, ImagePath, Integer, Sources, TextList
from ktan_content.schema.labels import field_label

CONFIG = cms_config(backend_url="/api/v1")
COLLECTIONS = {c["name"]: c for c in CONFIG["collections"]}


def test_one_collection_per_content_type_in_its_folder():
    assert list(COLLECTIONS) == list(CONTENT_TYPES)
    for name, ctype in CONTENT_TYPES.items():
        collection = COLLECTIONS[name]
        assert collection["folder"] == f"content/{name}"
        assert collection["label"] == ctype.label_id
        if ctype.per_language:
            assert (collection["extension"], collection["format"], collection["i18n"]) == ("md", "frontmatter", True)
        else:
            assert (collection["extension"], collection["format"]) == ("yml", "yml")
            assert "i18n" not in collection


def test_bilingual_files_are_decap_multiple_files_named_like_ours():
    assert CONFIG["i18n"] == {"structure": "multiple_files", "locales": ["id", "en"], "default_locale": "id"}
    assert CONFIG["backend"] == {"name": "proxy", "proxy_url": "/api/v1", "branch": "main"}
    assert CONFIG["media_folder"] == "content/images" and CONFIG["public_folder"] == "images"


def test_every_schema_field_is_in_the_form_with_its_label_help_and_required_flag():
    for name, ctype in CONTENT_TYPES.items():
        fields = {f["name"]: f for f in COLLECTIONS[name]["fields"]}
        assert [f.name for f in ctype.fields] == [n for n in fields if n != "body"], name
        for field in ctype.fields:
            entry = fields[field.name]
            assert entry["label"] == field_label(field)
            assert field.help_id in entry["hint"] and field.help_en in entry["hint"]
            assert entry["required"] is field.required, (name, field.name)
            if ctype.per_language:
                assert entry["i18n"] in (True, "duplicate")
        if ctype.per_language:
            assert fields["body"]["widget"] == "markdown" and fields["body"]["modes"] == ["raw"]


def test_widgets_follow_the_field_kinds():
    seen = set()
    for name, ctype in CONTENT_TYPES.items():
        fields = {f["name"]: f for f in COLLECTIONS[name]["fields"]}
        for field in ctype.fields:
            entry = fields[field.name]
            if isinstance(field, Place):
                assert entry["widget"] == "object"
                sub = {f["name"]: f for f in entry["fields"]}
                assert sub["name"]["required"] is field.required and sub["kecamatan"]["widget"] == "select"
                assert "patrang" in sub["kecamatan"]["options"]
            elif isinstance(field, (EventTime, DateTime)):
                assert (entry["widget"], entry["time"]) == (TIME_WIDGET, "optional")
            elif isinstance(field, Date):
                assert (entry["widget"], entry["time"]) == (TIME_WIDGET, "none")
            elif isinstance(field, Choice):
                assert entry["widget"] == "select" and entry["options"] == list(field.choices)
            elif isinstance(field, IdList) and field.refers_to:
                assert entry["widget"] == "relation" and entry["multiple"] is True
                assert entry["collection"] == field.refers_to and entry["value_field"] == "{{slug}}"
                assert entry["search_fields"] == [identifier_field(CONTENT_TYPES[field.refers_to])]
            elif isinstance(field, Sources):
                assert entry["widget"] == "list"
                assert [f["name"] for f in entry["fields"]][:2] == ["title", "url"]
                assert entry["fields"][0]["required"] is True
                assert entry.get("min") == (1 if field.required else None)
            elif isinstance(field, Bilingual):
                assert entry["widget"] == "object" and [f["name"] for f in entry["fields"]] == ["id", "en"]
            elif isinstance(field, ImagePath):
                assert entry["widget"] == "image"
            elif isinstance(field, TextList):
                assert entry["widget"] == "list" and "fields" not in entry
            elif isinstance(field, Integer):
                assert (entry["widget"], entry["value_type"]) == ("number", "int")
            seen.add(entry["widget"])
    assert {"select", "relation", "list", "object", "image", TIME_WIDGET, "string"} <= seen


def test_the_stakeholder_field_picks_from_the_stakeholders_collection():
    stakeholders = next(f for f in COLLECTIONS["kegiatan"]["fields"] if f["name"] == "stakeholders")
    assert stakeholders["collection"] == "mitra"
    assert COLLECTIONS["mitra"]["identifier_field"] == "short_name"


def test_the_written_config_reads_back_the_same():
    text = config_yaml(CONFIG)
    assert text.startswith("# Generated from plugins/ktan_content/schema")
    assert "&id" not in text  # no YAML anchors
    assert yaml.safe_load(text) == CONFIG


def test_every_field_has_a_form_label():
    from ktan_content.schema.labels import FIELD_LABELS

    missing = [f"{ctype.name}.{field.name}" for ctype in CONTENT_TYPES.values() for field in ctype.fields
               if field.name not in FIELD_LABELS and not getattr(field, "label_id", "")]
    assert not missing, f"give these fields a label in plugins/ktan_content/schema/labels.py: {missing}"
