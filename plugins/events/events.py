"""Pelican plugin: event schedules (kegiatan).

- every kegiatan article gets ``article.event`` (``model.Event``, from the validated fields);
- templates get helpers to split upcoming from past at the build's "now" (``KTAN_NOW``);
- a generator writes one ``.ics`` per event and one feed per language (``kegiatan/kalender.ics``).
"""

from __future__ import annotations

import logging
import os
from types import SimpleNamespace

from pelican import signals
from pelican.generators import Generator

from ktan_content.clock import build_now, freeze_now
from ktan_content.state import current_content
from ktan_theme.dates import BABEL_LOCALES
from ktan_theme.ktan_theme import lang_root

from . import ical
from .jsonld import event_jsonld
from .model import event_from_fields, split_events
from .osm import osm_url

logger = logging.getLogger(__name__)

CONTENT_TYPE = "kegiatan"
FEED_SAVE_AS = "kegiatan/kalender.ics"


def ics_save_as(slug: str) -> str:
    return f"kegiatan/{slug}/{slug}.ics"


def clock_state(content, now) -> list:
    """What the pages show of ``now``: per published event, whether it is over and its (next) start.

    ``ktan_build.reuse`` keeps the live release while this (and the date) stays the same.
    """
    state = []
    for item in content.of_type(CONTENT_TYPE):
        event = event_from_fields(item.slug, item.lang, item.fields)
        state.append((item.slug, item.lang, event.is_over(now), event.occurrence(now).starts_at.isoformat()))
    return sorted(state)


def freeze_clock(pelican):
    freeze_now(pelican.settings)


def attach_event(instance):
    """content_object_init: give each event article its ``event``."""
    if instance.metadata.get("content_type") != CONTENT_TYPE:
        return
    content = current_content(instance.settings)
    rel = os.path.relpath(instance.source_path, instance.settings["PATH"]).replace(os.sep, "/")
    item = content.by_path()[rel]
    instance.event = event_from_fields(item.slug, item.lang, item.fields)


def organisers(ids, settings, lang: str) -> list[dict]:
    """JSON-LD references to the organising stakeholders: the same ``@id`` as their own pages' data."""
    from stakeholders.jsonld import reference
    from stakeholders.stakeholders import views_for

    by_id = {v.id: v for v in views_for(settings)}
    root = lang_root(settings, lang)
    return [reference(by_id[ident], root + by_id[ident].url) for ident in ids if ident in by_id]


def _page_url(settings, url: str) -> str:
    """Absolute URL when the site has one (publishconf), else ''."""
    root = settings.get("SITEURL") or ""
    return f"{root}/{url}" if root.startswith("http") else ""


def add_template_helpers(generator):
    settings = generator.settings
    lang = settings["DEFAULT_LANG"]
    now = build_now(settings)

    def events_split(articles):
        return split_events([a for a in articles if hasattr(a, "event")], now, lambda a: a.event)

    def event_jsonld_for(article):
        return event_jsonld(
            article.event.occurrence(now),
            lang,
            _page_url(settings, article.url),
            organisers(article.event.stakeholders, settings, lang),
            str(_labels(generator.env).ui_text("Kecamatan")),
        )

    def day_month(value):
        from babel.dates import format_date

        return format_date(value, "d MMMM", locale=BABEL_LOCALES.get(lang, lang))

    generator.env.globals.update(
        events_now=now,
        events_split=events_split,
        event_jsonld=event_jsonld_for,
        osm_url=osm_url,
        events_feed_path=FEED_SAVE_AS,
    )
    generator.env.filters.update(day_month=day_month)


class EventsCalendarGenerator(Generator):
    """Writes ``kegiatan/<slug>/<slug>.ics`` and ``kegiatan/kalender.ics`` for this language.

    Each event's calendar entry is kept with what it was made from: the live
    preview writes a run's pages again after an edit (``ktan_preview.replay``)
    and then converts and writes only the events that changed.
    """

    def generate_context(self):
        self._written: dict[str, tuple] = {}  # slug -> (what the entry was made from, its VEVENT, its file)

    def generate_output(self, writer):
        lang = self.settings["DEFAULT_LANG"]
        labels = _labels(self.env)
        stamp = build_now(self.settings)
        articles = [a for a in self.context.get("articles", []) if hasattr(a, "event") and a.lang == lang]
        kecamatan_word = str(labels.ui_text("Kecamatan"))
        vevents = []
        for article in sorted(articles, key=lambda a: (a.event.starts_at, a.slug)):
            texts = {"type": str(labels.event_type_label(article.event.type)), "kecamatan": kecamatan_word}
            made_from = (article.event, article.title, stamp, texts, _page_url(self.settings, article.url))
            known = self._written.get(article.slug)
            if known is None or known[0] != made_from:
                vevent = ical.vevent_ical(article.event, stamp, texts, made_from[-1])
                known = self._written[article.slug] = (made_from, vevent, ical.calendar([vevent], article.title))
                self._write(writer, ics_save_as(article.slug), known[2])
            vevents.append(known[1])
        name = f"{labels.ui_text('Events')} · {self.settings['SITENAME']}"
        self._write(writer, FEED_SAVE_AS, ical.calendar(vevents, name))
        if not articles:
            self._write_empty_listing(writer)
        logger.debug("events: %d event(s) in %s calendar", len(vevents), lang)

    def _write_empty_listing(self, writer) -> None:
        """Pelican writes /kegiatan/ only for a category with articles; the page must exist anyway."""
        category = SimpleNamespace(name=CONTENT_TYPE, slug=CONTENT_TYPE, url=f"{CONTENT_TYPE}/")
        writer.write_file(
            f"{CONTENT_TYPE}/index.html", self.get_template("category"), self.context,
            relative_urls=False, category=category, articles=[],
        )

    @staticmethod
    def _write(writer, save_as: str, data: bytes) -> None:
        path = os.path.join(writer.output_path, save_as)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(data)


def _labels(env):
    """The theme's event labels, translated by this sub-site's gettext (one place for the strings)."""
    return env.get_template("components/event-type.html").module


def get_generators(pelican):
    return EventsCalendarGenerator


def register():
    signals.initialized.connect(freeze_clock)
    signals.content_object_init.connect(attach_event)
    signals.generator_init.connect(add_template_helpers)
    signals.get_generators.connect(get_generators)
