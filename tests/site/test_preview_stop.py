"""Stopping the live preview (Ctrl+C, or SIGTERM from a closed terminal) prints one line, no traceback."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import pytest

from tests.conftest import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "editor-mistakes" / "base"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _ignore_ctrl_c():
    """What a script's background job (``cmd &``) starts with: Ctrl+C ignored, kept across exec."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@pytest.mark.parametrize("signum,started_ignoring_ctrl_c",
                         [(signal.SIGINT, False), (signal.SIGTERM, False), (signal.SIGINT, True)])
def test_preview_stops_quietly(signum, started_ignoring_ctrl_c, tmp_path):
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins"), "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "ktan_preview", "--content", str(FIXTURE), "--output", str(tmp_path / "output"),
         "--port", str(port)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        preexec_fn=_ignore_ctrl_c if started_ignoring_ctrl_c else None,
    )
    try:
        seen = ""
        deadline = time.monotonic() + 120
        while "Pratinjau: http://" not in seen and time.monotonic() < deadline and process.poll() is None:
            seen += process.stdout.readline()
        assert "Pratinjau: http://" in seen, seen + process.stderr.read()
        process.send_signal(signum)
        out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0, err
    assert "Traceback" not in out + err
    assert "Pratinjau dihentikan. / Preview stopped." in out
    with socket.socket() as sock:  # the port is free again: nothing left serving
        sock.bind(("127.0.0.1", port))
