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

**Body-only edits skip Pelican altogether** (``quick_update``). Every page
written from a content file is recorded (template, context, arguments). When
an edit changes only the Markdown *text* of news, drug or plain pages (same
front matter, same set of files), nothing but those pages shows the text:
listings, calendars, stakeholder and sources pages show front matter only,
and a listing shows an item's summary only from its front matter. So the
edited page and its translation are rendered again from the recorded
context with the new HTML and written into the live release, and nothing
else is touched: a few milliseconds at any site size instead of a full
Pelican run. **A change to what a page only shows** (its title, summary,
sources...: ``replay.SHOWN_FIELDS``) is not a full build either: the last
build's generators write again, in this process, with the edited objects
updated in place (``replay``). Any other change (a new or deleted file,
a data file, the theme, a content error) takes the full build. Tests
compare the result with a fresh build, file by file.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from pelican import signals
from pelican.writers import Writer

from ktan_content.state import current_content

SETTING = "KTAN_RENDER_CACHE"
CACHEABLE_TYPES = {"berita", "narkoba", "pages"}  # content types whose page has no clock in it

RENDERED: dict[tuple, tuple[tuple, str]] = {}
STATS = {"reused": 0, "rendered": 0, "quick": 0, "replayed": 0}
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


@dataclass
class _Written:
    """One content page as the last full build wrote it, to be written again from the same context."""

    folder: str  # the writer's output folder (absolute, in the staging folder of that build)
    settings: dict
    name: str
    template: object
    context: dict
    args: tuple
    kwargs: dict
    content: object


@dataclass
class _Run:
    """One Pelican run of the last full build (the main site or a language sub-site), to write again."""

    settings: dict
    generators: list
    folder: str  # its output folder, in the staging folder of that build


@dataclass
class _Record:
    root: str | None = None  # the main site's output folder in that build (the sub-sites' are below it)
    settings: dict | None = None  # the settings of the first site written (every site reads the same content)
    content_set: object = None  # the content set the build read
    others: tuple = ()  # stamps of every other input file (theme, images, ...)
    pages: dict = field(default_factory=dict)  # source path -> [_Written]
    runs: list = field(default_factory=list)  # [_Run]: the main site and each language sub-site


RECORD = _Record()


def start_recording() -> _Record:
    """Forget the last build's pages (called before each full build); return them for ``keep_recording``."""
    global RECORD
    previous, RECORD = RECORD, _Record()
    return previous


def keep_recording(previous: _Record) -> None:
    """A full build failed and the live release stays: so does the record of how it was written.

    The next edit (often the fix) can then still take a quick path.
    """
    global RECORD
    RECORD = previous


def _record(writer, name, template, context, args, kwargs, content) -> None:
    if RECORD.settings is None:
        RECORD.root = _main_output(writer)
        RECORD.settings = writer.settings
        RECORD.content_set = current_content(writer.settings)
        RECORD.others = _other_inputs(writer.settings, RECORD.content_set)
    RECORD.pages.setdefault(content.source_path, []).append(
        _Written(writer.output_path, writer.settings, name, template, context, args, kwargs, content))


def record_run(generators) -> None:
    """all_generators_finalized: keep each run's generators (with their context) for ``replay``."""
    if not generators or not generators[0].settings.get(SETTING):
        return
    first = generators[0]
    RECORD.runs.append(_Run(first.settings, list(generators), first.output_path))


def _main_output(writer) -> str:
    """The main site's output folder, from any site's writer.

    i18n-subsites writes a language sub-site into ``<main output>/<lang>``
    (its ``OUTPUT_PATH`` override), and may run it before the main site writes.
    """
    try:
        from pelican.plugins.i18n_subsites import i18n_subsites
    except ImportError:  # pragma: no cover
        return writer.output_path
    lang = writer.settings.get("DEFAULT_LANG")
    folder = Path(writer.output_path)
    if lang and lang != i18n_subsites._MAIN_LANG and folder.name == lang:
        return str(folder.parent)
    return str(folder)


def forget_content(obj) -> None:
    """Drop Pelican's memoised HTML of one content object (``get_content``/``get_summary``)."""
    for method in (type(obj).get_content, type(obj).get_summary):
        cache = getattr(method, "cache", None)
        if cache is None:
            continue
        for key in [key for key in cache if key and key[0] is obj]:
            del cache[key]


def _other_inputs(settings, content_set) -> tuple:
    """Stamps of the theme's files and of content files that are not items (images, unreadable files)."""
    items = content_set.by_path(drafts=True)
    root = Path(settings["PATH"])
    stamps = []
    for folder in (root, Path(settings["THEME"])):
        for dirpath, _dirs, files in os.walk(folder):
            for filename in files:
                path = os.path.join(dirpath, filename)
                if folder is root and Path(path).relative_to(root).as_posix() in items:
                    continue
                stamps.append(_file_stamp(path))
    return tuple(sorted(stamps, key=repr))


