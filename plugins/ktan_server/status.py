"""The build history and the editors' status page.

Every build and rollback on the server is one entry in
``<state>/builds.json`` (newest first, the last ``KEEP_ENTRIES``): time,
commit, author, message, OK or the editor-facing report (Indonesian first,
the same text the build prints), and the warnings of drafts with mistakes.
The page is rendered from it on each request, so it is never stale, and has
no script or inline style (the CSP of the edit host forbids both).
"""

from __future__ import annotations

import html
import json
import os
import uuid
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from ktan_build.releases import file_lock

KEEP_ENTRIES = 100
WIB = ZoneInfo("Asia/Jakarta")
TRIGGERS = {
    "publish": ("terbitan penyunting", "editor's publish"),
    "nightly": ("build malam", "nightly rebuild"),
    "manual": ("manual", "by hand"),
    "status-page": ("tombol di halaman status", "status page button"),
    "command": ("perintah di server", "server command"),
}


def now_iso() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class StatusLog:
    def __init__(self, state_dir: Path):
        self.dir = Path(state_dir)
        self.path = self.dir / "builds.json"

    def entries(self) -> list[dict]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []
        return data if isinstance(data, list) else []

    def add(self, entry: dict) -> dict:
        entry = {"id": uuid.uuid4().hex[:12], **entry}
        with file_lock(self.dir / ".builds.lock"):
            entries = [entry, *self.entries()][:KEEP_ENTRIES]
            temporary = self.path.with_name(f".builds.{uuid.uuid4().hex[:8]}.json")
            temporary.write_text(json.dumps(entries, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            os.replace(temporary, self.path)
        return entry

    def last_built_commit(self) -> str | None:
        """The commit of the newest build attempt, good or failed (a failed commit is not retried in a loop)."""
        return next((e.get("commit") for e in self.entries() if e.get("kind") == "build"), None)


def wib(iso: str) -> str:
    try:
        moment = datetime.strptime(iso, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    except (TypeError, ValueError):
        return iso or "-"
    return moment.astimezone(WIB).strftime("%d-%m-%Y %H.%M.%S WIB")


def _e(value) -> str:
    return html.escape(str(value or ""))


def _entry_html(entry: dict) -> str:
    trigger_id, trigger_en = TRIGGERS.get(entry.get("trigger", ""), (entry.get("trigger", ""), entry.get("trigger", "")))
    commit = (entry.get("commit") or "")[:10]
    if entry.get("kind") == "rollback":
        verdict = "Dikembalikan / Rolled back" if entry.get("ok") else "Gagal dikembalikan / Rollback failed"
        head = f"{verdict}: <code>{_e(entry.get('release'))}</code>"
        who = f"oleh / by {_e(entry.get('by'))}"
    else:
        verdict = "OK" if entry.get("ok") else "GAGAL / FAILED"
        head = f"{verdict}: commit <code>{_e(commit) or '-'}</code> — {_e(entry.get('message'))}"
        who = f"penulis / author {_e(entry.get('author')) or '-'}"
    state = "ok" if entry.get("ok") else "failed"
    parts = [
        f'<li class="kt-build kt-build--{state}" id="build-{_e(entry.get("id"))}">',
        f"<h3>{head}</h3>",
        f"<p>{_e(wib(entry.get('finished') or entry.get('started')))} · {who} · {_e(trigger_id)} / {_e(trigger_en)}"
        + (f" · rilis / release <code>{_e(entry.get('release'))}</code>" if entry.get("release") and entry.get("kind") != "rollback" else "")
        + "</p>",
    ]
    if not entry.get("ok") and entry.get("report"):
        parts.append(
            "<p>Situs yang tayang <strong>tidak diubah</strong>. Perbaiki masalah di bawah lalu terbitkan lagi. "
            "/ The live site was <strong>not changed</strong>. Fix the problem below and publish again.</p>"
        )
        parts.append(f'<pre class="kt-build__report">{_e(entry["report"])}</pre>')
    if entry.get("warnings"):
        parts.append(
            "<details><summary>Peringatan (draft) / Warnings (drafts)</summary>"
            f'<pre class="kt-build__report">{_e(entry["warnings"])}</pre></details>'
        )
    parts.append("</li>")
    return "\n".join(parts)


def render_page(entries: list[dict], live: dict | None, previous: dict | None, notice: str = "") -> str:
    """The status page: what is live, the rollback button, the last builds."""
    if live:
        live_html = (
            f"<p>Rilis / release <code>{_e(live.get('name'))}</code>, commit <code>{_e((live.get('commit') or '')[:10]) or '-'}</code>"
            f" oleh / by {_e(live.get('author')) or '-'}: {_e(live.get('message'))} "
            f"({_e(wib(live.get('time')))}).</p>"
        )
    else:
        live_html = "<p>Belum ada rilis. / No release yet.</p>"
    if previous:
        rollback_html = (
            '<form method="post" action="/status/rollback">'
            f'<input type="hidden" name="to" value="{_e(previous.get("name"))}">'
            f'<button type="submit">Kembalikan ke rilis sebelumnya / Roll back to the previous release</button>'
            f"<p>Rilis sebelumnya / previous release: <code>{_e(previous.get('name'))}</code>, "
            f"commit <code>{_e((previous.get('commit') or '')[:10]) or '-'}</code> oleh / by {_e(previous.get('author')) or '-'}: "
            f"{_e(previous.get('message'))}</p></form>"
        )
    else:
        rollback_html = "<p>Tidak ada rilis yang lebih lama. / There is no older release.</p>"
    items = "\n".join(_entry_html(e) for e in entries[:30]) or "<li>Belum ada build. / No builds yet.</li>"
    notice_html = f'<p class="kt-notice" role="status">{_e(notice)}</p>' if notice else ""
    return f"""<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>Status situs / Site status — KTAN Jember</title>
<link rel="stylesheet" href="/status/status.css">
</head>
<body>
<main>
<h1>Status situs <span lang="en">/ Site status</span></h1>
{notice_html}
<section aria-labelledby="live-now">
<h2 id="live-now">Yang tayang sekarang <span lang="en">/ Live now</span></h2>
{live_html}
{rollback_html}
</section>
<section aria-labelledby="last-builds">
<h2 id="last-builds">Build terakhir <span lang="en">/ Last builds</span></h2>
<ol class="kt-builds">
{items}
</ol>
</section>
</main>
</body>
</html>
"""


STYLESHEET = """body { font-family: system-ui, sans-serif; line-height: 1.5; margin: 0; color: #1a1a1a; background: #fff; }
main { max-width: 60rem; margin: 0 auto; padding: 1rem; }
code, pre { font-family: ui-monospace, monospace; }
pre { white-space: pre-wrap; background: #f4f4f4; padding: .75rem; overflow-x: auto; }
.kt-builds { list-style: none; padding: 0; }
.kt-build { border-left: .5rem solid #1d6b2f; padding: .25rem 1rem; margin: 1rem 0; }
.kt-build--failed { border-left-color: #b00020; }
.kt-build h3 { margin: .25rem 0; font-size: 1.05rem; }
.kt-notice { border: 2px solid #1d4ed8; padding: .5rem 1rem; }
button { font: inherit; padding: .5rem 1rem; cursor: pointer; }
button:focus-visible, a:focus-visible, summary:focus-visible { outline: 3px solid #1d4ed8; outline-offset: 2px; }
"""
