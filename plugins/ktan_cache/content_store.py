"""Parsed content and Markdown HTML kept on disk, for the next process.

Every build is a new process (the nightly rebuild, CI, each publish, the
first build of the live preview); without this each one parses every YAML
front matter and converts every Markdown body again although nothing changed.

Why our own store and not Pelican's ``CACHE_CONTENT``/``LOAD_CONTENT_CACHE``:
Pelican's cache pickles each *content object* per sub-site, keyed by the
source file's mtime, and is consulted by the generators only: our check
(``ktan_build --check``, the first step of every build) and the plugins read
the whole folder through the shared ``ContentSet`` before Pelican starts, so
Pelican's cache would save neither the YAML parsing nor the validation; nor
does it notice a change to our reader's code or a file restored with an old
mtime. Here the cache sits at the clean per-file boundary of our own code:

- ``item``: one file's parse + validation result (``load.load_item``), keyed
  by the file's path, content type and **content hash**;
- ``html``: the Markdown HTML of a body or summary, keyed by the **text's hash**.

Everything is stored under a **fingerprint** of what shapes the result: the
source of the ``ktan_content`` package (parser, schema, validation, reader),
the ``MARKDOWN`` settings and the versions of Python, Markdown and PyYAML. A
change to any of these starts an empty store, so nothing stale can be served;
a change to a file changes its hash. Templates and other settings are not
cached here (pages are rendered every build). Cross-file checks (references,
addresses, body links) always run over the whole set.

One pickle per fingerprint in ``KTAN_CACHE_PATH`` (``.cache/ktan``,
gitignored), replaced atomically, holding only the entries the last build
used. A broken or foreign file counts as empty.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import pickle
import platform
import sys
import tempfile
from pathlib import Path

SETTING = "KTAN_CACHE_PATH"
PACKAGES = ("ktan_content",)  # the code that reads content: its source is part of the fingerprint
FORMAT = 1

_STORES: dict[tuple[str, str, str], "ContentStore"] = {}
log = logging.getLogger(__name__)


@functools.lru_cache(maxsize=None)
def code_fingerprint(packages: tuple) -> str:
    """Hash of the source files of ``packages`` (found on ``sys.path``)."""
    digest = hashlib.sha256()
    for name in packages:
        module = sys.modules.get(name) or __import__(name)
        for folder in module.__path__:
            for path in sorted(Path(folder).rglob("*.py")):
                digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def fingerprint(settings) -> str:
    import markdown
    import yaml

    from ktan_content.reader import markdown_config

    digest = hashlib.sha256()
    parts = (FORMAT, platform.python_version(), markdown.__version__, yaml.__version__,
             repr(markdown_config(settings)), code_fingerprint(PACKAGES))
    digest.update(repr(parts).encode())
    return digest.hexdigest()[:20]


def html_key(text: str) -> tuple:
    """Markdown HTML depends on the text and on what the fingerprint covers, nothing else."""
    return ("html", hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest())


class ContentStore:
    """Entries of one fingerprint, loaded once per process, saved when something new was added."""

    def __init__(self, folder: Path, fp: str, kind: str = "content"):
        self.folder = folder
        self.kind = kind
        self.path = folder / f"{kind}-{fp}.pickle"
        self.fp = fp
        self.entries: dict = {}
        self.used: set = set()
        self.dirty = False
        self.hits = 0
        self.misses = 0
        try:
            with open(self.path, "rb") as handle:
                data = pickle.load(handle)
            if data.get("fingerprint") == fp:
                self.entries = data["entries"]
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
            self.entries = {}

    def get(self, key):
        value = self.entries.get(key)
        if value is None:
            self.misses += 1
            return None
        self.hits += 1
        self.used.add(key)
        return value

    def put(self, key, value) -> None:
        self.entries[key] = value
        self.used.add(key)
        self.dirty = True

    def load_item(self, full: Path, rel: str, ctype, load_item) -> tuple:
        """``(item, its own errors)`` of one file: stored by content hash, else ``load_item`` and store it."""
        try:
            raw = full.read_bytes()
        except OSError:
            raw = None
        key = item_key(rel, ctype.name, raw) if raw is not None else None
        frozen = self.get(key) if key else None
        if frozen is not None:
            return thaw_item(frozen, ctype)
        own: list = []
        item = load_item(full, rel, ctype, own)
        try:
            unchanged = raw is not None and full.read_bytes() == raw  # not edited while it was parsed
        except OSError:
            unchanged = False
        if unchanged:
            self.put(key, freeze_item(item, own))
        return item, own

    def save(self) -> None:
        """Write the entries used since the last save (atomically); other fingerprints' files go."""
        if not self.dirty:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        kept = {key: self.entries[key] for key in self.used if key in self.entries}
        handle = tempfile.NamedTemporaryFile("wb", dir=self.folder, prefix=f".{self.kind}-", delete=False)
        try:
            with handle:
                pickle.dump({"fingerprint": self.fp, "entries": kept}, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(handle.name, self.path)
        except (pickle.PicklingError, AttributeError, TypeError) as exc:  # a value that cannot be stored: no cache
            log.warning("content cache not saved (%s); the next build parses every file again", exc)
        finally:
            if os.path.exists(handle.name):
                os.unlink(handle.name)
        for other in self.folder.glob(f"{self.kind}-*.pickle"):
            if other != self.path:
                other.unlink(missing_ok=True)
        self.dirty = False


def store_for(settings, kind: str = "content", fp: str | None = None) -> ContentStore | None:
    """The store of ``settings`` (``None`` when ``KTAN_CACHE_PATH`` is empty: caching off).

    ``kind`` names another store in the same folder (e.g. compressed copies) with its own fingerprint ``fp``.
    """
    folder = settings.get(SETTING)
    if not folder:
        return None
    folder = str(Path(folder).resolve())
    fp = fp or fingerprint(settings)
    store = _STORES.get((folder, kind, fp))
    if store is None:
        store = _STORES[(folder, kind, fp)] = ContentStore(Path(folder), fp, kind)
    return store


def save_all() -> None:
    for store in _STORES.values():
        store.save()


# -- items (one file's parse + validation) -----------------------------------


def item_key(rel: str, type_name: str, raw: bytes) -> tuple:
    return ("item", rel, type_name, hashlib.sha256(raw).hexdigest())


def freeze_item(item, errors: list) -> tuple:
    """A picklable form: the item without its content type (the live schema object is put back on load).

    Kept as the item's attribute dict, so fields another change adds to ``Item`` are stored too.
    """
    if item is None:
        return (None, None, list(errors))
    return (type(item), {k: v for k, v in vars(item).items() if k != "ctype"}, list(errors))


def thaw_item(frozen: tuple, ctype) -> tuple:
    item_class, state, errors = frozen
    if item_class is None:
        return None, list(errors)
    item = object.__new__(item_class)
    item.__dict__.update(state)
    item.ctype = ctype
    return item, list(errors)
