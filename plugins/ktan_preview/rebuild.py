"""Rebuild the site in this (warm) process through the normal pipeline.

The preview runs ``ktan_build.build``: the same check and the same safe swap
as ``invoke build``, so a file with a mistake leaves the last good site in
place. The process stays alive between rebuilds, so the content set, the
Markdown HTML, the compiled templates and the HTML of unchanged content
pages (``render_cache``) are reused; an edit to the text of a page alone
rewrites that page and its translation without a build (``render_cache.quick_update``),
and an edit of what pages only show (a title, a summary...) writes the last
build's pages again without a Pelican run (``replay``).
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from dataclasses import dataclass

from ktan_build import BuildFailed, build
from ktan_build.pipeline import load_settings
from ktan_content.clock import build_now
from ktan_content.messages import format_warnings

from . import render_cache
from .render_cache import SETTING as RENDER_CACHE_SETTING

# Post-build steps that only matter once published: the preview is served
# uncompressed, and an editor previews pages, not the search index (the
# search page of the preview therefore finds nothing; `invoke build` makes it).
SKIPPED_STEPS = {"search_index", "precompress", "precompress_output"}

# The preview keeps its last two releases (the live one and the one before);
# older ones are deleted after each switch, by a thread the process waits for.
PREVIEW_KEEP = 2


@dataclass(frozen=True)
class Outcome:
    ok: bool
    seconds: float
    report: str  # the editor-facing report of a failed build, "" when it worked
    generation: int  # counts finished builds, good or bad; the browser waits for a new one
    warnings: str = ""  # problems in drafts and unused images: shown on every page, never blocking


class Rebuilder:
    def __init__(self, settings_file: str = "pelicanconf.py", output: str | None = None, content: str | None = None,
                 overrides: dict | None = None):
        self.settings_file = settings_file
        self.output = output
        self.content = content
        self.extra = dict(overrides or {})
        self.last = Outcome(ok=False, seconds=0.0, report="", generation=0)
        self.changed = threading.Condition()

    def _overrides(self) -> dict:
        overrides = {"PATH": self.content} if self.content else {}
        overrides.update(self.extra)
        settings = load_settings(self.settings_file, overrides)
        overrides["KTAN_POSTBUILD"] = [name for name in settings.get("KTAN_POSTBUILD", []) if name not in SKIPPED_STEPS]
        overrides["PLUGINS"] = [*settings["PLUGINS"], "ktan_preview"]
        overrides[RENDER_CACHE_SETTING] = True
        overrides["KTAN_PREVIEW_DRAFTS"] = True  # editors see their drafts here, and only here
        overrides["KTAN_BUILD_REUSE"] = False  # every build records its pages for the quick path (render_cache)
        return overrides

    def _quick(self) -> bool:
        """A text or shown-field edit written straight into the live release (``render_cache.quick_update``).

        Also right after a failed build: the live release stayed, and so did the record of it.
        """
        try:
            settings = load_settings(self.settings_file, self._overrides())
            output = self.output or settings["OUTPUT_PATH"]
            return render_cache.quick_update(Path(output), build_now(settings)) is not None
        except Exception:  # anything unexpected: the live pages may be half written; forget them, build fully
            render_cache.start_recording()
            return False

    def run(self) -> Outcome:
        started = time.perf_counter()
        try:
            if self._quick():
                warnings = format_warnings(render_cache.RECORD.content_set.warnings)
            else:
                live = render_cache.start_recording()
                try:
                    result = build(self.settings_file, self.output, self._overrides(), background_cleanup=True,
                                   keep=PREVIEW_KEEP)
                except BuildFailed:
                    render_cache.keep_recording(live)
                    raise
                warnings = format_warnings(result.warnings)
            ok, report = True, ""
        except BuildFailed as failure:
            ok, report, warnings = False, failure.report, ""  # the report already lists the warnings
        except Exception as exc:  # the preview must survive anything an edit can cause
            ok, warnings = False, ""
            report = (
                f"Terjadi kesalahan tak terduga: {type(exc).__name__}: {exc}\n"
                "(EN) Unexpected error; the last good preview stays. Run `invoke build --debug` for details."
            )
        outcome = Outcome(ok, time.perf_counter() - started, report, self.last.generation + 1, warnings)
        with self.changed:
            self.last = outcome
            self.changed.notify_all()
        return outcome

    def wait_for_change(self, generation: int, timeout: float) -> Outcome:
        """Block until a build newer than ``generation`` finished (or ``timeout``)."""
        with self.changed:
            self.changed.wait_for(lambda: self.last.generation != generation, timeout)
            return self.last
