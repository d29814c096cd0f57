"""``python -m ktan_preview``: build, serve on 127.0.0.1:8000, rebuild on save.

Used by ``invoke livereload``. Content, theme and settings changes rebuild in
this process (caches stay warm); a change to Python code (plugins, settings
files) restarts the process, because modules cannot be reloaded safely.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import threading
from pathlib import Path

from watchfiles import watch

from .rebuild import Outcome, Rebuilder
from .server import make_server
from .watch import needs_restart, relevant


def report(outcome: Outcome) -> None:
    if outcome.warnings:
        print(outcome.warnings, file=sys.stderr, flush=True)
    if outcome.ok:
        print(f"Pratinjau diperbarui dalam {outcome.seconds:.2f} detik. / Preview updated in {outcome.seconds:.2f} s.", flush=True)
    else:
        print(outcome.report, file=sys.stderr, flush=True)
        print("Pratinjau GAGAL: situs terakhir yang benar tetap tampil. / Preview FAILED: the last good site stays.", file=sys.stderr, flush=True)


def _stop(signum, frame):
    """SIGTERM (a closed terminal, ``kill``) stops the preview like Ctrl+C: quietly."""
    raise KeyboardInterrupt


def main(argv=None) -> int:
    """Run the preview; Ctrl+C or SIGTERM stop it with one line, never a traceback."""
    signal.signal(signal.SIGTERM, _stop)
    # Python leaves Ctrl+C ignored when it starts ignored (a script's background job inherits that): not here.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        return _serve(argv)
    except KeyboardInterrupt:
        print("\nPratinjau dihentikan. / Preview stopped.", flush=True)
        return 0


def _serve(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="ktan_preview", description="Live preview of the KTAN Jember site.")
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--content", default=None)
    parser.add_argument("--output", default=".cache/preview", help="preview folder (never output/: it shows drafts)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("pelican.readers").setLevel(logging.ERROR)

    root = Path.cwd()
    rebuilder = Rebuilder(args.settings, args.output, args.content)
    report(rebuilder.run())
    server = make_server(rebuilder, root / args.output, args.host, args.port)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Pratinjau: http://{args.host}:{args.port}/ (Ctrl+C untuk berhenti / to stop)", flush=True)

    watched = [root / (args.content or "content"), root / "theme", root / "plugins", root / args.settings]
    output = (root / args.output).resolve()
    try:
        for changes in watch(*[p for p in watched if p.exists()], watch_filter=lambda _, path: relevant(path) and not Path(path).resolve().is_relative_to(output)):
            paths = [path for _, path in changes]
            if needs_restart(paths):
                print("Kode berubah, pratinjau dimulai ulang. / Code changed, restarting the preview.", flush=True)
                server.server_close()
                os.execv(sys.executable, [sys.executable, "-m", "ktan_preview", *(argv if argv is not None else sys.argv[1:])])
            report(rebuilder.run())
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
