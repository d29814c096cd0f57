"""Build whenever the repository's HEAD moves: a publish in the CMS is live seconds later.

A poll, not an inotify/systemd path unit: git updates ``refs/heads/main``
by renaming a lock file, moves refs into ``packed-refs`` on gc, and a push
with ``updateInstead`` touches other files again; asking ``git rev-parse
HEAD`` every few seconds is cheap, always right, and testable. A commit
whose build failed is not retried until HEAD moves again (or the nightly
job runs), so a broken entry does not rebuild in a loop.
"""

from __future__ import annotations

import logging
import time

from .config import ServerConfig
from .runner import GitError, build_head, head
from .status import StatusLog

log = logging.getLogger("ktan_server.watch")


def pending(config: ServerConfig) -> str | None:
    """HEAD if it has not been built yet, else None."""
    sha = head(config)
    return sha if sha != StatusLog(config.state).last_built_commit() else None


def watch(config: ServerConfig, interval: float = 3.0, rounds: int | None = None) -> None:
    done = 0
    while rounds is None or done < rounds:
        try:
            if pending(config):
                entry = build_head(config, "publish")
                log.warning("ktan_server: build of %s by %s: %s", (entry.get("commit") or "")[:10], entry.get("author"),
                            "OK, live" if entry["ok"] else "FAILED, live site unchanged")
        except GitError as problem:
            log.error("ktan_server: %s", problem)
        done += 1
        if rounds is None or done < rounds:
            time.sleep(interval)
