"""docs/fields.md is generated from the content model and must be regenerated when the model changes."""

from __future__ import annotations

from ktan_cms.fields_doc import render
from ktan_content.schema import CONTENT_TYPES
from ktan_content.schema.labels import field_label
from tests.conftest import ROOT


def test_committed_field_docs_match_the_schema():
    committed = (ROOT / "docs" / "fields.md").read_text(encoding="utf-8")
    assert committed == render(), "docs/fields.md is out of date: run `invoke fields-doc` and commit it"


def test_every_field_is_documented_with_label_help_and_required_flag():
    text = render()
    for ctype in CONTENT_TYPES.values():
        section = text.split(f"## {ctype.label_id} / {ctype.label_en}\n", 1)[1].split("\n## ", 1)[0]
        for field in ctype.fields:
            row = next((line for line in section.splitlines() if f"| `{field.name}` |" in line), None)
            assert row, (ctype.name, field.name)
            assert row.startswith(f"| {field_label(field)} |")
            assert f"| {'ya' if field.required else 'tidak'} |" in row
            assert " ".join(field.help_id.split()).replace("|", "\\|") in row
