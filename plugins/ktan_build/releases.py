"""Releases: every good build is kept as a folder; the live path is a symlink.

A request must always see one whole site. Swapping folders with two renames
leaves a moment with no site at all, so instead each successful build is
renamed into ``<releases>/<time>-<commit>/`` and the live path (``output/``
locally, ``/srv/ktan-jember/current`` on the server) is a symlink that is
switched by ``rename(2)`` of a new symlink over the old one: atomic, so nginx
(or the preview) resolves either the old release or the new one, never
nothing. Rolling back is the same switch to an older release.

Beside each release, ``<name>.json`` records when it was built and from
which commit (author, message): outside the release, so it is never served.
The newest ``keep`` releases stay (plus whichever one is live); older ones are
first renamed to ``.trash-*`` (instant) and then deleted *after* the switch,
so pruning never delays a release. A crash mid-deletion only leaves
``.trash-*`` folders, which the next prune removes.

A page already in a visitor's browser may ask for its stylesheet after the
switch; its name is fingerprinted, so the new release may not have it. Each
release therefore also carries the previous release's own fingerprinted
theme files (hard links, no extra space): one generation back, never more.

One build at a time per releases folder: ``locked()`` holds an exclusive
``flock`` on ``<releases>/.lock`` (the watcher, the nightly job and a manual
rollback on the server never interleave).
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import subprocess
import threading
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

KEEP_DEFAULT = 10
STAGING_PREFIX = ".building-"
TRASH_PREFIX = ".trash-"
LOCK_NAME = ".lock"
META_SUFFIX = ".json"
# Fingerprinted theme files (plugins/ktan_theme/assets.py; nginx caches them for a year), with precompressed copies.
FINGERPRINTED = re.compile(r"^theme/[^/]+\.[0-9a-f]{10}\.[a-z0-9]+(\.gz|\.br)?$")


class ReleaseError(Exception):
    """A release operation that cannot be done; the message is for people (Indonesian, then English)."""


@dataclass(frozen=True)
class Release:
    name: str
    path: Path
    meta: dict

    @property
    def time(self) -> str:
        return self.meta.get("time", "")

    @property
    def commit(self) -> str:
        return self.meta.get("commit") or ""

    @property
    def author(self) -> str:
        return self.meta.get("author") or ""

    @property
    def message(self) -> str:
        return self.meta.get("message") or ""

    def order(self) -> tuple:
        return (self.meta.get("timestamp", 0.0), self.name)


def absolute(path: str | Path) -> Path:
    """An absolute path whose last part is *not* resolved (it may be the live symlink)."""
    return Path(os.path.abspath(path))


def releases_dir_for(live: str | Path, configured: str | Path | None = None) -> Path:
    """Where the releases of ``live`` are: the setting, else where the live link points, else beside it."""
    live = absolute(live)
    if configured:
        return absolute(configured)
    if live.is_symlink():
        return absolute(os.path.join(live.parent, os.readlink(live))).parent
    return live.with_name(f".{live.name}.releases")


def live_release(live: str | Path) -> str | None:
    """The name of the release ``live`` points at (None before the first release)."""
    live = absolute(live)
    return Path(os.readlink(live)).name if live.is_symlink() else None


def live_with_inputs(live: str | Path, inputs: str) -> Release | None:
    """The live release if it was built from exactly ``inputs`` (``reuse.inputs_key``), else None."""
    live = absolute(live)
    if not live.is_symlink():
        return None
    path = Path(os.path.realpath(live))
    try:
        meta = json.loads((path.parent / f"{path.name}{META_SUFFIX}").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if meta.get("inputs") != inputs or not path.is_dir():
        return None
    return Release(path.name, path, meta)


def list_releases(releases: Path) -> list[Release]:
    """Finished releases, oldest first."""
    if not releases.is_dir():
        return []
    found = []
    for path in releases.iterdir():
        if path.name.startswith(".") or not path.is_dir() or path.is_symlink():
            continue
        meta_file = releases / f"{path.name}{META_SUFFIX}"
        try:
            meta = json.loads(meta_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            meta = {}
        found.append(Release(path.name, path, meta))
    return sorted(found, key=Release.order)


@contextmanager
def file_lock(path: Path):
    """An exclusive ``flock`` on ``path`` (created), held for the block; released if the process dies."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def locked(releases: Path):
    """Exclusive lock on the releases folder for a build, a switch or a rollback."""
    return file_lock(releases / LOCK_NAME)


