"""The editors' password file for nginx's ``auth_basic_user_file``.

Lines are ``login:hash`` with an Apache MD5 (``$apr1$``) hash from
``openssl passwd -apr1`` (openssl is on every Debian server; nginx reads
this format on any libc, apache2-utils' htpasswd is not needed).
"""

from __future__ import annotations

import os
import subprocess
import uuid
from pathlib import Path

from .backend import LOGIN


class PasswordError(Exception):
    pass


def hash_password(password: str) -> str:
    if not password or "\n" in password:
        raise PasswordError("Kata sandi kosong atau tidak sah. / Empty or invalid password.")
    result = subprocess.run(["openssl", "passwd", "-apr1", "-stdin"], input=password + "\n", capture_output=True, text=True)
    if result.returncode != 0:
        raise PasswordError(f"openssl passwd gagal / failed: {result.stderr.strip()}")
    return result.stdout.strip()


def _read(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def _write(path: Path, lines: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o640
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}")
    temporary.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    os.chmod(temporary, mode)
    if path.exists():
        stat = path.stat()
        try:
            os.chown(temporary, stat.st_uid, stat.st_gid)
        except PermissionError:
            pass
    os.replace(temporary, path)


def set_password(path: Path, login: str, password: str) -> None:
    """Add ``login`` or give it a new password (rotation)."""
    if not LOGIN.match(login):
        raise PasswordError(f"Login '{login}' tidak sah: huruf, angka, . _ @ - saja. / Invalid login: letters, digits, . _ @ - only.")
    line = f"{login}:{hash_password(password)}"
    lines = [entry for entry in _read(path) if entry.split(":", 1)[0] != login]
    _write(path, [*lines, line])


def remove_login(path: Path, login: str) -> bool:
    lines = _read(path)
    kept = [entry for entry in lines if entry.split(":", 1)[0] != login]
    _write(path, kept)
    return len(kept) != len(lines)


def logins(path: Path) -> list[str]:
    return [entry.split(":", 1)[0] for entry in _read(path) if ":" in entry]
