"""Pelican plugin: the programme's stakeholders, written once, shown everywhere.

- ``/mitra/`` and ``/mitra/<id>/`` in each language (``StakeholdersGenerator``);
- Jinja globals for every template: ``stakeholders_by_id`` (used by
  ``components/stakeholder-links.html``) and ``stakeholders_supported_by``
  (the compact list in the footer).

Data and rules live in the content model (``ktan_content.schema.stakeholders``
declares the fields; the loader rejects unknown ids in articles and events and
two files with one id); this module only wires the pure functions of ``model``, ``related`` and
``jsonld`` into Pelican.
"""

from __future__ import annotations

import logging

from ktan_content.clock import build_now
from ktan_content.schema.stakeholders import TYPE
from ktan_content.state import current_content
from ktan_theme.ktan_theme import lang_root
from pelican import signals
from pelican.generators import Generator

from . import jsonld
from .model import group_views, load_stakeholders, view
from .related import articles_naming, related_to

logger = logging.getLogger(__name__)

DEFAULTS = {
    "STAKEHOLDERS_INDEX_URL": "mitra/",
    "STAKEHOLDERS_PAGE_URL": TYPE.url,  # "mitra/{slug}/"
}


def save_as(url: str) -> str:
    return url + "index.html" if url.endswith("/") else url


def check_settings(pelican):
    settings = pelican.settings
    for name, default in DEFAULTS.items():
        settings.setdefault(name, default)
    page_url = settings["STAKEHOLDERS_PAGE_URL"]
    if "{slug}" not in page_url and "{id}" not in page_url:
        logger.error("stakeholders: STAKEHOLDERS_PAGE_URL %r must contain {slug}", page_url)


def views_for(settings) -> list:
    """The stakeholders in this sub-site's language: built once per content set, language and URL pattern.

    Every generator asks (Jinja globals), and the events plugin for every event's organisers.
    """
    lang = settings["DEFAULT_LANG"]
    page_url = settings.get("STAKEHOLDERS_PAGE_URL", DEFAULTS["STAKEHOLDERS_PAGE_URL"])
    content = current_content(settings)
    built = content.__dict__.setdefault("stakeholder_views", {})
    if (lang, page_url) not in built:
        built[lang, page_url] = tuple(view(s, lang, page_url) for s in load_stakeholders(content))
    return list(built[lang, page_url])


def add_template_globals(generator):
    views = views_for(generator.settings)
    generator.env.globals.update(
        stakeholders_by_id={v.id: v for v in views},
        stakeholders_supported_by=views,
        stakeholders_index_url=generator.settings.get("STAKEHOLDERS_INDEX_URL", DEFAULTS["STAKEHOLDERS_INDEX_URL"]),
    )


class StakeholdersGenerator(Generator):
    """Writes the stakeholders listing and one page per stakeholder, per language."""

    def generate_context(self):
        self.stakeholders = views_for(self.settings)

    def generate_output(self, writer):
        settings = self.settings
        lang = settings["DEFAULT_LANG"]
        root = lang_root(settings, lang)
        index_url = settings["STAKEHOLDERS_INDEX_URL"]
        writer.write_file(
            save_as(index_url),
            self.get_template("stakeholders/index"),
            self.context,
            relative_urls=False,
            stakeholders=self.stakeholders,
            stakeholder_groups=group_views(self.stakeholders),
        )
        now = build_now(settings)
        naming = articles_naming(self.context.get("articles", []))
        template = self.get_template("stakeholders/stakeholder")
        for stakeholder in self.stakeholders:
            writer.write_file(
                save_as(stakeholder.url),
                template,
                self.context,
                relative_urls=False,
                stakeholder=stakeholder,
                related=related_to(stakeholder.id, naming.get(stakeholder.id, []), now),
                stakeholder_json_ld=jsonld.organization(stakeholder, root + stakeholder.url),
            )


def get_generators(pelican):
    return StakeholdersGenerator


def register():
    signals.initialized.connect(check_settings)
    signals.generator_init.connect(add_template_globals)
    signals.get_generators.connect(get_generators)
