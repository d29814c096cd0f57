"""Where things are on the server and who to tell: read from the environment.

systemd passes ``/etc/ktan-jember/edit.env`` (``EnvironmentFile=``) to every
unit, so the service, the watcher and the nightly job agree on one set of
paths. Everything below ``KTAN_SERVER_ROOT`` has a fixed name
(docs/operations.md shows the layout).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path


def _env(variable: str, default):
    """A setting read from ``variable`` by ``from_env`` (``default`` when unset): name, variable and default stay on one line."""
    return field(default=default, metadata={"env": variable})


@dataclass(frozen=True)
class ServerConfig:
    root: Path = _env("KTAN_SERVER_ROOT", Path("/srv/ktan-jember"))
    site_url: str = _env("KTAN_SITEURL", "")
    settings: str = _env("KTAN_SERVER_SETTINGS", "publishconf.py")
    keep: int = _env("KTAN_RELEASES_KEEP", 10)
    operator_email: str = _env("KTAN_OPERATOR_EMAIL", "")
    sendmail: str = _env("KTAN_SENDMAIL", "")  # empty: the first of `sendmail` on PATH, /usr/sbin/sendmail, /usr/lib/sendmail
    status_url: str = _env("KTAN_STATUS_URL", "")  # the status page as editors reach it, for the operator's mail
    decap_port: int = _env("KTAN_DECAP_PORT", 8081)
    preview_port: int = _env("KTAN_PREVIEW_PORT", 8092)
    editor_email_domain: str = _env("KTAN_EDITOR_EMAIL_DOMAIN", "penyunting.ktan-jember.invalid")
    python: str = _env("KTAN_PYTHON", "")  # the interpreter that runs the build (default: this one)

    @property
    def repo(self) -> Path:
        """The content repository (branch main, checked out): decap-server writes here, editors' commits land here."""
        return self.root / "repo"

    @property
    def build_tree(self) -> Path:
        """A second worktree of ``repo``, checked out at the commit being built (never edited by hand)."""
        return self.root / "build"

    @property
    def live(self) -> Path:
        """The symlink nginx serves (``root /srv/ktan-jember/current;``)."""
        return self.root / "current"

    @property
    def releases(self) -> Path:
        return self.root / "releases"

    @property
    def state(self) -> Path:
        """Build history, locks."""
        return self.root / "state"

    @classmethod
    def from_env(cls, env: dict | None = None) -> "ServerConfig":
        env = os.environ if env is None else env
        return cls(**{f.name: type(f.default)(env[f.metadata["env"]]) for f in fields(cls) if f.metadata["env"] in env})
