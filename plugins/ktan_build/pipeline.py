"""Build the site safely.

The content is checked first (every file, every error at once); Pelican then
builds both languages into a temporary folder next to the output; post-build
steps run on that folder; only when everything succeeded does the folder
replace the output. A failed build leaves the last good site byte for byte.
"""

from __future__ import annotations

import logging
import shutil
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from ktan_content.load import ContentSet
from ktan_content.messages import ContentError, format_report, format_warnings
from ktan_content.state import current_content

from . import postbuild


class BuildFailed(Exception):
    """A build that must not replace the live site; ``report`` is for editors."""

    def __init__(self, report: str, errors: list[ContentError] | None = None,
                 warnings: list[ContentError] | None = None):
        super().__init__(report)
        self.report = report
        self.errors = errors or []
        self.warnings = warnings or []  # problems in drafts: shown, not the reason it failed


@dataclass
class BuildResult:
    output: Path
    seconds: float
    timings: dict = field(default_factory=dict)
    warnings: list = field(default_factory=list)  # ContentErrors in drafts: shown, never blocking

    def warnings_report(self) -> str:
        return format_warnings(self.warnings)


class _ErrorCollector(logging.Handler):
    """Pelican logs problems and carries on; we collect them to fail the build."""

    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def load_settings(settings_file: str, overrides: dict | None = None) -> dict:
    from pelican.settings import read_settings

    path = (overrides or {}).get("PATH")
    if path and not Path(path).is_dir():
        raise BuildFailed(
            f"Folder konten '{path}' tidak ditemukan. Jalankan perintah dari folder proyek.\n"
            f"(EN) The content folder '{path}' does not exist. Run the command from the project folder."
        )
    if not Path(settings_file).is_file():
        raise BuildFailed(
            f"Berkas pengaturan '{settings_file}' tidak ditemukan. Jalankan perintah dari folder proyek.\n"
            f"(EN) The settings file '{settings_file}' does not exist. Run the command from the project folder."
        )
    return read_settings(settings_file, override=overrides or {})


def check(content_path, settings: dict | None = None) -> list[ContentError]:
    """Every blocking content problem; shares its parse with the Pelican run that follows."""
    return checked_content(content_path, settings).errors


def checked_content(content_path, settings: dict | None = None) -> ContentSet:
    """The checked content: ``.errors`` block a build, ``.warnings`` (drafts) do not."""
    return current_content({**(settings or {}), "PATH": content_path})


def _reset_plugin_state():
    """Pelican plugins keep module state; a failed run must not poison the next."""
    try:
        from pelican.plugins.i18n_subsites import i18n_subsites
    except ImportError:  # pragma: no cover
        return
    i18n_subsites._MAIN_SETTINGS = None


def run_pelican(settings: dict) -> None:
    from pelican import Pelican

    _reset_plugin_state()
    collector = _ErrorCollector()
    root_logger = logging.getLogger()
    root_logger.addHandler(collector)
    try:
        Pelican(settings).run()
    except BuildFailed:
        raise
    except Exception as exc:  # every Pelican/Jinja failure becomes a plain report
        raise BuildFailed(
            "Situs gagal dibangun: {0}: {1}\n(EN) The site could not be built: {0}: {1}\n"
            "Situs yang tayang tidak diubah. / The live site was not changed.".format(type(exc).__name__, exc)
        ) from exc
    finally:
        root_logger.removeHandler(collector)
        _reset_plugin_state()
    if collector.messages:
        listing = "\n".join(f"- {m}" for m in collector.messages)
        raise BuildFailed(
            f"Pelican melaporkan kesalahan:\n{listing}\n(EN) Pelican reported errors (above). "
            "Situs yang tayang tidak diubah. / The live site was not changed."
        )


def _swap_into_place(built: Path, output: Path, background_cleanup: bool = False) -> None:
    """Replace ``output`` with ``built``; the previous site is removed afterwards.

    A long-running caller (the live preview) removes it in a background thread,
    so the new site is live without waiting for thousands of deletions.
    """
    old = output.with_name(f".{output.name}.old-{uuid.uuid4().hex[:8]}")
    if output.exists():
        output.rename(old)
    try:
        built.rename(output)
    except OSError:
        if old.exists():
            old.rename(output)  # put the last good site back before reporting
        raise
    if not old.exists():
        return
    if background_cleanup:
        threading.Thread(target=shutil.rmtree, args=(old,), kwargs={"ignore_errors": True}, daemon=True).start()
    else:
        shutil.rmtree(old, ignore_errors=True)


def build(
    settings_file: str = "pelicanconf.py",
    output: str | Path | None = None,
    overrides: dict | None = None,
    background_cleanup: bool = False,
) -> BuildResult:
    """Check, build into a temporary folder, post-process, then replace ``output``."""
    started = time.perf_counter()
    timings = {}
    overrides = dict(overrides or {})
    settings = load_settings(settings_file, overrides)
    output = Path(output or settings["OUTPUT_PATH"]).resolve()

    checked = checked_content(settings["PATH"], settings)
    errors, warnings = checked.errors, checked.warnings
    timings["check"] = time.perf_counter() - started
    if errors:
        report = format_report(errors)
        if warnings:
            report = f"{format_warnings(warnings)}\n\n{report}"
        raise BuildFailed(report, errors, warnings)

    output.parent.mkdir(parents=True, exist_ok=True)
    staging = output.with_name(f".{output.name}.building-{uuid.uuid4().hex[:8]}")
    overrides["OUTPUT_PATH"] = str(staging)
    settings = load_settings(settings_file, overrides)
    try:
        mark = time.perf_counter()
        run_pelican(settings)
        timings["pelican"] = time.perf_counter() - mark
        for step in postbuild.steps(settings):
            mark = time.perf_counter()
            step(staging, settings)
            timings[step.__name__] = time.perf_counter() - mark
        _swap_into_place(staging, output, background_cleanup)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return BuildResult(output=output, seconds=time.perf_counter() - started, timings=timings, warnings=warnings)
