"""The static search index: Pagefind over the finished build folder.

Pagefind reads each page's ``<html lang>`` and writes one index per language
into ``pagefind/``; only the part of a page marked ``data-pagefind-body``
(the main content of article, page and detail templates) is indexed, so
listings, the header and the help bar do not crowd the results. The search
page loads ``pagefind/pagefind.js`` itself; no other page loads anything of it.

**One Pagefind run per language folder, one after another.** Pagefind keeps
every page it has read in memory, and copies them once more per language
before it builds the indexes: its peak grows with the pages of one run
(376 MB for both languages at N = 2,000, 225 MB for English alone), and was
the build's peak. A run over ``en/`` and one over the rest write the same
index files a single run writes (the languages never share a file; tested);
only ``pagefind-entry.json``, which lists the languages, is merged here (in
the site's language order, where Pagefind's own order varies between runs).
A single run is kept whenever splitting could change the result: a folder
name a glob cannot say literally, one part with ``data-pagefind-body`` pages
and another without (Pagefind then indexes whole pages of the second), or
runs that both find one language. Pagefind 1.5's options do not lower the
peak: one worker thread (``TOKIO_WORKER_THREADS=1``) still took 374 MB, and
``--exclude-selectors``/``data-pagefind-ignore`` would take words out of the
results (the bodies are the content itself).

**It runs beside the other steps** (``SearchIndexJob``): the runs are one
background process (``sh -c 'run1 && run2'``); ``postbuild`` lets only steps
that neither change an HTML file nor touch ``pagefind/`` go on meanwhile.
"""

from __future__ import annotations

import hashlib
import json
import os
import shlex
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

BUNDLE_DIR = "pagefind"
PARTS_DIR = ".parts"  # inside the bundle folder while the runs write; merged, then removed
ENTRY = "pagefind-entry.json"
# Pagefind's own UI bundles are not used (their CSS/JS inject inline styles the CSP forbids).
UNUSED_BUNDLE_FILES = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js", "pagefind-component-ui.js", "pagefind-component-ui.css")
GLOB_SPECIAL = set("{}[]*?,!\\")
BODY_MARK = b"data-pagefind-body"


def pagefind_executable() -> Path:
    from pagefind_bin import get_executable

    return get_executable()


def index_site(build_dir: Path, cache: Path | None = None, split: list[str] = (), languages: list[str] = ()) -> None:
    """Run Pagefind on ``build_dir`` now; raise RuntimeError with its output if it fails."""
    start_index(build_dir, cache, split, languages).wait()


def start_index(build_dir: Path, cache: Path | None = None, split: list[str] = (),
                languages: list[str] = ()) -> "SearchIndexJob":
    """Start indexing ``build_dir``: ``split`` names the sub-site folders indexed in runs of their own,
    ``languages`` the order of the entry file's languages (others follow by name).

    Pagefind starts at once; the one read of the pages this needs (the cache
    key, the check that splitting indexes the same) runs beside it, and
    stops it in the rare case it started the wrong thing.

    With a ``cache`` folder, the bundle of the last run is reused when every
    HTML file Pagefind reads is byte for byte the same (a rebuild with
    unchanged content): Pagefind re-indexes the whole site on every run and is
    not incremental, and its output depends only on those files, its version
    and its options. Any change to any page runs it again.
    """
    executable = pagefind_executable()
    groups = _groups(build_dir, split)
    job = SearchIndexJob(build_dir, executable, groups, list(languages))
    job.start()
    try:
        key, with_body = _scan(build_dir, groups, executable, keyed=cache is not None)
        if len(set(with_body)) > 1:  # a part without data-pagefind-body pages would be indexed whole
            job.restart([None])  # one run, as Pagefind means it
        job.stored = cache / f"pagefind-{key}" if cache else None
        if job.stored is not None and (job.stored / ENTRY).is_file():
            job.abort()
            shutil.rmtree(job.bundle, ignore_errors=True)
            shutil.copytree(job.stored, job.bundle, copy_function=_link_or_copy)
    except BaseException:
        job.abort()
        raise
    return job


class SearchIndexJob:
    """Pagefind's runs as one background process; ``wait()`` merges and checks the bundle."""

    def __init__(self, build_dir: Path, executable: Path, groups: list, languages: list[str]):
        self.build_dir, self.executable, self.groups, self.languages = build_dir, executable, groups, languages
        self.bundle = build_dir / BUNDLE_DIR
        self.stored: Path | None = None
        self.process: subprocess.Popen | None = None
        self.log = None
        self.done = False

    def _commands(self) -> list[list[str]]:
        commands = []
        for number, glob in enumerate(self.groups):
            command = [str(self.executable), "--site", str(self.build_dir), "--quiet",
                       "--output-path", str(self.bundle / PARTS_DIR / str(number))]
            commands.append(command + (["--glob", glob] if glob else []))
        return commands

    def start(self) -> None:
        script = " && ".join(shlex.join(command) for command in self._commands())
        self.log = tempfile.TemporaryFile()
        self.done = False
        # Its own session: abort() stops the shell and the Pagefind it is running, nothing else.
        self.process = subprocess.Popen(["/bin/sh", "-c", script], stdout=self.log, stderr=subprocess.STDOUT,
                                        stdin=subprocess.DEVNULL, start_new_session=True)

    def restart(self, groups: list) -> None:
        self.abort()
        self.groups = groups
        self.start()

    def wait(self) -> None:
        if self.done:
            return
        try:
            self._finish()
        finally:
            self.done = True
            shutil.rmtree(self.bundle / PARTS_DIR, ignore_errors=True)

    def _finish(self) -> None:
        self._wait_for_process()
        try:
            _merge(self.bundle, len(self.groups), self.languages)
        except _SplitMismatch:  # two runs found one language: index the site in one run instead
            self.restart([None])
            self._wait_for_process()
            _merge(self.bundle, 1, self.languages)
        shutil.rmtree(self.bundle / PARTS_DIR)
        for name in UNUSED_BUNDLE_FILES:
            (self.bundle / name).unlink(missing_ok=True)
        if self.stored is not None:
            _store(self.bundle, self.stored)

    def _wait_for_process(self) -> None:
        code = self.process.wait()
        self.log.seek(0)
        output = self.log.read().decode("utf-8", "replace").strip()
        self.log.close()
        if code != 0:
            raise RuntimeError(output or f"pagefind exited with {code}")

    def abort(self) -> None:
        """Stop the runs and remove what they wrote (a later step failed, or they are not needed)."""
        if self.done:
            return
        self.done = True
        if self.process is not None and self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            self.process.wait()
        if self.log is not None:
            self.log.close()
        shutil.rmtree(self.bundle, ignore_errors=True)


