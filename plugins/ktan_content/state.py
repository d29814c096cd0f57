"""The content set of the current build, shared by the reader and the plugins."""

from __future__ import annotations

from .bodylinks import extra_pages_from
from .load import ContentSet, load_content_cached


def current_content(settings) -> ContentSet:
    """Load (or reuse) the validated content of ``settings['PATH']``."""
    return load_content_cached(settings["PATH"], extra_pages_from(settings))
