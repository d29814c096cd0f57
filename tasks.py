"""Tasks for editors and developers: ``invoke --list`` shows them all."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from invoke import task

ROOT = Path(__file__).parent
sys.path.insert(0, str(ROOT / "plugins"))

CONFIG = {
    "settings_base": "pelicanconf.py",
    "settings_publish": "publishconf.py",
    "output": "output",
    "theme": "theme",
    "host": "127.0.0.1",
    "port": 8000,
}


def _ktan_build(c, args: str):
    """``python -m ktan_build <args>`` in a child process, with our plugins importable."""
    return c.run(f"{sys.executable} -m ktan_build {args}", warn=True, pty=False, env={"PYTHONPATH": str(ROOT / "plugins")})


def _build(c, settings: str, output: str | None = None, force: bool = False) -> None:
    extra = (f" --output '{output}'" if output else "") + (" --force" if force else "")
    result = _ktan_build(c, f"--settings {settings}{extra}")
    if not result.ok:
        sys.exit(result.exited)


@task(help={"force": "build even when nothing changed since the live release"})
def build(c, force=False):
    """Check the content and build the site (id at /, en at /en/) into output/."""
    _build(c, CONFIG["settings_base"], force=force)


@task(help={"target": "rsync target (host:/path or a folder); default: $KTAN_DEPLOY_TARGET", "dry_run": "only list what would change", "output": "build folder (default output/)"})
def publish(c, target=None, dry_run=False, output=None):
    """Build with publishconf.py ($KTAN_SITEURL), then rsync to $KTAN_DEPLOY_TARGET; a failed build deploys nothing."""
    import shlex

    from ktan_build.deploy import NotDeployable, check_deployable, rsync_command

    target = target or os.environ.get("KTAN_DEPLOY_TARGET", "")
    if not target:
        sys.exit("Tujuan belum diisi: KTAN_DEPLOY_TARGET=user@host:/srv/ktan-jember/site (atau --target).\n"
                 "(EN) No deploy target: set KTAN_DEPLOY_TARGET or pass --target.")
    live = Path(os.path.abspath(output or CONFIG["output"]))  # a symlink to the release: never resolve before the build
    _build(c, CONFIG["settings_publish"], str(live))
    site = live.resolve()  # rsync sends the release the build just switched to
    try:
        check_deployable(site)
    except NotDeployable as problem:
        sys.exit(str(problem))
    result = c.run(shlex.join(rsync_command(site, target, dry_run=dry_run)), warn=True, pty=False)
    sys.exit(result.exited)


@task
def check(c):
    """Check the content only: every problem in every file, in plain Indonesian."""
    sys.exit(_ktan_build(c, "--check").exited)


@task(help={"kind": "berita, kegiatan, narkoba, pages, layanan or mitra", "title": "the Indonesian title", "slug": "file name (default: from the title)"})
def new(c, kind, title, slug=""):
    """Create a new content file (both languages where per-language) from the content model."""
    from ktan_content.scaffold import ScaffoldError, new_files

    try:
        paths = new_files(ROOT / "content", kind, title, slug)
    except ScaffoldError as problem:
        print(problem, file=sys.stderr)
        sys.exit(1)
    for path in paths:
        print(f"dibuat / created: {path.relative_to(ROOT)}")
    print("Status: draft (belum tayang; kesalahannya hanya peringatan). Ganti menjadi 'status: published' bila sudah siap.\n"
          "(EN) Status: draft (not published; its mistakes are only warnings). Set 'status: published' when it is ready.")


@task
def clean(c):
    """Remove the generated site (output/ and its releases) and the build cache."""
    from ktan_build.releases import remove_all

    remove_all(ROOT / CONFIG["output"])
    shutil.rmtree(ROOT / ".cache", ignore_errors=True)


@task(help={"live": "the live path (default output/; on the server /srv/ktan-jember/current)"})
def releases(c, live=None):
    """List the kept releases (newest last): time, commit, author, message; * marks the live one."""
    from ktan_build.releases import list_releases, live_release, releases_dir_for

    live = live or str(ROOT / CONFIG["output"])
    current = live_release(live)
    found = list_releases(releases_dir_for(live))
    if not found:
        print(f"Belum ada rilis untuk {live}. / No releases for {live} yet (invoke build).")
    for release in found:
        mark = "*" if release.name == current else " "
        print(f"{mark} {release.name}  {release.time}  {release.commit[:10] or '-'}  {release.author or '-'}  {release.message}")


@task(help={"live": "the live path (default output/; on the server /srv/ktan-jember/current)", "to": "a release name from `invoke releases` (default: the one before the live one)"})
def rollback(c, live=None, to=None):
    """Switch the live site back to the previous release (one atomic step)."""
    from ktan_build.releases import ReleaseError, rollback as switch_back

    live = live or str(ROOT / CONFIG["output"])
    try:
        release = switch_back(live, to)
    except ReleaseError as problem:
        sys.exit(str(problem))
    print(f"Situs yang tayang sekarang: {release.name} ({release.commit[:10] or '-'}, {release.author or '-'}).\n"
          f"(EN) The live site is now {release.name}.")


@task
def serve(c, port=CONFIG["port"]):
    """Serve output/ (the live release) at http://127.0.0.1:8000/ (build first)."""
    from pelican.server import ComplexHTTPRequestHandler, RootedHTTPServer

    server = RootedHTTPServer(CONFIG["output"], (CONFIG["host"], int(port)), ComplexHTTPRequestHandler)
    print(f"Situs tersedia di http://{CONFIG['host']}:{port}/ (Ctrl+C untuk berhenti)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        server.server_close()


@task(help={"port": "port on 127.0.0.1 (default 8000)"})
def livereload(c, port=CONFIG["port"]):
    """Live preview: build, serve at http://127.0.0.1:8000/, rebuild and reload the browser on save (Ctrl+C stops it)."""
    from ktan_preview.__main__ import main

    # In this process, not a child: Ctrl+C and SIGTERM reach the preview itself, which stops
    # quietly (no traceback, no server left running); a code change re-executes it with this path.
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "plugins"), os.environ.get("PYTHONPATH")]))
    sys.exit(main(["--port", str(int(port))]))


