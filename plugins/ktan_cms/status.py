"""The content check's result as JSON, for the editor's browser.

The CMS saves a file; the editor must then see, in the browser, what our
check says about it: the same ``ContentError`` messages (Indonesian first,
then English, file, line, field, a correct example) that ``invoke check``
prints. Checks are cached by file stamps (``load_content_cached``), so
polling this every second or two costs a directory walk.
"""

from __future__ import annotations

from ktan_build.pipeline import BuildFailed, check, load_settings
from ktan_content.messages import ContentError


def problem_json(problem: ContentError) -> dict:
    return {
        "path": problem.path,
        "line": problem.line,
        "field": problem.field,
        "location": problem.location(),
        "message_id": problem.message_id,
        "message_en": problem.message_en,
        "example": problem.example,
    }


def is_warning(problem) -> bool:
    """A problem that does not block the build (drafts); errors are everything else."""
    return getattr(problem, "severity", "error") == "warning" or getattr(problem, "blocking", True) is False


def content_status(settings_file: str, content_path: str) -> dict:
    """``{"ok", "errors": [...], "warnings": [...]}`` of the content folder right now."""
    try:
        settings = load_settings(settings_file, {"PATH": content_path})
        problems = check(content_path, settings)
    except BuildFailed as failure:
        return {"ok": False, "errors": [{"path": "", "line": None, "field": "", "location": "", "message_id": failure.report,
                                         "message_en": "", "example": ""}], "warnings": []}
    errors = [problem_json(p) for p in problems if not is_warning(p)]
    warnings = [problem_json(p) for p in problems if is_warning(p)]
    return {"ok": not errors, "errors": errors, "warnings": warnings}
