"""Random front matter and random bytes: the check explains or accepts, never crashes.

Most examples go through the pure ``load_content`` path; a handful run the
whole build in-process through the command-line entry point, which must
answer 0 (built) or 1 (content problems), never 2 (unexpected error).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import shutil
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ktan_content.load import load_content
from ktan_content.messages import ContentError, format_report
from ktan_content.schema import CONTENT_TYPES
from tests.conftest import ROOT

BASE = ROOT / "tests" / "fixtures" / "editor-mistakes" / "base"
TYPES = sorted(CONTENT_TYPES)
TRICKY = st.sampled_from(["", " ", ":", ": x", "#", "- a", "'", '"', "\t", "\r", "\ufeff", "[", "{", "}", "&a", "*a", "---",
                          "31/08/2023", "2023-02-30", "0331 - 487 267", "+62", "Foto Rapat.JPG", "https://", "id", "en",
                          "ya", "no", "08:00", "é", "日本", "\u00a0", "null", "~", "!!python/object:os.system"])
SCALAR = st.one_of(st.text(max_size=30), TRICKY, st.integers(), st.booleans(), st.none())
VALUE = st.recursive(SCALAR, lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(["id", "en", "title", "url", "x"]), inner, max_size=3)), max_leaves=6)


def field_names():
    names = {f.name for t in CONTENT_TYPES.values() for f in t.fields}
    return st.one_of(st.sampled_from(sorted(names | {"status", "slug", "Title", "tittle", "lang"})), st.text(min_size=1, max_size=12))


FRONT_MATTER = st.dictionaries(field_names(), VALUE, max_size=8)


def as_yaml(meta: dict) -> str:
    return yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)


def file_text(kind: str, header: str, body: str) -> str:
    return f"---\n{header}---\n{body}" if kind != "data" else header


def content_folder(tmp: Path) -> Path:
    content = tmp / "content"
    if not content.exists():
        shutil.copytree(BASE, content)
    return content


def write_example(content: Path, type_name: str, data: bytes, counter=[0]) -> Path:
    """One random file per example, in a fresh name so no cache can hide it."""
    for old in content.glob(f"*/acak-*"):
        old.unlink()
    counter[0] += 1
    ctype = CONTENT_TYPES[type_name]
    name = f"acak-{counter[0]}.id.md" if ctype.per_language else f"acak-{counter[0]}.yml"
    path = content / type_name / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data)
    return path


def assert_explained(content: Path) -> None:
    loaded = load_content(content)
    for error in loaded.errors:
        assert isinstance(error, ContentError)
        assert error.path and error.message_id and error.message_en
    if loaded.errors:
        assert "Ditemukan" in format_report(loaded.errors)


SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@settings(max_examples=80, **SETTINGS)
@given(type_name=st.sampled_from(TYPES), meta=FRONT_MATTER, body=st.text(max_size=80))
def test_random_front_matter_is_accepted_or_explained(tmp_path_factory, type_name, meta, body):
    content = content_folder(tmp_path_factory.getbasetemp() / "random-meta")
    kind = CONTENT_TYPES[type_name].kind
    write_example(content, type_name, file_text(kind, as_yaml(meta), body).encode("utf-8"))
    assert_explained(content)


@settings(max_examples=100, **SETTINGS)
@given(type_name=st.sampled_from(TYPES), header=st.text(max_size=120), body=st.text(max_size=40))
def test_random_header_text_is_accepted_or_explained(tmp_path_factory, type_name, header, body):
    content = content_folder(tmp_path_factory.getbasetemp() / "random-text")
    kind = CONTENT_TYPES[type_name].kind
    write_example(content, type_name, file_text(kind, header + "\n", body).encode("utf-8", "surrogatepass"))
    assert_explained(content)


@settings(max_examples=60, **SETTINGS)
@given(type_name=st.sampled_from(TYPES), data=st.binary(max_size=200))
def test_random_bytes_are_accepted_or_explained(tmp_path_factory, type_name, data):
    content = content_folder(tmp_path_factory.getbasetemp() / "random-bytes")
    write_example(content, type_name, data)
    assert_explained(content)


def run_build(content, output) -> tuple[int, io.StringIO]:
    """Run the editors' command (python -m ktan_build) in-process; return its exit code and stderr."""
    from ktan_build.__main__ import main

    errors = io.StringIO()
    with contextlib.redirect_stderr(errors), contextlib.redirect_stdout(io.StringIO()):
        code = main(["--settings", str(ROOT / "pelicanconf.py"), "--content", str(content), "--output", str(output)])
    return code, errors

@settings(max_examples=6, **SETTINGS)
@given(type_name=st.sampled_from(["berita", "pages"]), meta=FRONT_MATTER, body=st.text(max_size=60))
def test_random_front_matter_through_the_whole_build(tmp_path_factory, type_name, meta, body):
    tmp = tmp_path_factory.getbasetemp() / "random-build"
    content = content_folder(tmp)
    if "title" not in meta and meta:
        meta = {"title": "Judul acak", **meta}  # give some examples a chance to build
    write_example(content, type_name, file_text("page", as_yaml(meta), body).encode("utf-8"))
    code, errors = run_build(content, tmp / "output")
    assert code in (0, 1), errors.getvalue()
    assert "Traceback" not in errors.getvalue()
    if code == 1:
        assert "Situs TIDAK diperbarui" in errors.getvalue() or "tidak diubah" in errors.getvalue()


PRINTABLE = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=60).filter(str.strip)


@settings(max_examples=4, **SETTINGS)
@given(title=PRINTABLE, day=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31)), summary=PRINTABLE)
def test_any_printable_title_and_date_builds(tmp_path_factory, title, day, summary):
    """Valid values of any shape (quotes, colons, emoji, RTL text) are published, not rejected."""
    tmp = tmp_path_factory.getbasetemp() / "valid-build"
    content = content_folder(tmp)
    meta = {"title": title, "date": f"{day:%Y-%m-%d} 09:00", "summary": summary}
    path = write_example(content, "berita", file_text("page", as_yaml(meta), "Isi.\n").encode("utf-8"))
    code, messages = run_build(content, tmp / "output")
    assert code == 0, messages.getvalue()
    slug = path.name.split(".")[0]
    assert (tmp / "output" / "berita" / slug / "index.html").is_file()
