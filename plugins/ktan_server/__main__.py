"""``python -m ktan_server <command>`` on the district server (paths from the environment, see config.py).

    serve     the edit service for nginx (CMS API + status page) on 127.0.0.1
    watch     build whenever the repository's HEAD moves
    build     build HEAD now (the nightly timer: --trigger nightly); exit 1 if it failed
    rollback  switch the live site to the previous release (or --to NAME), recorded on the status page
    releases  list the kept releases
    editor    add/rotate (set), remove or list the editors' logins in the nginx password file
    admin     write the CMS's /admin/ folder (plugins/ktan_cms)
"""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import sys
from pathlib import Path

from .config import ServerConfig

PASSWORD_FILE = "/etc/ktan-jember/editors.htpasswd"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="ktan_server", description="The KTAN Jember edit service (district server).")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=int(os.environ.get("KTAN_EDIT_PORT", "8091")))
    watch = commands.add_parser("watch")
    watch.add_argument("--interval", type=float, default=3.0)
    build = commands.add_parser("build")
    build.add_argument("--trigger", default="manual", choices=["nightly", "manual", "publish"])
    rollback = commands.add_parser("rollback")
    rollback.add_argument("--to", default=None)
    commands.add_parser("releases")
    editor = commands.add_parser("editor")
    editor.add_argument("action", choices=["set", "remove", "list"])
    editor.add_argument("login", nargs="?")
    editor.add_argument("--file", default=os.environ.get("KTAN_PASSWORD_FILE", PASSWORD_FILE))
    admin = commands.add_parser("admin")
    admin.add_argument("--dest", default=None, help="default: <root>/admin")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    config = ServerConfig.from_env()

    if args.command == "serve":
        from .app import make_server

        server = make_server(config, args.host, args.port)
        print(f"ktan_server: edit service on http://{args.host}:{server.server_address[1]}/", flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        return 0
    if args.command == "watch":
        from .watch import watch as run_watch

        try:
            run_watch(config, args.interval)
        except KeyboardInterrupt:
            pass
        return 0
    if args.command == "build":
        from .runner import build_head

        entry = build_head(config, args.trigger)
        print(("OK: " + str(entry.get("release"))) if entry["ok"] else entry["report"], file=sys.stdout if entry["ok"] else sys.stderr)
        return 0 if entry["ok"] else 1
    if args.command == "rollback":
        from .runner import rollback as run_rollback

        entry = run_rollback(config, by=os.environ.get("SUDO_USER") or getpass.getuser(), to=args.to)
        print(f"Situs yang tayang sekarang / live now: {entry['release']}" if entry["ok"] else entry["report"],
              file=sys.stdout if entry["ok"] else sys.stderr)
        return 0 if entry["ok"] else 1
    if args.command == "releases":
        from ktan_build.releases import list_releases, live_release

        current = live_release(config.live)
        for release in list_releases(config.releases):
            mark = "*" if release.name == current else " "
            print(f"{mark} {release.name}  {release.time}  {release.commit[:10] or '-'}  {release.author or '-'}  {release.message}")
        return 0
    if args.command == "editor":
        from .passwords import PasswordError, logins, remove_login, set_password

        path = Path(args.file)
        try:
            if args.action == "list":
                print("\n".join(logins(path)))
            elif not args.login:
                parser.error("editor set/remove need a login")
            elif args.action == "remove":
                print("dihapus / removed" if remove_login(path, args.login) else "tidak ada / not found")
            else:
                password = sys.stdin.readline().rstrip("\n") if not sys.stdin.isatty() else getpass.getpass(
                    f"Kata sandi baru untuk / new password for {args.login}: ")
                set_password(path, args.login, password)
                print(f"{args.login}: kata sandi disimpan / password set ({path})")
        except PasswordError as problem:
            print(problem, file=sys.stderr)
            return 1
        return 0
    if args.command == "admin":
        from .admin import write_server_admin

        print(write_server_admin(config, Path(args.dest) if args.dest else config.root / "admin"))
        return 0
    return 2


if __name__ == "__main__":
    sys.exit(main())
