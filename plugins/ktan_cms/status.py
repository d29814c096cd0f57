"""The content check's result as JSON, for the editor's browser.

The CMS saves a file; the editor must then see, in the browser, what our
check says about it: the same ``ContentError`` messages (Indonesian first,
then English, file, line, field, a correct example) that ``invoke check``
prints. Checks are cached by file stamps (``load_content_cached``), so
polling this every second or two costs a directory walk.
"""

from __future__ import annotations

import http.client
import json

from ktan_build.pipeline import BuildFailed, checked_content, load_settings
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


def content_status(settings_file: str, content_path: str) -> dict:
    """``{"ok", "errors": [...], "warnings": [...]}`` of the content folder right now (warnings: drafts)."""
    try:
        settings = load_settings(settings_file, {"PATH": content_path})
        content = checked_content(content_path, settings)
    except BuildFailed as failure:
        return {"ok": False, "errors": [{"path": "", "line": None, "field": "", "location": "", "message_id": failure.report,
                                         "message_en": "", "example": ""}], "warnings": []}
    errors = [problem_json(p) for p in content.errors]
    warnings = [problem_json(p) for p in content.warnings]  # problems in drafts: shown, never blocking
    return {"ok": not errors, "errors": errors, "warnings": warnings}


def preview_ok(port: int) -> bool | None:
    """Whether the live preview on ``port`` built the last save; ``None`` while it does not answer (starting, stopped)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", "/__preview/wait?g=-1")  # an unknown generation: answers at once
        return bool(json.loads(connection.getresponse().read()).get("ok"))
    except (OSError, ValueError):
        return None
    finally:
        connection.close()
