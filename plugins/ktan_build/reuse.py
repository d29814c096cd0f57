"""Keep the live release when nothing the site is made from has changed.

The nightly rebuild, CI and a publish of a commit that touches no content
would otherwise render every page again to write the same bytes. A build is
a function of its inputs, so it is skipped when their fingerprint equals the
one recorded beside the live release (``inputs`` in its ``.json``):

- every file of the content folder, the theme and the plugin folders (bytes);
- the settings (every value that says *what* is built; not where the output,
  the caches or the releases go, which no page shows);
- the installed Python packages and Python's version (Pelican, Jinja,
  Markdown, Pillow, Pagefind, Babel's locale data ...);
- system files a plugin reads, which it declares with a module-level
  ``system_inputs(settings)`` (``ktan_images``: the share cards' fonts);
- **the clock**, as far as pages show it: the date in WIB (stale facts, the
  next year of a yearly event) and what each plugin declares with a
  module-level ``clock_state(content, now)`` (events: which are over, the
  next occurrence of each). A build on the same day with no event ended or
  begun since is the same site; one event ending makes it a new build.

Calendars carry the time they were made (``DTSTAMP``); a kept release keeps
its own, which RFC 5545 allows (the event did not change).

Anything not covered makes a build, never a stale site: the fingerprint is
conservative (a changed comment in a plugin rebuilds). ``--force`` (or
``KTAN_BUILD_REUSE = False``; the live preview sets it) always builds.
A test proves the clock part: a kept release equals a fresh build made at
the later time, file for file (``tests/site/test_build_reuse.py``).
"""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import platform
import re
import sys
from pathlib import Path

from ktan_content.clock import build_now
from ktan_content.schema.fields import WIB

SETTING = "KTAN_BUILD_REUSE"
FORMAT = 1
# Settings that say where things go, not what the site is: changing them must not rebuild.
WHERE_NOT_WHAT = frozenset({
    "OUTPUT_PATH", "CACHE_PATH", "KTAN_CACHE_PATH", "KTAN_IMAGES_CACHE", "KTAN_WORKERS", "KTAN_RELEASES_DIR",
    "KTAN_RELEASES_KEEP", "KTAN_NOW", SETTING,
})
_SKIPPED_PARTS = {"__pycache__", "node_modules", ".git"}
# Files a build derives from hashed sources: compiled bytecode, and the gettext catalogue that the first
# build of a fresh clone compiles from the theme's .po files (hashing it made that clone's second build a full one).
_DERIVED_SUFFIXES = (".pyc", ".mo")
_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


def _stable(value):
    """A JSON-able stand-in for a setting value that ``json`` cannot write (same in every process)."""
    if isinstance(value, (set, frozenset)):
        return sorted(map(repr, value))
    if hasattr(value, "__qualname__"):  # functions, classes
        return f"{getattr(value, '__module__', '')}.{value.__qualname__}"
    return _ADDRESS.sub("", repr(value))


def _hash_tree(digest, folder: Path) -> None:
    folder = Path(folder)
    if not folder.is_dir():
        digest.update(f"missing:{folder}".encode())
        return
    for dirpath, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d not in _SKIPPED_PARTS)
        relative = os.path.relpath(dirpath, folder).replace(os.sep, "/")
        for name in sorted(files):
            if name.endswith(_DERIVED_SUFFIXES):
                continue
            digest.update(f"{relative}/{name}\0".encode())
            try:
                with open(os.path.join(dirpath, name), "rb") as handle:
                    digest.update(hashlib.sha256(handle.read()).digest())
            except OSError:
                digest.update(b"unreadable")


def _packages() -> list[str]:
    """Installed distributions as their metadata folders' names (``Jinja2-3.1.6.dist-info``): name and version."""
    found = set()
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        found.update(name for name in names if name.endswith((".dist-info", ".egg-info")))
    return sorted(found)


def _plugins_with(settings, hook: str):
    """``(name, function)`` for each plugin of ``settings`` whose module defines ``hook``."""
    for plugin in settings.get("PLUGINS", []):
        name = plugin if isinstance(plugin, str) else getattr(plugin, "__name__", "")
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        function = getattr(module, hook, None)
        if function is not None:
            yield name, function


def clock_state(settings, content) -> list:
    """What of the clock the pages show: the WIB date plus each plugin's ``clock_state``."""
    now = build_now(settings)
    return [now.astimezone(WIB).date().isoformat(),
            *([name, state(content, now)] for name, state in _plugins_with(settings, "clock_state"))]


def inputs_key(settings, content) -> str:
    """The fingerprint of everything a build of ``settings`` reads (``content``: its checked content set)."""
    digest = hashlib.sha256(f"ktan-build-inputs {FORMAT} {platform.python_version()}\0".encode())
    system = [path for _name, inputs in _plugins_with(settings, "system_inputs") for path in inputs(settings)]
    for folder in [settings["PATH"], settings["THEME"], *settings.get("PLUGIN_PATHS", []), *system]:
        digest.update(f"\0tree:{folder}\0".encode())
        _hash_tree(digest, Path(folder))
    what = {key: value for key, value in settings.items() if key not in WHERE_NOT_WHAT}
    try:
        digest.update(json.dumps(what, sort_keys=True, default=_stable).encode())
    except (TypeError, ValueError):  # a setting JSON cannot write (e.g. a dict with tuple keys)
        digest.update(_ADDRESS.sub("", repr(sorted(what.items()))).encode())
    digest.update(json.dumps(_packages()).encode())
    digest.update(json.dumps(clock_state(settings, content), default=str).encode())
    return digest.hexdigest()


def enabled(settings) -> bool:
    """Whether builds of ``settings`` record their key and may keep the live release (``--force`` only skips the latter)."""
    return bool(settings.get(SETTING, True))
