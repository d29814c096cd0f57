"""Which changed files call for a rebuild, and which for a restart."""

from __future__ import annotations

from pathlib import Path

# Editors' backup/lock files and files the build writes itself.
IGNORED_SUFFIXES = (".mo", ".pyc", "~", ".swp", ".swx", ".tmp")
IGNORED_PARTS = {"__pycache__", ".cache", ".git"}


def relevant(path: str) -> bool:
    p = Path(path)
    if any(part in IGNORED_PARTS for part in p.parts):
        return False
    return not (p.name.startswith((".#", "#", "~")) or p.name.endswith(IGNORED_SUFFIXES))


def needs_restart(paths) -> bool:
    """Python code (plugins, settings) cannot be reloaded safely in place."""
    return any(Path(p).suffix == ".py" for p in paths)
