"""Build the events fixture site (tests/fixtures/events-site) with a frozen build date."""

from __future__ import annotations

import os
from pathlib import Path

from tests.conftest import ROOT

EVENTS_FIXTURE = ROOT / "tests" / "fixtures" / "events-site"
FROZEN_NOW = "2025-01-01 00:00"  # WIB


def build_events_site(output: Path, now: str = FROZEN_NOW, content: Path = EVENTS_FIXTURE) -> Path:
    from ktan_build import build

    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        build("pelicanconf.py", output, overrides={"PATH": str(content), "KTAN_NOW": now})
    finally:
        os.chdir(cwd)
    return output
