"""A build with nothing changed keeps the live release; anything a page shows, the clock included, builds again."""

from __future__ import annotations

import ast
import hashlib
import re
import shutil
from pathlib import Path

import pytest

from ktan_build import build
from ktan_build import releases, reuse
from ktan_content.state import current_content
from tests.conftest import ROOT

from .test_build_cache import _new_process

BEFORE_EVENT = "2023-08-31 07:00"  # kegiatan-00000 runs 08:00-10:00 WIB that day (set below)
STILL_BEFORE = "2023-08-31 07:45"
AFTER_EVENT_SAME_DAY = "2023-08-31 11:00"
NEXT_DAY = "2023-09-01 07:00"


@pytest.fixture()
def site(tmp_path, monkeypatch):
    from bench.synthetic import generate

    monkeypatch.chdir(ROOT)
    content = tmp_path / "content"
    generate(content, 12)
    for lang in ("id", "en"):  # one timed event with an end, so it is over before the day is
        event = content / "kegiatan" / f"kegiatan-00000.{lang}.md"
        text = event.read_text(encoding="utf-8").replace("start: 2023-08-31 08:00", "start: 2023-08-31 08:00\nend: 2023-08-31 10:00", 1)
        event.write_text(text, encoding="utf-8")
    _new_process()
    yield {"content": content, "tmp": tmp_path, "cache": tmp_path / "cache"}
    _new_process()


def _build(site, live, now, force=False, **overrides):
    return build("pelicanconf.py", live, {"PATH": str(site["content"]), "KTAN_CACHE_PATH": str(site["cache"]),
                                          "KTAN_IMAGES_CACHE": str(site["cache"] / "images"), "KTAN_NOW": now,
                                          **overrides}, force=force)


def _tree(folder: Path) -> dict[str, str]:
    """Every file's hash; calendars without their DTSTAMP (the time the file was made)."""
    found = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if path.suffix == ".ics":
            data = re.sub(rb"DTSTAMP:\d{8}T\d{6}Z\r\n", b"", data)
        found[path.relative_to(folder).as_posix()] = hashlib.sha256(data).hexdigest()
    return found


def test_an_unchanged_site_keeps_its_release_which_equals_a_fresh_build_made_later(site):
    live = site["tmp"] / "output"
    first = _build(site, live, BEFORE_EVENT)
    assert not first.reused and first.release.meta["inputs"]
    before = _tree(live)

    again = _build(site, live, STILL_BEFORE)  # later, but no event began or ended: the same site
    assert again.reused, again.timings
    assert again.release.name == first.release.name and "pelican" not in again.timings
    assert [r.name for r in releases.list_releases(releases.releases_dir_for(live))] == [first.release.name]
    assert _tree(live) == before

    fresh = _build(site, site["tmp"] / "fresh", STILL_BEFORE, force=True)  # what a full build at that time makes
    assert not fresh.reused
    assert _tree(site["tmp"] / "fresh") == before

    forced = _build(site, live, STILL_BEFORE, force=True)
    assert not forced.reused and forced.release.name != first.release.name
    assert _build(site, live, STILL_BEFORE).release.name == forced.release.name  # a forced build records its key too


def test_an_edit_an_ended_event_and_a_new_day_each_build_again(site):
    live = site["tmp"] / "output"
    first = _build(site, live, BEFORE_EVENT)
    page = live / "kegiatan" / "kegiatan-00000" / "index.html"
    assert "data-event-over hidden" in page.read_text(encoding="utf-8")

    over = _build(site, live, AFTER_EVENT_SAME_DAY)
    assert not over.reused and over.release.name != first.release.name
    assert "data-event-over hidden" not in page.read_text(encoding="utf-8")  # the page now says it is over

    news = site["content"] / "berita" / "berita-00001.id.md"
    news.write_text(news.read_text(encoding="utf-8") + "\nKalimat baru.\n", encoding="utf-8")
    edited = _build(site, live, AFTER_EVENT_SAME_DAY)
    assert not edited.reused
    assert "Kalimat baru." in (live / "berita" / "berita-00001" / "index.html").read_text(encoding="utf-8")

    assert not _build(site, live, NEXT_DAY).reused
    assert _build(site, live, NEXT_DAY).reused


