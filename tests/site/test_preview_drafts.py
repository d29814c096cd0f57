"""The live preview shows drafts (marked as drafts); a published build of the same content does not.

Editors start every entry as a draft (``invoke new``, the CMS), so the
preview must render a draft that passes the check, with a visible "draft"
note. A draft with a mistake stays out of the preview (its warning says why)
without breaking the preview of everything else.
"""

from __future__ import annotations

import os
import shutil

from ktan_preview.rebuild import Rebuilder
from tests.conftest import ROOT, build_site

CLEAN = "berita/draf-bersih.id.md"
BROKEN = "berita/draf-rusak.id.md"
NOTE = "kt-draft-note"


def _news(title: str, extra: str = "") -> str:
    return (f"---\ntitle: {title}\nstatus: draft\ndate: 2026-11-20\n{extra}sources:\n"
            "  - title: Sumber uji\n    url: https://example.org/sumber\n---\nIsi draf.\n")


def test_preview_renders_clean_drafts_with_a_note_and_builds_never_do(tmp_path):
    content = shutil.copytree(ROOT / "content", tmp_path / "content")
    (content / CLEAN).write_text(_news("Draf bersih zqxpratinjau"), encoding="utf-8")
    (content / BROKEN).write_text(_news("Draf rusak zqxrusak", "stakeholders: [dinas-tidak-ada]\n"), encoding="utf-8")

    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        outcome = Rebuilder("pelicanconf.py", str(tmp_path / "preview"), str(content)).run()
    finally:
        os.chdir(cwd)
    assert outcome.ok, outcome.report
    assert "draf-rusak" in outcome.warnings  # the broken draft is reported, not rendered

    preview = tmp_path / "preview"
    page = (preview / "berita" / "draf-bersih" / "index.html").read_text(encoding="utf-8")
    assert "Draf bersih zqxpratinjau" in page and NOTE in page
    assert not (preview / "berita" / "draf-rusak").exists()
    published = (preview / "tentang" / "index.html").read_text(encoding="utf-8")
    assert NOTE not in published  # only drafts carry the note

    site = build_site(tmp_path / "site", PATH=str(content))
    assert not (site / "berita" / "draf-bersih").exists()
    leaked = [p for p in site.rglob("*.html") if "zqxpratinjau" in p.read_text(encoding="utf-8")]
    assert not leaked
