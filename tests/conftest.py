"""Shared fixtures: a real build of the real site, and helpers to read its pages."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def require_tool(path_or_name: str) -> str:
    """Return the tool's path; skip on a laptop without it, fail under CI=true."""
    found = path_or_name if os.path.isabs(path_or_name) and os.access(path_or_name, os.X_OK) else shutil.which(path_or_name)
    if not found:
        message = f"{path_or_name} is not installed (tests/tools/install.sh installs it)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return found


def build_site(output: Path, settings: str = "pelicanconf.py", **overrides) -> Path:
    """Build with our pipeline (settings from the project root) into ``output``.

    Overrides are Pelican settings, e.g. ``PATH=<fixture content>``, ``KTAN_NOW="2025-01-01 00:00"``.
    """
    from ktan_build import build

    build(str(ROOT / settings), output, overrides=overrides or None)
    return output


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real content built with pelicanconf.py into a temporary folder."""
    return build_site(tmp_path_factory.mktemp("site") / "output")


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))