@task(help={"port": "port di 127.0.0.1 (bawaan 8000; 0 = port bebas mana saja) / port", "content": "folder konten (bawaan content/) / content folder",
            "output": "folder hasil pratinjau (bawaan output/) / preview output folder"})
def edit(c, port=CONFIG["port"], content="content", output=CONFIG["output"]):
    """Penyunting lewat peramban: pratinjau langsung + CMS di http://127.0.0.1:8000/admin/ (Ctrl+C untuk berhenti)."""
    from ktan_cms.workspace import main

    sys.exit(main(["--port", str(int(port)), "--content", content, "--output", output]))


@task(name="fields-doc")
def fields_doc(c):
    """Regenerate docs/fields.md (every field of every content type) from the content model."""
    from ktan_cms.fields_doc import write

    changed = write(ROOT / "docs" / "fields.md")
    print("docs/fields.md " + ("diperbarui / updated" if changed else "sudah mutakhir / up to date"))


@task(name="editor-screenshots")
def editor_screenshots(c):
    """Retake the screenshots of docs/panduan-editor.md (runs the browser CMS tests)."""
    folder = ROOT / "docs" / "img" / "cms"
    result = c.run(f"{sys.executable} -m pytest tests/browser/test_cms_browser.py -q -p no:cacheprovider", warn=True, pty=False,
                   env={"KTAN_SCREENSHOTS": str(folder)})
    sys.exit(result.exited)


@task(help={"n": "items per language, comma-separated (default 200,2000)", "runs": "runs at each N (default 3,1)",
            "profile": "write bench/profile.txt (cProfile of the full build at the last N) instead"})
def bench(c, n="200,2000", runs="3,1", profile=False):
    """Time plain Pelican, Hugo, our build (cold, warm) and a preview edit on a synthetic site; writes bench/results.md."""
    import shlex

    extra = " --profile" if profile else ""
    command = f"{sys.executable} bench/build_bench.py --n {shlex.quote(str(n))} --runs {shlex.quote(str(runs))}{extra}"
    result = c.run(command, warn=True, pty=False)
    sys.exit(result.exited)


@task
def test(c, args=""):
    """Install the test tools if missing, then run the whole test suite."""
    c.run(f"bash {ROOT / 'tests' / 'tools' / 'install.sh'}", pty=False)
    result = c.run(f"{sys.executable} -m pytest {args}", warn=True, pty=False)
    if result.exited == 5:
        print("pytest collected no tests: that is a failure here.", file=sys.stderr)
        sys.exit(1)
    sys.exit(result.exited)


def _pybabel(c, *args: str) -> None:
    c.run(f"{sys.executable} -m babel.messages.frontend " + " ".join(args))


@task(name="i18n-extract")
def i18n_extract(c):
    """Extract the theme's strings into theme/translations/messages.pot."""
    with c.cd(CONFIG["theme"]):
        _pybabel(c, "extract", "-F babel.cfg", "-o translations/messages.pot", "--no-location", "--sort-output", ".")


@task(name="i18n-update", pre=[i18n_extract])
def i18n_update(c):
    """Merge new strings into the Indonesian catalogue (theme/translations/id/...)."""
    with c.cd(CONFIG["theme"]):
        _pybabel(c, "update", "-i translations/messages.pot", "-d translations", "--no-wrap", "--ignore-obsolete")


@task(name="i18n-compile")
def i18n_compile(c):
    """Compile the catalogues (.po -> .mo); the build does this by itself too."""
    from ktan_theme.catalogs import compile_catalogs

    for path in compile_catalogs(ROOT / CONFIG["theme"] / "translations"):
        print(f"compiled {path}")