def _edits(before, after) -> tuple[list, bool] | None:
    """Edited paths, and whether they need the replay (not only a body); ``None``: more changed than that.

    Only items rendered before and after (published, or a draft the preview
    shows) in a set of files that did not change, and only fields their pages
    show (``replay.SHOWN_FIELDS``). A body-only edit of a news, drug or plain
    page needs no replay (``_write_bodies``); any other edit does.
    """
    from .replay import SHOWN_FIELDS

    old, new = before.by_path(drafts=True), after.by_path(drafts=True)
    if old.keys() != new.keys() or after.errors:
        return None
    changed = [path for path, item in new.items() if item is not old[path]]
    replayed = False
    for path in changed:
        item, was = new[path], old[path]
        if before.is_draft_path(path) or after.is_draft_path(path):
            return None
        fields = changed_keys(item.fields, was.fields) | changed_keys(item.doc.meta, was.doc.meta)
        if not fields <= SHOWN_FIELDS.get(item.ctype.name, frozenset()):
            return None
        replayed = replayed or bool(fields) or item.ctype.name not in CACHEABLE_TYPES
    return (changed, replayed) if changed else None


_ABSENT = object()


def changed_keys(new: dict, old: dict) -> set:
    """The keys whose value differs between two dicts (a key given on one side only counts, even as None)."""
    return {key for key in new.keys() | old.keys() if new.get(key, _ABSENT) != old.get(key, _ABSENT)}


def quick_update(output: Path, now=None) -> int | None:
    """Write the pages of a text or shown-field edit into the live ``output``; pages written, or ``None``: build fully.

    ``now``: the time a full build would use; when pages would show it differently
    (a new day, an event just over: ``ktan_build.reuse.clock_state``), build fully.
    """
    if RECORD.settings is None or RECORD.content_set is None or not RECORD.pages:
        return None
    settings = RECORD.settings
    after = current_content(dict(settings))  # a new dict: the folder is stamped again
    edits = _edits(RECORD.content_set, after)
    if edits is None or _other_inputs(settings, after) != RECORD.others or not _same_clock(settings, after, now):
        return None
    changed, replayed = edits
    if replayed:
        from .replay import replay

        written = replay(RECORD.runs, RECORD.root, {os.path.join(settings["PATH"], rel) for rel in changed},
                         output, after)
        if written is None:
            return None
        STATS["replayed"] += 1
    else:
        written = _write_bodies(settings, changed, after, output)
        STATS["quick"] += 1
    RECORD.content_set = after
    return written


def _same_clock(settings, content, now) -> bool:
    from ktan_build.reuse import clock_state

    return now is None or clock_state({**settings, "KTAN_NOW": now}, content) == clock_state(settings, content)


def _write_bodies(settings, changed: list, after, output: Path) -> int:
    """Body-only edits: the edited pages and their translations, from the recorded contexts with the new text."""
    from ktan_content.reader import KtanMarkdownReader

    reader = KtanMarkdownReader(settings)
    html = {}
    for rel in changed:
        source = os.path.join(settings["PATH"], rel)
        html[source] = reader._render(source, after.by_path(drafts=True)[rel])[0]
    sources = set(html)
    pages = []
    for source, written in RECORD.pages.items():
        for page in written:
            related = {source, *(t.source_path for t in getattr(page.content, "translations", []))}
            if related & sources:
                pages.append(page)
    for page in pages:  # the new text on every object of the edited files: pages and their translations
        for obj in (page.content, *getattr(page.content, "translations", [])):
            if obj.source_path in html:
                obj._content = html[obj.source_path]
                body_filters(page.settings, obj)
                forget_content(obj)
    for page in pages:
        writer = Writer(str(output / os.path.relpath(page.folder, RECORD.root)), page.settings)
        writer.write_file(page.name, page.template, page.context, *page.args, **page.kwargs)
    publish_images(settings, output)
    return len(pages)


def body_filters(settings, obj) -> None:
    """What plugins do to a body after reading, done here too: photos become <picture>s (ktan_images)."""
    try:
        from ktan_images.ktan_images import rewrite_item
    except ImportError:  # pragma: no cover - the plugin is not loaded
        return
    rewrite_item(settings, obj, again=True)


def publish_images(settings, output: Path, content=None) -> None:
    """The cards and photos the written pages need, into the live ``output`` (ktan_images), once per update.

    ``content``: the edited content set, when an edit may have left a photo unused (its files go).
    """
    try:
        from ktan_images.ktan_images import publish_to, retire_unused_photos
    except ImportError:  # pragma: no cover - the plugin is not loaded
        return
    if content is not None:
        retire_unused_photos(settings, content)
    publish_to(settings, output)


class RenderCachingWriter(Writer):
    def write_file(self, name, template, context, relative_urls=False, paginated=None, template_name=None,
                   override_output=False, url=None, **kwargs):
        content = kwargs.get("article") or kwargs.get("page")
        if content is not None and name and not paginated and content.metadata.get("content_type") in CACHEABLE_TYPES:
            _record(self, name, template, context, (relative_urls, paginated, template_name, override_output, url),
                    kwargs, content)
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
    signals.all_generators_finalized.connect(record_run)
