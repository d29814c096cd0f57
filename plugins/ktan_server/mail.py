"""Tell the operator about a failed build through the server's local mail transport.

Debian's MTAs (exim4, postfix, msmtp-mta, nullmailer) all install a
``sendmail`` that reads a whole message on stdin (``-t``: recipients from
the headers; ``-oi``: a line with a single dot is not the end). Without one,
or without ``KTAN_OPERATOR_EMAIL``, nothing is sent and the status page is
the only report (the journal says so).
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
from email.message import EmailMessage

from .config import ServerConfig
from .status import wib

log = logging.getLogger("ktan_server.mail")
FALLBACKS = ("/usr/sbin/sendmail", "/usr/lib/sendmail")


def sendmail_path(config: ServerConfig) -> str | None:
    if config.sendmail:
        return config.sendmail if os.access(config.sendmail, os.X_OK) else None
    return shutil.which("sendmail") or next((p for p in FALLBACKS if os.access(p, os.X_OK)), None)


def failure_message(config: ServerConfig, entry: dict) -> EmailMessage:
    message = EmailMessage()
    commit = (entry.get("commit") or "")[:10] or "-"
    message["To"] = config.operator_email
    message["Subject"] = f"[KTAN Jember] Build gagal / build failed: {commit} ({entry.get('author') or '-'})"
    message["Auto-Submitted"] = "auto-generated"
    lines = [
        "Build situs KTAN Jember gagal. Situs yang tayang TIDAK diubah.",
        "(EN) The KTAN Jember site build failed. The live site was NOT changed.",
        "",
        f"Waktu / time: {wib(entry.get('finished') or entry.get('started'))}",
        f"Pemicu / trigger: {entry.get('trigger')}",
        f"Commit: {entry.get('commit') or '-'}",
        f"Penulis / author: {entry.get('author') or '-'}",
        f"Pesan / message: {entry.get('message') or '-'}",
    ]
    if config.status_url:
        lines.append(f"Halaman status / status page: {config.status_url}")
    lines += ["", entry.get("report") or ""]
    message.set_content("\n".join(lines))
    return message


def notify_failure(config: ServerConfig, entry: dict) -> bool:
    """Send the failure to the operator; True if sendmail accepted it."""
    if not config.operator_email:
        log.warning("ktan_server: build failed; KTAN_OPERATOR_EMAIL is not set, no mail sent")
        return False
    binary = sendmail_path(config)
    if not binary:
        log.warning("ktan_server: build failed; no sendmail on this server, no mail sent (see docs/operations.md)")
        return False
    try:
        result = subprocess.run([binary, "-t", "-oi"], input=failure_message(config, entry).as_bytes(),
                                capture_output=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        log.error("ktan_server: sendmail failed: %s", exc)
        return False
    if result.returncode != 0:
        log.error("ktan_server: sendmail exited %s: %s", result.returncode, result.stderr.decode(errors="replace"))
        return False
    return True
