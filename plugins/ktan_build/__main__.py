"""Command line: ``python -m ktan_build [--settings publishconf.py] [--check]``.

Editors see a plain-language report and an exit code, never a traceback
(``--debug`` shows it for developers).
"""

from __future__ import annotations

import argparse
import logging
import sys
import traceback
from pathlib import Path

from .pipeline import BuildFailed, build, checked_content, load_settings


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="ktan_build", description="Build the KTAN Jember site safely.")
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--output", default=None, help="the live path, a symlink to the newest release (default: OUTPUT_PATH)")
    parser.add_argument("--releases", default=None, help="folder of the releases (default: KTAN_RELEASES_DIR, else .<output>.releases)")
    parser.add_argument("--keep", type=int, default=None, help="releases to keep (default: KTAN_RELEASES_KEEP, 10)")
    parser.add_argument("--content", default=None, help="content folder (default: PATH in the settings)")
    parser.add_argument("--cache", default=None,
                        help="cache folder, photos and cards in its images/ (default: KTAN_CACHE_PATH, KTAN_IMAGES_CACHE)")
    parser.add_argument("--check", action="store_true", help="only check the content")
    parser.add_argument("--force", action="store_true", help="build even when nothing changed since the live release")
    parser.add_argument("--debug", action="store_true")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.debug else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("pelican.readers").setLevel(logging.WARNING if args.debug else logging.ERROR)
    overrides = {"PATH": str(Path(args.content).resolve())} if args.content else {}
    if args.cache:
        overrides["KTAN_CACHE_PATH"] = str(Path(args.cache).resolve())
        overrides["KTAN_IMAGES_CACHE"] = str(Path(args.cache).resolve() / "images")  # one folder: a cold build is cold
    try:
        if args.check:
            from ktan_content.messages import format_report, format_warnings

            settings = load_settings(args.settings, overrides)
            checked = checked_content(settings["PATH"], settings)
            if checked.warnings:
                print(format_warnings(checked.warnings), file=sys.stderr)
            if checked.errors:
                print(format_report(checked.errors), file=sys.stderr)
                return 1
            if checked.warnings:
                print(f"Konten benar; {len(checked.warnings)} peringatan di atas tidak menghentikan pembangunan. / "
                      f"Content is valid; the {len(checked.warnings)} warning(s) above do not stop the build.")
            else:
                print("Konten benar. / Content is valid.")
            return 0
        result = build(args.settings, args.output, overrides, releases=args.releases, keep=args.keep, force=args.force)
        if result.warnings:
            print(result.warnings_report(), file=sys.stderr)
    except BuildFailed as failure:
        print(failure.report, file=sys.stderr)
        if args.debug:
            traceback.print_exc()
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # last resort: still no traceback for editors
        print(
            f"Terjadi kesalahan tak terduga: {type(exc).__name__}: {exc}\n"
            f"(EN) Unexpected error. The live site was not changed. Run with --debug and send the output to the developers.",
            file=sys.stderr,
        )
        if args.debug:
            traceback.print_exc()
        return 2
    steps = ", ".join(f"{name} {seconds:.2f}s" for name, seconds in result.timings.items())
    if result.reused:
        print(f"Tidak ada yang berubah sejak rilis {result.release.name}; situs yang tayang tetap. / Nothing changed "
              f"since release {result.release.name}; the live site stays ({result.seconds:.1f} detik: {steps}).")
        return 0
    print(f"Situs selesai dibangun di {result.output} -> {result.release.name} ({result.seconds:.1f} detik: {steps}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