class _SplitMismatch(Exception):
    pass


def _groups(build_dir: Path, split: list[str]) -> list[str | None]:
    """Globs of the runs: each sub-site folder, then everything else; ``[None]``: one run over all."""
    folders = [name for name in split if (build_dir / name).is_dir()]
    if not folders:
        return [None]
    rest, names = [], list(folders)
    for entry in sorted(os.scandir(build_dir), key=lambda e: e.name):
        if entry.name in folders or entry.name == BUNDLE_DIR or entry.name.startswith("."):
            continue
        if entry.is_dir():
            rest.append(f"{entry.name}/**/*.html")
        elif entry.name.endswith(".html"):
            rest.append(entry.name)
        else:
            continue
        names.append(entry.name)
    if not rest or any(GLOB_SPECIAL & set(name) for name in names):
        return [None]
    return ["{" + ",".join(rest) + "}", *(f"{name}/**/*.html" for name in folders)]


def _group_of(rel: str, groups: list) -> int:
    top = rel.split("/", 1)[0]
    for number, glob in enumerate(groups[1:], start=1):
        if glob.split("/", 1)[0] == top:
            return number
    return 0


def _scan(build_dir: Path, groups: list, executable: Path, keyed: bool) -> tuple[str, list[bool]]:
    """One read of every HTML file: the cache key of this run (``keyed``), and which runs' pages mark a search body."""
    digest = hashlib.sha256(repr((str(executable), executable.stat().st_size, groups)).encode())
    with_body = [False] * len(groups)
    if not keyed and len(groups) == 1:
        return "", with_body
    from .files import files_under

    for page in files_under(build_dir, {".html"}):
        rel = page.relative_to(build_dir).as_posix()
        data = page.read_bytes()
        if keyed:
            digest.update(rel.encode() + b"\0")
            digest.update(hashlib.sha256(data).digest())
        if len(groups) > 1:
            number = _group_of(rel, groups)
            with_body[number] = with_body[number] or _marks_body(data)
    return digest.hexdigest()[:24], with_body


def _marks_body(html: bytes) -> bool:
    """An element with the ``data-pagefind-body`` attribute (not the words in a text)."""
    at = html.find(BODY_MARK)
    while at != -1:
        before, after = html[at - 1:at], html[at + len(BODY_MARK):at + len(BODY_MARK) + 1]
        if before.isspace() and after in (b" ", b">", b"=", b"/", b"\n", b"\t") and html.rfind(b"<", 0, at) > html.rfind(b">", 0, at):
            return True
        at = html.find(BODY_MARK, at + 1)
    return False


def _merge(bundle: Path, parts: int, order: list[str]) -> None:
    """Move the runs' files into the bundle; one entry file listing every run's languages, in ``order``."""
    entries = []
    for number in range(parts):
        part = bundle / PARTS_DIR / str(number)
        entries.append(json.loads((part / ENTRY).read_text(encoding="utf-8")))
        for source in sorted(part.rglob("*")):
            if not source.is_file() or source.name == ENTRY:
                continue
            target = bundle / source.relative_to(part)
            if target.exists():
                if target.read_bytes() != source.read_bytes():
                    raise _SplitMismatch(str(target))
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, target)
    languages = {}
    for entry in entries:
        for lang, index in entry["languages"].items():
            if lang in languages:
                raise _SplitMismatch(lang)
            languages[lang] = index
    ranks = {lang: rank for rank, lang in enumerate(order)}
    languages = dict(sorted(languages.items(), key=lambda item: (ranks.get(item[0], len(ranks)), item[0])))
    first = entries[0]
    if any((e["version"], e.get("include_characters")) != (first["version"], first.get("include_characters")) for e in entries):
        raise _SplitMismatch(ENTRY)
    merged = {**first, "languages": languages}
    (bundle / ENTRY).write_text(json.dumps(merged, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _link_or_copy(source, target):
    """A hard link (instant, no second copy on disk); a copy across file systems. Nothing writes into these files."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _store(bundle: Path, stored: Path) -> None:
    """Keep this bundle as the only stored one (written beside, then renamed: never half a bundle)."""
    stored.parent.mkdir(parents=True, exist_ok=True)
    partial = stored.with_name(f".{stored.name}.{os.getpid()}")
    shutil.rmtree(partial, ignore_errors=True)
    shutil.copytree(bundle, partial, copy_function=_link_or_copy)
    for old in stored.parent.glob("pagefind-*"):
        shutil.rmtree(old, ignore_errors=True)
    try:
        partial.rename(stored)
    except OSError:
        shutil.rmtree(partial, ignore_errors=True)
