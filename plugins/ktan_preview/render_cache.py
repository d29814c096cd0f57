"""Live preview only: reuse the HTML of content pages whose inputs did not change.

After an edit, the preview re-renders every page; most of them come out the
same. A page of a news item, a drug page or a plain page depends on its own
file, its translations' files, the front matter of the whole content set
(titles, URLs, stakeholders, services, the menu), the theme and the
settings; not on the *text* of other files, and not on the clock. So its HTML
is reused while all of these are unchanged. Events are never reused (whether
an event is over depends on the build time), nor is any listing, feed or
page a plugin writes (they do not go through a content page's template).

Code and settings changes restart the preview process, which empties the cache.
``invoke build`` never uses it (``KTAN_RENDER_CACHE`` is set by the preview only).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from pelican import signals
from pelican.writers import Writer

from ktan_content.state import current_content

SETTING = "KTAN_RENDER_CACHE"
CACHEABLE_TYPES = {"berita", "narkoba", "pages"}  # content types whose page has no clock in it

RENDERED: dict[tuple, tuple[tuple, str]] = {}
STATS = {"reused": 0, "rendered": 0}
_RUN_FINGERPRINTS: dict[int, tuple[dict, str]] = {}


def _file_stamp(path: str) -> tuple:
    try:
        st = os.stat(path)
    except OSError:
        return (path, None)
    return (path, st.st_mtime_ns, st.st_size)


def _world_fingerprint(settings) -> str:
    """Front matter of every item plus the theme's files: once per Pelican run."""
    run = _RUN_FINGERPRINTS.get(id(settings))
    if run is not None and run[0] is settings:
        return run[1]
    digest = hashlib.sha256()
    for item in current_content(settings).items:
        digest.update(repr((item.path, sorted(item.fields.items(), key=lambda kv: kv[0]))).encode())
    for path in sorted(Path(settings["THEME"]).rglob("*")):
        if path.is_file() and path.suffix != ".pyc":
            digest.update(repr(_file_stamp(str(path))).encode())
    value = digest.hexdigest()
    _RUN_FINGERPRINTS.clear()
    _RUN_FINGERPRINTS[id(settings)] = (settings, value)
    return value


class _ReusableTemplate:
    """A template whose ``render`` returns the stored HTML while ``fingerprint`` matches."""

    def __init__(self, template, key: tuple, fingerprint: tuple):
        self._template, self._key, self._fingerprint = template, key, fingerprint

    def render(self, context) -> str:
        stored = RENDERED.get(self._key)
        if stored is not None and stored[0] == self._fingerprint:
            STATS["reused"] += 1
            return stored[1]
        html = self._template.render(context)
        RENDERED[self._key] = (self._fingerprint, html)
        STATS["rendered"] += 1
        return html

    def __getattr__(self, name):
        return getattr(self._template, name)


class RenderCachingWriter(Writer):
    def write_file(self, name, template, context, relative_urls=False, paginated=None, template_name=None,
                   override_output=False, url=None, **kwargs):
        content = kwargs.get("article") or kwargs.get("page")
        if content is not None and name and not paginated and content.metadata.get("content_type") in CACHEABLE_TYPES:
            key = (self.settings["DEFAULT_LANG"], self.settings["SITEURL"], name, template.name, relative_urls)
            sources = [content.source_path, *(t.source_path for t in getattr(content, "translations", []))]
            fingerprint = (_world_fingerprint(self.settings), *(_file_stamp(p) for p in sorted(sources)))
            template = _ReusableTemplate(template, key, fingerprint)
        return super().write_file(name, template, context, relative_urls, paginated, template_name,
                                  override_output, url, **kwargs)


def choose_writer(pelican):
    if pelican.settings.get(SETTING):
        return RenderCachingWriter
    return None


def register():
    signals.get_writer.connect(choose_writer)
