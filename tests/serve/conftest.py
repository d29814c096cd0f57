"""The published site (publishconf.py) and the shipped nginx config running over it."""

from __future__ import annotations

import getpass
import os
import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import IN_CI, ROOT, build_site, require_tool

SITE_URL = "https://ktan.test"
DEPLOY = ROOT / "deploy" / "nginx"
NGINX = "/usr/sbin/nginx"
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
MIME_TYPES = Path("/etc/nginx/mime.types")


def build_published(output: Path, site_url: str | None = SITE_URL, **overrides) -> Path:
    """Build the real content with publishconf.py and KTAN_SITEURL=site_url."""
    saved = os.environ.get("KTAN_SITEURL")
    if site_url is None:
        os.environ.pop("KTAN_SITEURL", None)
    else:
        os.environ["KTAN_SITEURL"] = site_url
    try:
        build_site(output, "publishconf.py", **overrides)
    finally:
        if saved is None:
            os.environ.pop("KTAN_SITEURL", None)
        else:
            os.environ["KTAN_SITEURL"] = saved
    return output


@pytest.fixture(scope="session")
def published_site(tmp_path_factory) -> Path:
    return build_published(tmp_path_factory.mktemp("published") / "output")


def brotli_module_available() -> bool:
    """Debian's libnginx-mod-http-brotli-static; skip its checks on a laptop, fail under CI."""
    if BROTLI_MODULE.is_file():
        return True
    if IN_CI:
        pytest.fail(f"{BROTLI_MODULE} is missing (Debian package libnginx-mod-http-brotli-static)")
    return False


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def substitute(text: str, replacements: dict[str, str], where: str) -> str:
    """Replace each deploy-time value; a value the shipped file no longer has is a test failure."""
    for old, new in replacements.items():
        assert old in text, f"{where} no longer contains {old!r}: update tests/serve/conftest.py"
        text = text.replace(old, new)
    return text


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    openssl = require_tool("openssl")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=ktan.test",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )
    return cert, key


def install_snippets(folder: Path, brotli: bool) -> Path:
    """The shipped snippets with their include paths pointing into ``folder/snippets``."""
    snippets = folder / "snippets"
    snippets.mkdir(exist_ok=True)
    site_conf = (DEPLOY / "ktan-jember-site.conf").read_text()
    site_conf = substitute(site_conf, {"/etc/nginx/snippets/": f"{snippets}/"}, "ktan-jember-site.conf")
    if not brotli:
        site_conf = substitute(site_conf, {"brotli_static on;": "# brotli_static: module not installed"}, "ktan-jember-site.conf")
    (snippets / "ktan-jember-site.conf").write_text(site_conf)
    for name in ("ktan-jember-headers.conf", "ktan-jember-edit-headers.conf"):
        (snippets / name).write_text((DEPLOY / name).read_text())
    return snippets


def site_server_config(folder: Path, site: Path, http_port: int, https_port: int, cert: Path, key: Path) -> Path:
    """deploy/nginx/ktan-jember.conf with only ports, certificate, root and paths changed."""
    (folder / "acme").mkdir(exist_ok=True)
    server = substitute(
        (DEPLOY / "ktan-jember.conf").read_text(),
        {
            "listen 80;": f"listen 127.0.0.1:{http_port};",
            "listen [::]:80;": "",
            "listen 443 ssl http2;": f"listen 127.0.0.1:{https_port} ssl http2;",
            "listen [::]:443 ssl http2;": "",
            "/etc/letsencrypt/live/ktan.example.go.id/fullchain.pem": str(cert),
            "/etc/letsencrypt/live/ktan.example.go.id/privkey.pem": str(key),
            "/var/www/letsencrypt": str(folder / "acme"),
            "/srv/ktan-jember/current": str(site),
            "/etc/nginx/snippets/": f"{folder / 'snippets'}/",
        },
        "ktan-jember.conf",
    )
    path = folder / "ktan-jember.conf"
    path.write_text(server)
    return path


def nginx_main_config(folder: Path, includes: list[Path], brotli: bool) -> Path:
    """A minimal nginx.conf around the shipped server files."""
    temp = folder / "temp"
    temp.mkdir(exist_ok=True)
    main = [
        f"load_module {BROTLI_MODULE};" if brotli else "",
        # A root master would hand requests to 'nobody', who cannot read pytest's folders.
        f"user {getpass.getuser()};" if os.geteuid() == 0 else "",
        "worker_processes 1;",
        f"pid {folder / 'nginx.pid'};",
        f"error_log {folder / 'error.log'} warn;",
        "events { worker_connections 128; }",
        "http {",
        f"  include {MIME_TYPES};",
        "  default_type application/octet-stream;",
        f"  access_log {folder / 'access.log'};",
        *(f"  {kind}_temp_path {temp / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")),
        *(f"  include {path};" for path in includes),
        "}",
    ]
    config = folder / "nginx.conf"
    config.write_text("\n".join(main) + "\n")
    return config


def write_config(folder: Path, site: Path, http_port: int, https_port: int, brotli: bool) -> Path:
    """The shipped files with only root, ports and paths changed, inside a minimal nginx.conf."""
    cert, key = self_signed_certificate(folder)
    install_snippets(folder, brotli)
    return nginx_main_config(folder, [site_server_config(folder, site, http_port, https_port, cert, key)], brotli)


def wait_for_port(port: int, process: subprocess.Popen, error_log: Path) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"nginx exited ({process.returncode}): {error_log.read_text() if error_log.exists() else ''}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    pytest.fail("nginx did not start listening")


class Nginx:
    def __init__(self, config: Path, http_port: int, https_port: int, test_output: str, brotli: bool):
        self.config = config
        self.http_port = http_port
        self.https_port = https_port
        self.test_output = test_output
        self.brotli = brotli


@contextmanager
def running_nginx(folder: Path, config: Path, ports: list[int]):
    """nginx -t, then nginx in the foreground until the block ends; yields ``nginx -t``'s output."""
    binary = require_tool(NGINX)
    tested = subprocess.run([binary, "-t", "-p", str(folder), "-e", str(folder / "error.log"), "-c", str(config)],
                            capture_output=True, text=True)
    assert tested.returncode == 0, tested.stderr
    process = subprocess.Popen(
        [binary, "-p", str(folder), "-e", str(folder / "error.log"), "-c", str(config), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        for port in ports:
            wait_for_port(port, process, folder / "error.log")
        yield tested.stderr
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def nginx_available() -> bool:
    require_tool(NGINX)
    if not MIME_TYPES.is_file():
        pytest.skip(f"{MIME_TYPES} missing (Debian package nginx-common)")
    return brotli_module_available()


@pytest.fixture(scope="session")
def nginx(published_site, tmp_path_factory):
    """Real nginx on 127.0.0.1 (HTTP and HTTPS ports) serving the published site."""
    brotli = nginx_available()
    folder = tmp_path_factory.mktemp("nginx")
    http_port, https_port = free_port(), free_port()
    config = write_config(folder, published_site, http_port, https_port, brotli)
    with running_nginx(folder, config, [https_port, http_port]) as test_output:
        yield Nginx(config, http_port, https_port, test_output, brotli)
