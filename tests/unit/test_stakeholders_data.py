"""Stakeholders without Pelican: loading, validation messages, resolving, related items, JSON-LD."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

import pytest

from ktan_content.load import load_content
from ktan_content.schema.fields import WIB
from stakeholders.jsonld import organization
from stakeholders.model import group_views, load_stakeholders, resolve, view
from stakeholders.related import articles_naming, related_to

GOOD = """\
name:
  id: Dinas Kesehatan Kabupaten Jember
  en: Jember Regency Health Office
short_name: Dinkes Jember
group: perangkat-daerah
order: 20
role:
  id: "Bidang kesehatan: konsultasi dan rehabilitasi."
  en: "Health: counselling and rehabilitation."
phone: "(0331) 000-000"
sources:
  - title: Sumber publik
    url: https://example.org/sumber
"""


def make_site(tmp_path: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def stakeholder_file(**changes) -> str:
    """GOOD with top-level fields replaced (value None removes the field)."""
    lines, skip = [], False
    for line in GOOD.splitlines():
        key = line.split(":", 1)[0]
        if not line.startswith(" "):
            skip = key in changes
            if skip and changes[key] is not None:
                lines.append(changes[key])
        if not skip:
            lines.append(line)
    return "\n".join(lines) + "\n"


def errors_for(tmp_path, files):
    return load_content(make_site(tmp_path, files)).errors


def test_good_files_load_in_display_order_and_view_per_language(tmp_path):
    content = load_content(
        make_site(
            tmp_path,
            {
                "mitra/dinkes.yml": GOOD,
                "mitra/diskominfo.yml": stakeholder_file(short_name="short_name: Diskominfo Jember", order="order: 10"),
                "mitra/satresnarkoba.yml": stakeholder_file(short_name="short_name: Satresnarkoba", group="group: polisi"),
                "mitra/karang-taruna.yml": stakeholder_file(short_name="short_name: Karang Taruna", group="group: masyarakat", order=None),
            },
        )
    )
    assert content.errors == []
    stakeholders = load_stakeholders(content)
    assert [s.id for s in stakeholders] == ["satresnarkoba", "diskominfo", "dinkes", "karang-taruna"]
    dinkes = stakeholders[2]
    assert dinkes.phone == "0331000000"  # one number, written once, dialable
    assert dinkes.sources == ({"title": "Sumber publik", "url": "https://example.org/sumber"},)
    english = view(dinkes, "en", "mitra/{slug}/")
    indonesian = view(dinkes, "id", "mitra/{slug}/")
    assert (english.name, english.role, english.url) == ("Jember Regency Health Office", "Health: counselling and rehabilitation.", "mitra/dinkes/")
    assert (indonesian.name, indonesian.role) == ("Dinas Kesehatan Kabupaten Jember", "Bidang kesehatan: konsultasi dan rehabilitasi.")
    assert english.phone == indonesian.phone
    groups = group_views([view(s, "id", "mitra/{slug}/") for s in stakeholders])
    assert [(g, [v.id for v in members]) for g, members in groups] == [
        ("polisi", ["satresnarkoba"]),
        ("perangkat-daerah", ["diskominfo", "dinkes"]),
        ("masyarakat", ["karang-taruna"]),
    ]


@pytest.mark.parametrize(
    "changes, field, message_en",
    [
        (
            {"role": "role:\n  id: Konsultasi"},
            "role",
            "The English text ('en:') is missing.",
        ),
        (
            {"name": "name:\n  en: Health Office"},
            "name",
            "The Indonesian text ('id:') is missing.",
        ),
        (
            {"role": "role: Konsultasi dan rehabilitasi"},
            "role",
            "Must be given in both languages: an 'id:' line and an 'en:' line below it (indented two spaces).",
        ),
        (
            {"name": None},
            "name",
            "The required field 'name' is missing. Full name of the organisation, in Indonesian and English.",
        ),
        (
            {"role": None},
            "role",
            "The required field 'role' is missing. Role in the programme, in Indonesian and English.",
        ),
        (
            {"group": "group: polsi"},
            "group",
            "'polsi' is not a known choice. Choose one of: polisi, perangkat-daerah, wilayah, masyarakat, lainnya.",
        ),
        (
            {"sources": None},
            "sources",
            "The required field 'sources' is missing. Public sources for the facts in this file (title and web address).",
        ),
        (
            {"phone": "phone: 0331-48xx"},
            "phone",
            "The phone number '0331-48xx' is not valid: digits only (may start with +62), 3 to 15 digits.",
        ),
        (
            {"order": "order: pertama"},
            "order",
            "'pertama' must be a whole number.",
        ),
    ],
)
def test_each_bad_stakeholder_file_gets_its_exact_message(tmp_path, changes, field, message_en):
    errors = errors_for(tmp_path, {"mitra/dinkes.yml": stakeholder_file(**changes)})
    assert [(e.path, e.field, e.message_en) for e in errors] == [("mitra/dinkes.yml", field, message_en)]
    assert errors[0].message_id  # Indonesian first, always present


def test_a_language_missing_from_the_role_is_reported_in_indonesian_too(tmp_path):
    [error] = errors_for(tmp_path, {"mitra/dinkes.yml": stakeholder_file(role="role:\n  id: Konsultasi")})
    assert error.message_id == "Teks bahasa Inggris ('en:') belum diisi."
    assert error.example == "role: {id: Konsultasi dan rehabilitasi, en: Counselling and rehabilitation}"
    assert "Contoh yang benar" in error.format() and "(EN)" in error.format()


def test_duplicate_id_fails_naming_both_files(tmp_path):
    errors = errors_for(tmp_path, {"mitra/dinkes.yml": GOOD, "mitra/lama/dinkes.yml": GOOD})
    assert [(e.path, e.message_en) for e in errors] == [
        ("mitra/lama/dinkes.yml", "The address /mitra/dinkes/ is already used by mitra/dinkes.yml. Give the file another name.")
    ]


ARTICLE = """\
---
title: Rapat koordinasi
date: 2023-08-31 10:00
stakeholders: [dinks, diskominfo]
---
Isi.
"""


def test_unknown_id_in_an_article_names_the_file_the_id_and_the_closest_ids(tmp_path):
    errors = errors_for(
        tmp_path,
        {
            "mitra/dinkes.yml": GOOD,
            "mitra/diskominfo.yml": stakeholder_file(short_name="short_name: Diskominfo"),
            "berita/rapat.id.md": ARTICLE,
        },
    )
    assert [(e.path, e.field, e.line, e.message_id, e.message_en, e.example) for e in errors] == [
        (
            "berita/rapat.id.md",
            "stakeholders",
            4,
            "Kode 'dinks' tidak ada di content/mitra/. Mungkin maksudnya: dinkes.",
            "Unknown id 'dinks': no such file in content/mitra/. Closest known ids: dinkes.",
            "dinkes",
        )
    ]


def test_resolve_keeps_the_given_order_and_reports_unknown_ids():
    by_id = {"dinkes": "D", "diskominfo": "K"}
    assert resolve(["diskominfo", "dinkes", "x"], by_id) == (["K", "D"], ["x"])
    assert resolve(None, by_id) == ([], [])


def article(title, *, ids, date=None, start=None, end=None, event=False):
    return SimpleNamespace(
        title=title,
        stakeholders=ids,
        date=date or start,
        start=start,
        end=end,
        category=SimpleNamespace(slug="kegiatan" if event else "berita"),
    )


def at(day, hour=9):
    return dt.datetime(2024, 1, day, hour, tzinfo=WIB)


def test_related_events_upcoming_soonest_first_then_past_newest_first_and_news_newest_first():
    now = at(15, 12)
    items = [
        article("past-old", ids=["dinkes"], start=at(2), event=True),
        article("upcoming-late", ids=["dinkes"], start=at(30), event=True),
        article("running-now", ids=["dinkes"], start=at(15, 8), end=at(15, 14), event=True),
        article("past-recent", ids=["dinkes"], start=at(14), end=at(14, 11), event=True),
        article("upcoming-soon", ids=["dinkes", "diskominfo"], start=at(16), event=True),
        article("all-day-today", ids=["dinkes"], start=dt.date(2024, 1, 15), end=dt.date(2024, 1, 16), event=True),
        article("news-old", ids=["dinkes"], date=at(1)),
        article("news-new", ids="dinkes", date=at(10)),
        article("other", ids=["diskominfo"], date=at(11)),
        SimpleNamespace(title="no-stakeholders", date=at(12)),
    ]
    related = related_to("dinkes", items, now)
    assert [e.article.title for e in related.upcoming_events] == ["all-day-today", "running-now", "upcoming-soon", "upcoming-late"]
    assert [e.article.title for e in related.past_events] == ["past-recent", "past-old"]
    assert [e.all_day for e in related.upcoming_events] == [True, False, False, False]
    assert [a.title for a in related.news] == ["news-new", "news-old"]
    assert not related_to("bpkad", items, now)
    naming = articles_naming(items)  # what the generator gives related_to: one pass for every stakeholder
    for ident in ("dinkes", "diskominfo", "bpkad"):
        assert related_to(ident, naming.get(ident, []), now) == related_to(ident, items, now)
    assert [a.title for a in naming["diskominfo"]] == ["upcoming-soon", "other"]


def test_events_plugin_decides_what_is_over_including_yearly_observances():
    from events.model import Event

    now = at(15, 12)

    def with_event(title, **fields):
        event = Event(slug=title, lang="id", title=title, type="sosialisasi", stakeholders=("dinkes",), **fields)
        return SimpleNamespace(title=title, stakeholders=["dinkes"], event=event, start=event.start, category="kegiatan")

    items = [
        with_event("started-this-morning-no-end", start=at(15, 8)),  # over only when the day is over
        with_event("hani", start=dt.date(2023, 6, 26), repeat="yearly"),  # next occurrence: 26 June 2024
        with_event("yesterday", start=at(14, 8), end=at(14, 10)),
    ]
    related = related_to("dinkes", items, now)
    assert [(e.article.title, e.starts_at) for e in related.upcoming_events] == [
        ("started-this-morning-no-end", at(15, 8)),
        ("hani", dt.datetime(2024, 6, 26, tzinfo=WIB)),
    ]
    assert [e.article.title for e in related.past_events] == ["yesterday"]


def test_json_ld_type_follows_the_group_and_lists_only_given_contacts():
    agency = SimpleNamespace(group="perangkat-daerah", name="Jember Regency Health Office", short_name="Dinkes Jember",
                             role="Health.", website="https://example.org/", phone="", address="")
    community = SimpleNamespace(group="masyarakat", name="Karang Taruna", short_name="KT", role="Youth.",
                                website="", phone="0331000000", address="Jl. Contoh 1")
    data = organization(agency, "/en/mitra/dinkes/")
    assert data["@type"] == "GovernmentOrganization"
    assert data["url"] == "https://example.org/" and "telephone" not in data and "address" not in data
    data = organization(community, "/mitra/karang-taruna/")
    assert data["@type"] == "Organization"
    assert data["telephone"] == "0331000000"
    assert data["address"]["streetAddress"] == "Jl. Contoh 1"


def test_a_page_url_setting_without_the_id_is_reported(caplog):
    from stakeholders.stakeholders import check_settings

    settings = {"STAKEHOLDERS_PAGE_URL": "mitra/"}
    check_settings(SimpleNamespace(settings=settings))
    assert settings["STAKEHOLDERS_INDEX_URL"] == "mitra/"
    assert [r.getMessage() for r in caplog.records] == ["stakeholders: STAKEHOLDERS_PAGE_URL 'mitra/' must contain {slug}"]
    caplog.clear()
    check_settings(SimpleNamespace(settings={}))
    assert not caplog.records
