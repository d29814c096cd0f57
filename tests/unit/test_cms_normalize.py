"""What the CMS saves is written in our format: unchanged files stay byte-identical, Decap's YAML is undone."""

from __future__ import annotations

import pytest

from ktan_cms.normalize import normalise
from ktan_content.frontmatter import parse_data_file, parse_document
from ktan_content.schema import type_for_path
from ktan_content.validate import validate_document
from tests.conftest import ROOT

CONTENT = ROOT / "content"
FILES = sorted(p for p in CONTENT.rglob("*") if p.is_file() and "images" not in p.parts and p.suffix in (".md", ".yml"))

# What Decap 3.16 wrote for an existing event (seen in the browser): block lists, lines folded at 80
# columns, keys in form order, and `null` for the empty fields it copies into the English file.
DECAP_EVENT = """---
title: Meeting to form the Drug-Resilient Village of Jember Lor
start: 2023-09-01
end: null
duration: null
repeat: null
place:
  name: Pendopo Kelurahan Jember Lor
  address: Jalan Delima Merah
  kecamatan: patrang
type: rapat-koordinasi
stakeholders:
  - pemkab-jember
  - satresnarkoba
summary: The Jember Regency government and Jember police formed the
  Drug-Resilient Village with Jember Lor's neighbourhood heads and community and
  youth leaders.
sources:
  - title: "JatimTIMES: Jember Lor dipilih sebagai kampung tangguh anti narkoba, ini
      penjelasannya"
    url: https://jatimtimes.com/baca/295722/20230902/071600/jember-lor-dipilih-sebagai-kampung-tangguh-anti-narkoba-ini-penjelasannya
  - title: "Diksi.co.id: Bentuk kampung tangguh di TKP penangkapan bandar sabu 1 kg"
    url: https://diksi.co.id/bentuk-kampung-tangguh-di-tkp-penangkapan-bandar-sabu-1-kg/
---
Body text.
"""


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(CONTENT).as_posix())
def test_every_content_file_saved_unchanged_is_byte_identical(path):
    raw = path.read_text(encoding="utf-8")
    assert normalise(path.relative_to(CONTENT).as_posix(), raw, path) == raw


def _fields(relative: str, text: str) -> dict:
    ctype = type_for_path(relative)
    errors = []
    parse = parse_document if ctype.per_language else parse_data_file
    doc = parse(text, relative, errors)
    fields, field_errors = validate_document(doc, ctype)
    assert not errors and not field_errors, [e.format() for e in errors + field_errors]
    return fields


def test_decap_yaml_becomes_our_style_with_the_same_values():
    relative = "kegiatan/pembentukan-kampung-tangguh-jember-lor.en.md"
    out = normalise(relative, DECAP_EVENT, CONTENT / relative)
    assert "null" not in out
    assert "stakeholders: [pemkab-jember, satresnarkoba]\n" in out
    assert "summary: The Jember Regency government and Jember police formed the Drug-Resilient Village with" in out
    assert out.startswith("---\ntitle: Meeting to form")
    assert out.endswith("---\nBody text.\n")
    expected = (CONTENT / relative).read_text(encoding="utf-8")
    assert _fields(relative, out) == _fields(relative, expected)
    assert out.split("---\n")[1] == expected.split("---\n")[1]  # same front matter, byte for byte


def test_new_file_follows_schema_order_and_quotes_only_where_yaml_needs_it():
    raw = ("name:\n  en: Test line\n  id: Saluran uji\nphone: 184\nkind: helpline\ndescription:\n  id: 'Uji: satu'\n"
           "  en: Test\norder: 5\nunverified: true\noffers:\n  - information\nverified_on: 2026-11-27\nwebsite: ''\n")
    out = normalise("layanan/uji.yml", raw, None)
    assert out == ('name:\n  id: Saluran uji\n  en: Test line\nkind: helpline\ndescription:\n  id: "Uji: satu"\n  en: Test\n'
                   'phone: "184"\noffers: [information]\norder: 5\nunverified: true\nverified_on: 2026-11-27\n')
    assert _fields("layanan/uji.yml", out)["phone"] == "184"


def test_unreadable_input_is_passed_through_for_the_check_to_explain():
    broken = "---\ntitle: [unclosed\n---\nx\n"
    assert normalise("berita/x.id.md", broken, None) == broken


def test_a_changed_value_keeps_its_quotes_and_the_file_its_leading_comments():
    path = CONTENT / "mitra" / "dinkes.yml"
    original = path.read_text(encoding="utf-8")
    assert original.startswith("#") and 'short_name: "Dinkes Jember"' in original
    decap = "name:\n  id: Dinas Kesehatan Kabupaten Jember\n  en: Jember Regency Health Office\nshort_name: Dinkes Kab. Jember\n"
    rest = original.split("short_name:", 1)[1].split("\n", 1)[1]
    out = normalise("mitra/dinkes.yml", decap + rest, path)
    assert out == original.replace('short_name: "Dinkes Jember"', 'short_name: "Dinkes Kab. Jember"')


def test_the_workspace_rewrites_every_file_of_a_save_request():
    import json

    from ktan_cms.server import normalise_request

    relative = "kegiatan/pembentukan-kampung-tangguh-jember-lor.en.md"
    request = {"action": "persistEntry", "params": {
        "dataFiles": [{"path": f"content/{relative}", "raw": DECAP_EVENT}, {"path": "elsewhere/x.md", "raw": "end: null"}],
        "assets": []}}
    out = json.loads(normalise_request(json.dumps(request).encode(), CONTENT))
    files = out["params"]["dataFiles"]
    assert "null" not in files[0]["raw"] and files[0]["raw"].startswith("---\ntitle: Meeting to form")
    assert files[1]["raw"] == "end: null"  # outside the content folder: untouched
    other = json.dumps({"action": "getEntry", "params": {"path": "content/x"}}).encode()
    assert normalise_request(other, CONTENT) == other
