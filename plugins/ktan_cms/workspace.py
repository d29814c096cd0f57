"""``invoke edit``: the live preview, decap-server and the CMS page, started together, stopped together.

Three processes: this one (the workspace server, ``server.py``), the live
preview (``python -m ktan_preview``, unchanged: it rebuilds on every save
through the real pipeline) and decap-server (Node, file-system mode: it
reads and writes files in the content folder, nothing else; git stays the
team's job). Everything listens on 127.0.0.1 only. Ctrl+C stops all three
without a traceback.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from .admin import write_admin
from .npm import CMS_DIR, DECAP_SERVER, NodeMissing, ensure_installed, node_binary
from .server import API_PATH, STATUS_PATH, make_server

HOST = "127.0.0.1"
PLUGINS = Path(__file__).resolve().parent.parent
STARTUP_SECONDS = 180  # the preview's first build of a large site


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def port_or_free(port: int) -> int:
    if not port:
        return free_port()
    with socket.socket() as probe:
        try:
            probe.bind((HOST, port))
        except OSError:
            return free_port()
    return port


def wait_for_port(port: int, process: subprocess.Popen, name: str, timeout: float = STARTUP_SECONDS) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} berhenti saat dimulai (kode {process.returncode}). / {name} stopped while starting.")
        with socket.socket() as probe:
            if probe.connect_ex((HOST, port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"{name} tidak siap dalam {timeout:.0f} detik. / {name} did not start in time.")


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    """Linux: the child gets SIGTERM when the workspace process dies, even by SIGKILL (no orphaned servers)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


# Children get their own session (Ctrl+C reaches only this process, which stops them in order) and,
# on Linux, die with it. Windows has neither; there Ctrl+C reaches every process of the console.
CHILD_OPTIONS = {"start_new_session": True, "preexec_fn": _die_with_parent} if os.name == "posix" else {}


def _stop_on_sigterm(signum, frame):
    raise KeyboardInterrupt


def _relay(stream, hide: str) -> None:
    """Pass a child's output to the editor's terminal, minus the line that names the child's own port."""
    for line in iter(stream.readline, ""):
        if hide not in line:
            print(line, end="", flush=True)


@dataclass
class Workspace:
    root: Path  # the project folder (pelicanconf.py)
    content: Path
    output: Path
    settings_file: str = "pelicanconf.py"
    port: int = 8000
    children: list = field(default_factory=list)

    def start_decap_server(self, port: int) -> subprocess.Popen:
        env = {**os.environ, "PORT": str(port), "BIND_HOST": HOST, "MODE": "fs", "LOG_LEVEL": "error",
               "GIT_REPO_DIRECTORY": str(self.content.parent)}
        process = subprocess.Popen([node_binary(), str(DECAP_SERVER)], cwd=CMS_DIR, env=env,
                                   stdin=subprocess.DEVNULL, **CHILD_OPTIONS)
        self.children.append(process)
        return process

    def start_preview(self, port: int) -> subprocess.Popen:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(PLUGINS), os.environ.get("PYTHONPATH", "")])),
               "PYTHONUNBUFFERED": "1"}
        command = [sys.executable, "-m", "ktan_preview", "--settings", self.settings_file, "--content", str(self.content),
                   "--output", str(self.output), "--host", HOST, "--port", str(port)]
        process = subprocess.Popen(command, cwd=self.root, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   text=True, **CHILD_OPTIONS)
        threading.Thread(target=_relay, args=(process.stdout, f"{HOST}:{port}"), daemon=True).start()
        self.children.append(process)
        return process

    def stop(self) -> None:
        for process in self.children:
            if process.poll() is None:
                process.terminate()  # SIGTERM: both stop at once, without a Python traceback
        for process in self.children:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self.children.clear()

    def run(self) -> int:
        ensure_installed()
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, _stop_on_sigterm)
            signal.signal(signal.SIGINT, signal.default_int_handler)  # Ctrl+C stops it even if started ignored
        backend_port, preview_port = free_port(), free_port()
        port = port_or_free(self.port)
        with tempfile.TemporaryDirectory(prefix="ktan-admin-") as admin_dir:
            content_dir = self.content.name
            write_admin(Path(admin_dir), backend_url=API_PATH, preview_url="/", status_url=STATUS_PATH, content_dir=content_dir)
            try:
                decap = self.start_decap_server(backend_port)
                preview = self.start_preview(preview_port)
                wait_for_port(backend_port, decap, "decap-server")
                wait_for_port(preview_port, preview, "Pratinjau / preview")
                server = make_server(Path(admin_dir), backend_port=backend_port, preview_port=preview_port,
                                     settings_file=str(self.root / self.settings_file), content_path=str(self.content),
                                     host=HOST, port=port)
                threading.Thread(target=server.serve_forever, daemon=True).start()
                print(f"Penyunting siap: buka http://{HOST}:{port}/admin/ di peramban.\n"
                      f"Pratinjau situs: http://{HOST}:{port}/\n"
                      "Tekan Ctrl+C untuk berhenti. / The editor is ready at the address above; Ctrl+C stops it.", flush=True)
                while all(child.poll() is None for child in self.children):
                    time.sleep(0.5)
                print("Salah satu bagian penyunting berhenti; semuanya dihentikan. / A part stopped; stopping.", file=sys.stderr)
                return 1
            except KeyboardInterrupt:
                print("\nPenyunting dihentikan. / The editor was stopped.", flush=True)
                return 0
            finally:
                self.stop()


def main(argv=None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="ktan_cms", description="Editor's workspace: browser CMS + live preview.")
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--content", default="content")
    parser.add_argument("--output", default=".cache/preview", help="preview folder (never output/: it shows drafts)")
    parser.add_argument("--port", type=int, default=8000, help="0 = any free port")
    args = parser.parse_args(argv)
    root = Path.cwd()
    workspace = Workspace(root=root, content=(root / args.content).resolve(), output=(root / args.output).resolve(),
                          settings_file=args.settings, port=args.port)
    try:
        return workspace.run()
    except (NodeMissing, RuntimeError) as problem:
        print(problem, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
