"""The services content type: what an editor may write in content/layanan/*.yml."""

from __future__ import annotations

import datetime as dt
import textwrap

from ktan_content.load import load_content

VALID = """\
name:
  id: Puskesmas Contoh
  en: Example health centre
kind: ipwl-puskesmas
description:
  id: Konseling dan rawat jalan.
  en: Counselling and outpatient care.
kecamatan: Patrang
phone: "0331-487 267"
offers: [assessment, outpatient, self-report]
cost: free
sources:
  - title: Dinas Kesehatan
    url: https://example.org/
verified_on: 2026-11-01
"""


def check(tmp_path, text: str, name: str = "contoh.yml"):
    folder = tmp_path / "layanan"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return load_content(tmp_path)


def without(text: str, *keys: str) -> str:
    lines, skip = [], False
    for line in text.splitlines(keepends=True):
        if not line.startswith(" "):
            skip = line.split(":", 1)[0] in keys
        if not skip:
            lines.append(line)
    return "".join(lines)


def test_valid_service_loads_with_a_normalised_phone(tmp_path):
    content = check(tmp_path, VALID)
    assert content.errors == []
    fields = content.data("layanan")["contoh"].fields
    assert fields["phone"] == "0331487267"
    assert fields["verified_on"] == dt.date(2026, 11, 1)
    assert fields["offers"] == ["assessment", "outpatient", "self-report"]


def test_phone_without_a_source_fails_with_a_plain_message(tmp_path):
    content = check(tmp_path, without(VALID, "sources"))
    assert len(content.errors) == 1
    error = content.errors[0]
    assert (error.path, error.field) == ("layanan/contoh.yml", "phone")
    assert "tidak punya sumber" in error.message_id and "has no source" in error.message_en
    assert error.line == 9  # the phone line
    assert "sources:" in error.example


def test_badly_formed_phone_fails(tmp_path):
    content = check(tmp_path, VALID.replace('"0331-487 267"', "0331-48A-267"))
    [error] = content.errors
    assert error.field == "phone" and "0331-48A-267" in error.message_id and "not valid" in error.message_en


def test_service_needs_a_way_to_reach_it_or_says_it_is_unverified(tmp_path):
    content = check(tmp_path, without(VALID, "phone"))
    [error] = content.errors
    assert error.field == "phone" and "unverified" in error.message_en
    assert check(tmp_path, without(VALID, "phone") + "unverified: ya\n").errors == []
    assert check(tmp_path, without(VALID, "phone") + "website: https://healing119.id/\n").errors == []


def test_verified_on_is_required_and_not_in_the_future(tmp_path):
    [missing] = check(tmp_path, without(VALID, "verified_on")).errors
    assert missing.field == "verified_on"
    [future] = check(tmp_path, VALID.replace("2026-11-01", "2999-01-01")).errors
    assert future.field == "verified_on" and "future" in future.message_en
    [slashed] = check(tmp_path, VALID.replace("2026-11-01", "01/11/2026")).errors
    assert "2026-11-01" in slashed.message_id


def test_unknown_kind_and_offer_name_the_choices(tmp_path):
    errors = check(tmp_path, VALID.replace("kind: ipwl-puskesmas", "kind: klinik").replace("self-report]", "rehab]")).errors
    fields = sorted(error.field for error in errors)
    assert fields == ["kind", "offers"]
    assert all("ipwl-puskesmas" in e.message_id or "self-report" in e.message_id for e in errors)


def test_names_must_be_bilingual(tmp_path):
    [error] = check(tmp_path, VALID.replace("  en: Example health centre\n", "")).errors
    assert error.field == "name" and "Inggris" in error.message_id
