"""One safe build of the server repository's HEAD, recorded and reported.

The build runs in ``<root>/build``, a second git worktree checked out at the
exact commit (``git checkout --detach --force`` + ``git clean``), not in the
repository editors write to: what goes live is always one whole commit
(content and code together), never a file decap-server wrote a moment before
its commit, and the release's metadata names that commit truthfully. The
pipeline itself is ``python -m ktan_build`` in a fresh process (new code in
a commit is what builds it; a crash cannot take the watcher down). A failed
build makes no release, so the live one stays; the entry in the status log
carries the editor-facing report, and the operator gets it by mail.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time

from ktan_build import releases

from .config import ServerConfig
from .mail import notify_failure
from .status import StatusLog, now_iso

BUILD_TIMEOUT = 30 * 60


class GitError(Exception):
    pass


def git(folder, *args: str) -> str:
    result = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        raise GitError(f"git {' '.join(args)}: {result.stderr.strip()}")
    return result.stdout.strip()


def head(config: ServerConfig) -> str:
    return git(config.repo, "rev-parse", "HEAD")


def commit_meta(config: ServerConfig, sha: str) -> dict:
    author, message = (git(config.repo, "log", "-1", "--format=%an%x00%s", sha).split("\x00") + [""])[:2]
    return {"commit": sha, "author": author, "message": message}


def runner_lock(config: ServerConfig):
    """The watcher, the nightly job and rollbacks take turns."""
    return releases.file_lock(config.state / ".runner.lock")


def prepare_tree(config: ServerConfig, sha: str) -> None:
    """Check out ``sha`` in the build worktree, exactly (untracked files removed, build caches kept).

    A worktree that git no longer knows (the repository was restored from a
    backup, or the folder was copied) is made again instead of failing forever.
    """
    tree = config.build_tree
    if (tree / ".git").exists():
        try:
            git(tree, "checkout", "--quiet", "--detach", "--force", sha)
            git(tree, "clean", "-q", "-d", "-f", "-x", "-e", "/.cache/")
            return
        except GitError:
            pass
    if tree.exists():
        shutil.rmtree(tree)
    git(config.repo, "worktree", "prune")
    git(config.repo, "worktree", "add", "--detach", "--force", str(tree), sha)


def build_command(config: ServerConfig) -> list[str]:
    return [
        config.python or sys.executable, "-m", "ktan_build", "--settings", config.settings,
        "--output", str(config.live), "--releases", str(config.releases), "--keep", str(config.keep),
    ]


def build_head(config: ServerConfig, trigger: str) -> dict:
    """Build HEAD into a new release; record the outcome; mail the operator if it failed."""
    log = StatusLog(config.state)
    with runner_lock(config):
        started, clock = now_iso(), time.monotonic()
        entry = {"kind": "build", "trigger": trigger, "started": started, "commit": None, "author": None, "message": None}
        try:
            sha = head(config)
            entry.update(commit_meta(config, sha))
            prepare_tree(config, sha)
            env = {**os.environ, "PYTHONPATH": str(config.build_tree / "plugins"), "KTAN_SITEURL": config.site_url}
            result = subprocess.run(build_command(config), cwd=config.build_tree, env=env, capture_output=True, text=True,
                                    timeout=BUILD_TIMEOUT)
            ok = result.returncode == 0
            output = result.stderr.strip()
            entry.update(ok=ok, report="" if ok else (output or result.stdout.strip()), warnings=output if ok else "")
        except GitError as problem:
            entry.update(ok=False, warnings="", report=(
                f"Repositori di server tidak bisa disiapkan untuk build: {problem}\n"
                "(EN) The server's repository could not be prepared for the build (above). "
                "Situs yang tayang tidak diubah. / The live site was not changed."))
        except subprocess.TimeoutExpired:
            entry.update(ok=False, warnings="", report=(
                f"Build dihentikan setelah {BUILD_TIMEOUT // 60} menit.\n(EN) The build was stopped after "
                f"{BUILD_TIMEOUT // 60} minutes. Situs yang tayang tidak diubah. / The live site was not changed."))
        entry.update(finished=now_iso(), seconds=round(time.monotonic() - clock, 2),
                     release=releases.live_release(config.live) if entry["ok"] else None)
        entry = log.add(entry)
    if not entry["ok"]:
        notify_failure(config, entry)
    return entry


def rollback(config: ServerConfig, by: str, to: str | None = None, trigger: str = "command") -> dict:
    """Switch the live site to the previous release (or ``to``) and record who did it."""
    log = StatusLog(config.state)
    with runner_lock(config):
        entry = {"kind": "rollback", "trigger": trigger, "by": by, "started": now_iso()}
        try:
            release = releases.rollback(config.live, to, config.releases)
            entry.update(ok=True, release=release.name, commit=release.commit, author=release.author,
                         message=release.message, report="")
        except releases.ReleaseError as problem:
            entry.update(ok=False, release=to, report=str(problem))
        entry["finished"] = now_iso()
        return log.add(entry)
