"""Copy a finished build to the live server with rsync (``invoke publish``).

The build pipeline only replaces ``output/`` after a complete, successful
build, so rsync never sees a half-written site; ``check_deployable`` also
refuses a folder without both home pages, because ``--delete`` would
otherwise empty the live site.
"""

from __future__ import annotations

from pathlib import Path

REQUIRED_FILES = ("index.html", "en/index.html", "404.html", "en/404.html")


class NotDeployable(Exception):
    pass


def check_deployable(site: Path) -> None:
    missing = [name for name in REQUIRED_FILES if not (site / name).is_file()]
    if missing:
        raise NotDeployable(
            f"{site} bukan hasil build yang lengkap (tidak ada: {', '.join(missing)}); tidak dikirim.\n"
            f"(EN) {site} is not a complete build (missing: {', '.join(missing)}); nothing was deployed."
        )


def rsync_command(site: Path, target: str, dry_run: bool = False) -> list[str]:
    """rsync that mirrors ``site`` into ``target`` (``host:/path`` or a local folder).

    ``--delay-updates`` moves every changed file into place at the end, so
    visitors never get new pages that point at assets not yet uploaded.
    """
    command = [
        "rsync",
        "--recursive",
        "--links",
        "--times",
        "--compress",
        "--delete-delay",
        "--delay-updates",
        "--chmod=D755,F644",
        "--itemize-changes",
    ]
    if dry_run:
        command.append("--dry-run")
    return [*command, f"{site}/", target.rstrip("/") + "/"]
