"""Pelican plugin: drug A-Z pages (sections filter) and the /narkoba/ index.

The substance pages themselves are ordinary pages read by ktan_content (type
'narkoba', template 'substance'); this plugin adds the Jinja filter that cuts
their HTML into the fixed sections and writes the A-Z index per language.
"""

from __future__ import annotations

import logging

from pelican import signals
from pelican.generators import Generator

from .sections import az_groups, split_sections

logger = logging.getLogger(__name__)

CONTENT_TYPE = "narkoba"
INDEX_URL = "narkoba/"


def substance_pages(pages) -> list:
    return [p for p in pages if p.metadata.get("content_type") == CONTENT_TYPE]


class SubstanceIndexGenerator(Generator):
    """Writes narkoba/index.html for the current language sub-site."""

    def generate_context(self):
        pass

    def generate_output(self, writer):
        pages = substance_pages(self.context.get("pages", []))
        if not pages:
            logger.warning("substances: no drug pages in content/narkoba/ for '%s'", self.settings["DEFAULT_LANG"])
        writer.write_file(
            INDEX_URL + "index.html",
            self.get_template("substances/index"),
            self.context,
            relative_urls=False,
            substance_groups=az_groups(pages),
            substance_count=len(pages),
        )


def add_filters(generator):
    lang = generator.settings["DEFAULT_LANG"]
    generator.env.filters["substance_sections"] = lambda content: split_sections(content, lang)


def get_generators(pelican):
    return SubstanceIndexGenerator


def register():
    signals.generator_init.connect(add_filters)
    signals.get_generators.connect(get_generators)