def _key(site, now, **overrides):
    from ktan_build.pipeline import load_settings

    settings = load_settings("pelicanconf.py", {"PATH": str(site["content"]), "KTAN_NOW": now, **overrides})
    return reuse.inputs_key(settings, current_content(settings))


def test_the_key_covers_theme_code_settings_packages_and_fonts_but_not_where_things_go(site, monkeypatch):
    base = _key(site, BEFORE_EVENT)
    assert _key(site, STILL_BEFORE) == base
    assert _key(site, AFTER_EVENT_SAME_DAY) != base
    assert _key(site, BEFORE_EVENT, SITENAME="Lain") != base
    assert _key(site, BEFORE_EVENT, KTAN_WORKERS=1, KTAN_CACHE_PATH=str(site["tmp"] / "elsewhere")) == base
    odd = _key(site, BEFORE_EVENT, EXTRA_MAP={("id", "berita"): 1})  # keys JSON cannot write
    assert odd == _key(site, BEFORE_EVENT, EXTRA_MAP={("id", "berita"): 1}) != _key(site, BEFORE_EVENT, EXTRA_MAP={("id", "berita"): 2})

    theme = site["tmp"] / "theme"
    shutil.copytree(ROOT / "theme", theme, ignore=shutil.ignore_patterns("*.mo"))  # as in a fresh clone
    with_theme = _key(site, BEFORE_EVENT, THEME=str(theme))
    (theme / "translations" / "id" / "LC_MESSAGES" / "messages.mo").write_bytes(b"compiled by the first build")
    assert _key(site, BEFORE_EVENT, THEME=str(theme)) == with_theme  # derived from the hashed .po files
    css = next(theme.rglob("*.css"))
    css.write_text(css.read_text(encoding="utf-8") + "\n/* edit */\n", encoding="utf-8")
    assert _key(site, BEFORE_EVENT, THEME=str(theme)) != with_theme

    plugins = site["tmp"] / "plugins"
    shutil.copytree(ROOT / "plugins", plugins, ignore=shutil.ignore_patterns("__pycache__", "node_modules"))
    with_code = _key(site, BEFORE_EVENT, PLUGIN_PATHS=[str(plugins)])
    template = plugins / "legal" / "legal.py"
    template.write_text(template.read_text(encoding="utf-8") + "\n# a change\n", encoding="utf-8")
    assert _key(site, BEFORE_EVENT, PLUGIN_PATHS=[str(plugins)]) != with_code

    monkeypatch.setattr(reuse, "_packages", lambda: ["Jinja2==0.0"])
    assert _key(site, BEFORE_EVENT) != base
    monkeypatch.undo()

    fonts = site["tmp"] / "fonts"
    fonts.mkdir()
    (fonts / "DejaVuSans.ttf").write_bytes(b"one")
    from ktan_images import card

    monkeypatch.setattr(card, "FONT_DIRS", (str(fonts),))
    with_font = _key(site, BEFORE_EVENT)
    (fonts / "DejaVuSans.ttf").write_bytes(b"two")
    assert _key(site, BEFORE_EVENT) != with_font


def test_every_plugin_that_reads_the_clock_is_known_to_the_reuse_key():
    """A new reader of the build's "now" must be covered by a ``clock_state`` (or read only the date)."""
    readers = set()
    for path in (ROOT / "plugins").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if any(isinstance(n, ast.Call) and getattr(n.func, "id", getattr(n.func, "attr", "")) == "build_now" for n in ast.walk(tree)):
            readers.add(path.relative_to(ROOT / "plugins").as_posix())
    # events: over/next occurrence (events.clock_state); stakeholders: the same events through events.model;
    # services and legal: the date only; reuse itself and the pipeline: the clock they fix and hash; the
    # preview: the time a full build would use, compared through reuse.clock_state before a quick update.
    assert readers == {
        "events/events.py", "stakeholders/stakeholders.py", "services/services.py", "legal/legal.py",
        "ktan_build/reuse.py", "ktan_build/pipeline.py", "ktan_content/clock.py", "ktan_preview/rebuild.py",
    }, "a plugin reads the clock: make ktan_build.reuse cover what its pages show of it (a clock_state function)"
