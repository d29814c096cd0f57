"""Build the site safely.

The content is checked first (every file, every error at once); Pelican then
builds both languages into a staging folder inside the releases folder;
post-build steps run on that folder; only when everything succeeded does it
become a release, and the output (a symlink) is switched to it atomically
(``releases``). A failed build leaves the last good site byte for byte.
"""

from __future__ import annotations

import logging
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from ktan_content.load import ContentSet
from ktan_content.messages import ContentError, format_report, format_warnings
from ktan_content.state import current_content

from . import postbuild
from . import releases as releases_mod
from . import reuse


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
    output: Path  # the live path (a symlink to ``release.path``)
    seconds: float
    timings: dict = field(default_factory=dict)
    warnings: list = field(default_factory=list)  # ContentErrors in drafts: shown, never blocking
    release: releases_mod.Release | None = None
    reused: bool = False  # nothing had changed: ``release`` is the live one, kept (``reuse``)

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
    """Run Pelican; a failure becomes ``BuildFailed``, and no worker a plugin forked outlives the run."""
    from pelican import Pelican

    from ktan_cache.workers import stop_background

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
        stop_background()  # a plugin's pool (share cards drawn while rendering) when the run failed half-way
        root_logger.removeHandler(collector)
        _reset_plugin_state()
    if collector.messages:
        listing = "\n".join(f"- {m}" for m in collector.messages)
        raise BuildFailed(
            f"Pelican melaporkan kesalahan:\n{listing}\n(EN) Pelican reported errors (above). "
            "Situs yang tayang tidak diubah. / The live site was not changed."
        )


def build(
    settings_file: str = "pelicanconf.py",
    output: str | Path | None = None,
    overrides: dict | None = None,
    background_cleanup: bool = False,
    *,
    releases: str | Path | None = None,
    keep: int | None = None,
    meta: dict | None = None,
    force: bool = False,
) -> BuildResult:
    """Check, build into a staging folder, post-process, then release it as ``output``.

    ``output`` becomes a symlink to ``<releases>/<time>-<commit>/`` (see
    ``releases``); ``releases`` and ``keep`` default to the settings
    ``KTAN_RELEASES_DIR`` and ``KTAN_RELEASES_KEEP``. ``meta`` adds to what is
    recorded beside the release (commit, author and message come from git).
    Old releases are pruned after the switch, in the background for a
    long-running caller (``background_cleanup``, the live preview).
    When nothing the site is made from changed since the live release was
    built, that release stays live and nothing is built (``reuse``; ``force``
    builds anyway).
    """
    from ktan_content.clock import build_now

    started = time.perf_counter()
    timings = {}
    overrides = dict(overrides or {})
    settings = load_settings(settings_file, overrides)
    overrides["KTAN_NOW"] = settings["KTAN_NOW"] = build_now(settings)  # one instant for the check, the key and Pelican
    output = releases_mod.absolute(output or settings["OUTPUT_PATH"])
    releases_dir = releases_mod.releases_dir_for(output, releases or settings.get("KTAN_RELEASES_DIR"))
    keep = keep or settings.get("KTAN_RELEASES_KEEP", releases_mod.KEEP_DEFAULT)

    checked = checked_content(settings["PATH"], settings)
    errors, warnings = checked.errors, checked.warnings
    timings["check"] = time.perf_counter() - started
    if errors:
        report = format_report(errors)
        if warnings:
            report = f"{format_warnings(warnings)}\n\n{report}"
        raise BuildFailed(report, errors, warnings)

    key = None
    if reuse.enabled(settings):
        mark = time.perf_counter()
        key = reuse.inputs_key(settings, checked)
        timings["inputs"] = time.perf_counter() - mark
    meta = {**releases_mod.git_meta(settings["PATH"]), "settings": Path(settings_file).name,
            "draft_warnings": len(warnings), **(meta or {}), "inputs": key}
    output.parent.mkdir(parents=True, exist_ok=True)
    with releases_mod.locked(releases_dir):
        kept = releases_mod.live_with_inputs(output, key) if key and not force else None
        if kept is not None:
            return BuildResult(output=output, seconds=time.perf_counter() - started, timings=timings, release=kept,
                               warnings=warnings, reused=True)
        staging = releases_mod.staging_dir(releases_dir)
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
            release = releases_mod.add_release(output, staging, meta)
        finally:
            if staging.exists():
                shutil.rmtree(staging, ignore_errors=True)
        releases_mod.prune(output, releases_dir, keep, background=background_cleanup)
    return BuildResult(output=output, seconds=time.perf_counter() - started, timings=timings, release=release,
                       warnings=warnings)