def staging_dir(releases: Path) -> Path:
    """A fresh folder inside ``releases`` (same file system, so the final rename is instant)."""
    releases.mkdir(parents=True, exist_ok=True)
    return releases / f"{STAGING_PREFIX}{uuid.uuid4().hex[:8]}"


def git_meta(folder: str | Path) -> dict:
    """Commit, author and message of HEAD in the repository holding ``folder`` (empty outside git)."""
    try:
        result = subprocess.run(
            ["git", "-C", str(folder), "log", "-1", "--format=%H%x00%an%x00%ae%x00%s"],
            capture_output=True, text=True, timeout=20,
        )
        dirty = subprocess.run(
            ["git", "-C", str(folder), "status", "--porcelain", "--", "."], capture_output=True, text=True, timeout=20,
        )
    except (OSError, subprocess.TimeoutExpired):
        return {}
    if result.returncode != 0 or not result.stdout.strip():
        return {}
    commit, author, email, message = (result.stdout.strip("\n").split("\x00") + ["", "", "", ""])[:4]
    return {"commit": commit, "author": author, "email": email, "message": message,
            "dirty": dirty.returncode == 0 and bool(dirty.stdout.strip())}


def _release_name(releases: Path, when: float, commit: str | None) -> str:
    stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime(when))
    base = f"{stamp}-{(commit or 'nocommit')[:10]}"
    name, n = base, 1
    while (releases / name).exists() or (releases / f"{name}{META_SUFFIX}").exists():
        n += 1
        name = f"{base}-{n}"
    return name


def _write_json(path: Path, data: dict) -> None:
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}")
    temporary.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    os.replace(temporary, path)


def switch(live: str | Path, release: Path) -> None:
    """Point ``live`` at ``release`` with one rename(2) of a new symlink over the old one.

    The link is relative, so the whole folder can be moved or mounted elsewhere.
    A ``live`` that is still a plain folder (a site from before releases) is moved
    into the releases folder first: the only switch that is not atomic, once.
    """
    live = absolute(live)
    link = live.with_name(f".{live.name}.link-{uuid.uuid4().hex[:8]}")
    os.symlink(os.path.relpath(release, live.parent), link)
    try:
        if live.is_dir() and not live.is_symlink():
            _adopt_plain_folder(live, release.parent)
        os.replace(link, live)
    except BaseException:
        link.unlink(missing_ok=True)
        raise


def _adopt_plain_folder(live: Path, releases: Path) -> None:
    if not any(live.iterdir()):
        live.rmdir()
        return
    when = live.stat().st_mtime
    name = _release_name(releases, when, "legacy")
    live.rename(releases / name)
    _write_json(releases / f"{name}{META_SUFFIX}", {
        "name": name, "time": _iso(when), "timestamp": when, "commit": None, "author": None,
        "message": "site from before releases / situs sebelum rilis",
    })


def _iso(when: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(when))


def own_assets(folder: Path) -> list[str]:
    theme = folder / "theme"
    if not theme.is_dir():
        return []
    names = (f"theme/{p.name}" for p in theme.iterdir() if p.is_file())
    return sorted(name for name in names if FINGERPRINTED.match(name))


def carry_over_assets(live: str | Path, built: Path) -> None:
    """Link the live release's own fingerprinted files into ``built`` where it lacks them."""
    live = absolute(live)
    if not live.is_symlink():
        return
    previous = Path(os.path.realpath(live))
    try:
        names = json.loads((previous.parent / f"{previous.name}{META_SUFFIX}").read_text(encoding="utf-8"))["assets"]
    except (OSError, ValueError, KeyError):
        names = own_assets(previous)
    for name in names:
        source, target = previous / name, built / name
        if not source.is_file() or target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, target)
        except OSError:
            shutil.copy2(source, target)


