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

**Each run's output is stored** (with a cache folder) under a key of the
pages that run reads, the binary and the run's options, and merged in
instead of running it while they are unchanged: Pagefind is not incremental,
so an edit to one Indonesian page re-indexes the Indonesian pages only. The
runs' shared files (``pagefind.js``, ``wasm.*``, the worker) are the same
bytes in every run; the merge checks that, as it does for fresh runs.

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
    keys, the check that splitting indexes the same) runs beside it, and
    stops or skips what it finds is not needed.

    With a ``cache`` folder, each run's output is stored under a key of the
    pages *that run reads* (its glob), Pagefind and the run's options, and
    reused while they are byte for byte the same: Pagefind is not
    incremental, and a run's output depends only on those. An edit to one
    Indonesian page runs Pagefind over the Indonesian pages only; the English
    run's stored output is merged in as if it had run.
    """
    executable = pagefind_executable()
    groups = _groups(build_dir, split)
    job = SearchIndexJob(build_dir, executable, groups, list(languages))
    job.start()
    try:
        pages, with_body = _scan(build_dir, groups)
        if len(set(with_body)) > 1:  # a part without data-pagefind-body pages would be indexed whole
            job.restart([None])  # one run, as Pagefind means it
        if cache is not None:
            job.pages, job.cache = pages, cache
            job.reuse_stored()
    except BaseException:
        job.abort()
        raise
    return job


class SearchIndexJob:
    """Pagefind's runs as one background process; ``wait()`` merges and checks the bundle.

    Run ``n`` (``groups[n]``) writes into ``.parts/n``; a run whose output
    is stored is skipped (its shell command finds ``.parts/skip.n``) and its
    stored folder is merged instead.
    """

    def __init__(self, build_dir: Path, executable: Path, groups: list, languages: list[str]):
        self.build_dir, self.executable, self.groups, self.languages = build_dir, executable, groups, languages
        self.bundle = build_dir / BUNDLE_DIR
        self.cache: Path | None = None
        self.pages: list = []  # (path, sha256) of every HTML file, for the runs' cache keys
        self.stored: dict[int, Path] = {}  # run -> its stored output, reused
        self.process: subprocess.Popen | None = None
        self.log = None
        self.done = False

    def _commands(self, runs) -> list[str]:
        commands = []
        for number in runs:
            glob = self.groups[number]
            command = [str(self.executable), "--site", str(self.build_dir), "--quiet",
                       "--output-path", str(self.bundle / PARTS_DIR / str(number))]
            skip = shlex.quote(str(self.bundle / PARTS_DIR / f"skip.{number}"))
            commands.append(f"{{ test -e {skip} || {shlex.join(command + (['--glob', glob] if glob else []))}; }}")
        return commands

    def start(self, runs=None) -> None:
        runs = range(len(self.groups)) if runs is None else runs
        self.log = tempfile.TemporaryFile()
        self.done = False
        if not runs:
            self.process = None
            return
        (self.bundle / PARTS_DIR).mkdir(parents=True, exist_ok=True)
        # Its own session: abort() stops the shell and the Pagefind it is running, nothing else.
        self.process = subprocess.Popen(["/bin/sh", "-c", " && ".join(self._commands(runs))], stdout=self.log,
                                        stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)

    def restart(self, groups: list, runs=None) -> None:
        self.abort()
        self.groups = groups
        self.start(runs)

    def reuse_stored(self) -> None:
        """Skip the runs whose output is stored; the first run is already going, so if it is stored, start over."""
        self.stored = {number: _stored(self.cache, key) for number, key in enumerate(self._keys())}
        self.stored = {number: path for number, path in self.stored.items() if (path / ENTRY).is_file()}
        if not self.stored:
            return
        if 0 in self.stored:
            self.restart(self.groups, [n for n in range(len(self.groups)) if n not in self.stored])
            return
        for number in self.stored:
            (self.bundle / PARTS_DIR / f"skip.{number}").touch()

    def _keys(self) -> list[str]:
        digests = [hashlib.sha256(repr(("pagefind-run/1", str(self.executable), self.executable.stat().st_size,
                                        glob)).encode()) for glob in self.groups]
        for rel, digest in self.pages:
            number = _group_of(rel, self.groups) if len(self.groups) > 1 else 0
            digests[number].update(rel.encode() + b"\0" + digest)
        return [digest.hexdigest()[:24] for digest in digests]

    def wait(self) -> None:
        if self.done:
            return
        try:
            self._finish()
        finally:
            self.done = True
            shutil.rmtree(self.bundle / PARTS_DIR, ignore_errors=True)

    def _parts(self) -> list[Path]:
        return [self.stored.get(n, self.bundle / PARTS_DIR / str(n)) for n in range(len(self.groups))]

    def _finish(self) -> None:
        self._wait_for_process()
        try:
            self._merge()
        except _SplitMismatch:  # two runs found one language: index the site in one run instead
            self.stored = {}
            self.restart([None])
            self._wait_for_process()
            self._merge()
        shutil.rmtree(self.bundle / PARTS_DIR, ignore_errors=True)
        for name in UNUSED_BUNDLE_FILES:
            (self.bundle / name).unlink(missing_ok=True)

    def _merge(self) -> None:
        parts = self._parts()
        if self.cache is not None:  # before the merge moves the fresh runs' files
            _store(self.cache, dict(zip(self._keys(), parts)))
        _merge(self.bundle, parts, self.languages)

    def _wait_for_process(self) -> None:
        code = self.process.wait() if self.process is not None else 0
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


def _scan(build_dir: Path, groups: list) -> tuple[list[tuple[str, bytes]], list[bool]]:
    """One read of every HTML file: its path and hash (the runs' cache keys), and which runs' pages mark a search body."""
    from .files import files_under

    pages, with_body = [], [False] * len(groups)
    for page in files_under(build_dir, {".html"}):
        rel = page.relative_to(build_dir).as_posix()
        data = page.read_bytes()
        pages.append((rel, hashlib.sha256(data).digest()))
        if len(groups) > 1:
            number = _group_of(rel, groups)
            with_body[number] = with_body[number] or _marks_body(data)
    return pages, with_body


def _marks_body(html: bytes) -> bool:
    """An element with the ``data-pagefind-body`` attribute (not the words in a text)."""
    at = html.find(BODY_MARK)
    while at != -1:
        before, after = html[at - 1:at], html[at + len(BODY_MARK):at + len(BODY_MARK) + 1]
        if before.isspace() and after in (b" ", b">", b"=", b"/", b"\n", b"\t") and html.rfind(b"<", 0, at) > html.rfind(b">", 0, at):
            return True
        at = html.find(BODY_MARK, at + 1)
    return False


def _merge(bundle: Path, parts: list[Path], order: list[str]) -> None:
    """The runs' files into the bundle (moved; linked from a stored run); one entry file listing every run's languages, in ``order``."""
    entries = []
    for part in parts:
        move = part.parent == bundle / PARTS_DIR
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
            if move:
                os.replace(source, target)
            else:
                _link_or_copy(source, target)
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


def _stored(cache: Path, key: str) -> Path:
    return cache / f"pagefind-run-{key}"


def _store(cache: Path, parts: dict[str, Path]) -> None:
    """Keep these runs' outputs as the only stored ones (each written beside, then renamed: never half a run's output).

    Called before the merge moves a fresh run's files: the stored copy is hard links to the same files.
    """
    cache.mkdir(parents=True, exist_ok=True)
    for key, part in parts.items():
        stored = _stored(cache, key)
        if part == stored or (stored / ENTRY).is_file():
            continue
        partial = cache / f".{stored.name}.{os.getpid()}"
        shutil.rmtree(partial, ignore_errors=True)
        shutil.copytree(part, partial, copy_function=_link_or_copy)
        shutil.rmtree(stored, ignore_errors=True)  # a copy cut short (no entry file) by an earlier build
        try:
            partial.rename(stored)
        except OSError:
            shutil.rmtree(partial, ignore_errors=True)
    keep = {_stored(cache, key).name for key in parts}
    for old in [*cache.glob("pagefind-*"), *cache.glob(".pagefind-*")]:  # older runs, an earlier build's leftovers
        if old.name not in keep:
            shutil.rmtree(old, ignore_errors=True)
