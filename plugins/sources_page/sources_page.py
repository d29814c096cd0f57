"""Pelican plugin: the sources page (/sumber/), every public source the site cites.

Each fact-bearing file names its sources; this page gathers them so a reader
(or a journalist, or an auditor) can check everything in one place.
"""

from __future__ import annotations

from ktan_content.state import current_content
from pelican import signals
from pelican.generators import Generator

from .listing import sourced_sections

SOURCES_PAGE_URL = "sumber/"


class SourcesPageGenerator(Generator):
    def generate_output(self, writer):
        url = self.settings.get("SOURCES_PAGE_URL", SOURCES_PAGE_URL)
        sections = sourced_sections(current_content(self.settings), self.settings["DEFAULT_LANG"])
        writer.write_file(
            url + "index.html",
            self.get_template("sources/index"),
            self.context,
            relative_urls=False,
            sources_page_url=url,
            source_sections=sections,
        )


def get_generators(pelican):
    return SourcesPageGenerator


def register():
    signals.get_generators.connect(get_generators)