def add_release(live: str | Path, built: Path, meta: dict | None = None) -> Release:
    """Make the finished build folder ``built`` (inside the releases folder) a release and switch to it."""
    releases = built.parent
    when = time.time()
    meta = dict(meta or {})
    name = _release_name(releases, when, meta.get("commit"))
    meta.update({"name": name, "time": _iso(when), "timestamp": when, "assets": own_assets(built)})
    carry_over_assets(live, built)
    release = releases / name
    built.rename(release)
    try:
        _write_json(releases / f"{name}{META_SUFFIX}", meta)
        switch(live, release)
    except BaseException:
        release.rename(built)  # not a release after all: the caller removes its staging folder
        (releases / f"{name}{META_SUFFIX}").unlink(missing_ok=True)
        raise
    return Release(name, release, meta)


def previous_release(live: str | Path, releases: Path | None = None) -> Release:
    """The release built just before the live one."""
    releases = releases or releases_dir_for(live)
    current = live_release(live)
    found = list_releases(releases)
    names = [r.name for r in found]
    if current not in names:
        raise ReleaseError(
            f"{live} tidak menunjuk ke rilis mana pun di {releases}.\n(EN) {live} does not point at a release in {releases}."
        )
    at = names.index(current)
    if at == 0:
        raise ReleaseError(
            "Tidak ada rilis yang lebih lama untuk dikembalikan.\n(EN) There is no older release to roll back to."
        )
    return found[at - 1]


def rollback(live: str | Path, to: str | None = None, releases: Path | None = None) -> Release:
    """Switch ``live`` to the release before it (or to the release named ``to``), in one step."""
    releases = releases or releases_dir_for(live)
    with locked(releases):
        if to:
            target = next((r for r in list_releases(releases) if r.name == to), None)
            if target is None:
                raise ReleaseError(f"Rilis '{to}' tidak ada di {releases}.\n(EN) There is no release '{to}' in {releases}.")
        else:
            target = previous_release(live, releases)
        switch(live, target.path)
    return target


def prune(live: str | Path, releases: Path, keep: int = KEEP_DEFAULT, background: bool = False) -> threading.Thread | None:
    """Keep the newest ``keep`` releases and the live one; delete the rest and any leftovers.

    Call it holding ``locked(releases)`` (a staging folder of a running build is
    a leftover only when no build runs). The doomed folders are renamed to
    ``.trash-*`` at once; deleting them happens here, or in a (non-daemon)
    thread that the interpreter waits for at exit when ``background`` is set.
    """
    keep = max(1, int(keep))
    current = live_release(live)
    found = list_releases(releases)
    doomed = [r for r in found[:-keep] if r.name != current]
    for release in doomed:
        release.path.rename(releases / f"{TRASH_PREFIX}{release.name}-{uuid.uuid4().hex[:6]}")
        (releases / f"{release.name}{META_SUFFIX}").unlink(missing_ok=True)
    for leftover in releases.iterdir():
        if leftover.name.startswith(STAGING_PREFIX):
            leftover.rename(releases / f"{TRASH_PREFIX}{leftover.name}")
    trash = [p for p in releases.iterdir() if p.name.startswith(TRASH_PREFIX)]
    if not trash:
        return None

    def delete():
        for path in trash:
            shutil.rmtree(path, ignore_errors=True)

    if not background:
        delete()
        return None
    worker = threading.Thread(target=delete, name="ktan-release-prune", daemon=False)
    worker.start()
    return worker


def leftovers(live: str | Path, releases: Path | None = None) -> list[Path]:
    """Unfinished builds, undeleted trash and half-made links: none should outlast a build."""
    live = absolute(live)
    releases = releases or releases_dir_for(live)
    found = [p for p in live.parent.glob(f".{live.name}.link-*")]
    if releases.is_dir():
        found += [p for p in releases.iterdir() if p.name.startswith((STAGING_PREFIX, TRASH_PREFIX))]
    return sorted(found)


def remove_all(live: str | Path, releases: Path | None = None) -> None:
    """``invoke clean``: the live link (or folder) and every release."""
    live = absolute(live)
    releases = releases or releases_dir_for(live)
    for legacy in [*live.parent.glob(f".{live.name}.old-*"), *live.parent.glob(f".{live.name}.building-*")]:
        shutil.rmtree(legacy, ignore_errors=True)  # left by the folder swap that releases replaced
    if live.is_symlink():
        live.unlink()
    elif live.exists():
        shutil.rmtree(live, ignore_errors=True)
    shutil.rmtree(releases, ignore_errors=True)
