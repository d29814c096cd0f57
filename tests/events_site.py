"""Build the events fixture site (tests/fixtures/events-site) with a frozen build date."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import ROOT, build_site

EVENTS_FIXTURE = ROOT / "tests" / "fixtures" / "events-site"
FROZEN_NOW = "2025-01-01 00:00"  # WIB


def build_events_site(output: Path, now: str = FROZEN_NOW, content: Path = EVENTS_FIXTURE) -> Path:
    return build_site(output, PATH=str(content), KTAN_NOW=now)
