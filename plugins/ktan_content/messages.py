"""Editor-facing problems: one shape, Indonesian first, English second.

Every content problem the site can find is a ``ContentError``; the check and
the plugins only ever create these, so an editor always sees the same form:
the file, the line, the field, what is wrong and a correct example.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ContentError:
    path: str
    field: str
    message_id: str
    message_en: str
    example: str = ""
    line: int | None = None
    # In a draft file (then also a warning).
    draft: bool = False
    # Shown but never blocking (``ContentSet.warnings``): drafts, unused images.
    warning: bool = False

    def location(self) -> str:
        where = self.path
        if self.line:
            where += f", baris {self.line}"
        if self.field:
            where += f", kolom '{self.field}'"
        return where

    def format(self) -> str:
        tag = " (draft)" if self.draft else " (peringatan / warning)" if self.warning else ""
        text = f"{self.location()}{tag}:\n  {self.message_id}"
        multiline = "\n" in self.example
        if multiline:  # e.g. a list: shown as the editor would type it
            text += "\n  Contoh yang benar:\n" + "\n".join("    " + line for line in self.example.split("\n"))
        elif self.example:
            text += f"\n  Contoh yang benar: {self.example}"
        text += f"\n  (EN) {self.message_en}"
        if self.example:
            text += " Example: see above." if multiline else f" Example: {self.example}"
        return text


class ContentErrors(Exception):
    """Raised with every problem found, so one run reports all of them."""

    def __init__(self, errors: list[ContentError]):
        super().__init__(f"{len(errors)} content error(s)")
        self.errors = errors

    def format(self) -> str:
        return format_report(self.errors)


def _listing(problems: list[ContentError]) -> str:
    """Every problem in file, line and field order, one block each."""
    ordered = sorted(problems, key=lambda e: (e.path, e.line or 0, e.field))
    return "\n\n".join(e.format() for e in ordered)


def format_report(errors: list[ContentError]) -> str:
    body, count = _listing(errors), len(errors)
    return (
        f"{body}\n\n"
        f"Ditemukan {count} masalah pada konten. Situs TIDAK diperbarui; "
        f"versi terakhir yang benar tetap tayang. Perbaiki lalu jalankan lagi.\n"
        f"(EN) Found {count} content problem(s). The site was NOT updated; "
        f"the last good version stays live. Fix them and run again."
    )


def format_warnings(warnings: list[ContentError]) -> str:
    """Problems in drafts (and unused images): the editor should see them, the build goes on."""
    if not warnings:
        return ""
    body, count = _listing(warnings), len(warnings)
    return (
        f"{body}\n\n"
        f"Peringatan: {count} masalah pada berkas berstatus draft atau gambar yang tidak dipakai. "
        f"Semua itu tidak tayang, jadi situs tetap dibangun; perbaiki draft sebelum mengganti statusnya menjadi published.\n"
        f"(EN) Warning: {count} problem(s) in draft files or unused images. None of them is published, so the site "
        f"is still built; fix a draft before setting its status to published."
    )
