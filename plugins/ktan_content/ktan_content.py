"""Pelican plugin: our content model (reader + one shared, validated content set)."""

from __future__ import annotations

import logging

from pelican import signals

from .reader import KtanMarkdownReader
from .state import current_content

logger = logging.getLogger(__name__)


def add_reader(readers):
    readers.reader_classes["md"] = KtanMarkdownReader


def report_content_errors(pelican):
    """Log every content problem; ``--fatal errors`` (used by our build) stops the build."""
    content = current_content(pelican.settings)
    if content.reported:
        return  # the other language's sub-site shares this content set
    content.reported = True
    for error in content.errors:
        logger.error("ktan_content: %s", error.format())


def register():
    signals.readers_init.connect(add_reader)
    signals.initialized.connect(report_content_errors)
