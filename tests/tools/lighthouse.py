"""Run Lighthouse (mobile) on the key pages of both languages; print and record the scores.

Not a unit test: scores move with machine load. Usage, from the repository root:

    PYTHONPATH=plugins python tests/tools/lighthouse.py [--site output/] [--write docs/lighthouse.md]

Without --site it builds the real site into a temporary folder first. Lighthouse
12.2.3 comes from tests/tools/node_modules (install.sh) and drives Debian's
Chromium through CHROME_PATH; it downloads nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "plugins"))

from tests.browser.conftest import CHROMIUM, CHROMIUM_FLAGS, serve_directory  # noqa: E402
from tests.quality.sections import key_page_url  # noqa: E402

LIGHTHOUSE = ROOT / "tests" / "tools" / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PAGES = ("home", "substance", "events", "services")


def run_lighthouse(url: str) -> dict:
    flags = " ".join(flag for flag in CHROMIUM_FLAGS if not flag.startswith("--headless")) + " --headless=new"
    command = ["node", str(LIGHTHOUSE), url, "--output=json", "--output-path=stdout", "--quiet",
               f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={flags}"]
    result = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"lighthouse failed on {url}: {result.stderr[-2000:]}")
    return json.loads(result.stdout)


def summarise(report: dict) -> tuple[dict[str, int], list[str]]:
    """Scores 0-100 per category, and the audits that cost points."""
    scores = {name: round((report["categories"][name]["score"] or 0) * 100) for name in CATEGORIES}
    lost = []
    for name in CATEGORIES:
        for ref in report["categories"][name]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit.get("score") is not None and audit["score"] < 1:
                lost.append(f"{name}: {audit['title']} ({audit['id']}, score {audit['score']:.2f})")
    return scores, lost


def build_site(target: Path, site_url: str) -> Path:
    """The real site with absolute URLs under ``site_url``, as production builds it."""
    from ktan_build import build

    build(str(ROOT / "pelicanconf.py"), target, overrides={"SITEURL": site_url})
    return target


def markdown(rows: list[tuple[str, dict, list[str]]], missing: list[str], version: str) -> str:
    lines = [
        "# Lighthouse scores",
        "",
        f"Measured {dt.date.today().isoformat()} with Lighthouse {version} (mobile, simulated throttling) and Debian Chromium, "
        "against the site built with `pelicanconf.py` (SITEURL set to the local server, so canonical and hreflang URLs are absolute as in production) "
        "and served from 127.0.0.1 by `tests/tools/lighthouse.py`. Performance varies with machine load (2 shared cores). "
        "Target: 100 in each category (the product brief). Re-run: `PYTHONPATH=plugins python tests/tools/lighthouse.py --write docs/lighthouse.md`.",
        "",
        "| page | " + " | ".join(CATEGORIES) + " |",
        "|---|" + "---|" * len(CATEGORIES),
    ]
    for path, scores, _ in rows:
        lines.append(f"| `{path}` | " + " | ".join(str(scores[c]) for c in CATEGORIES) + " |")
    lost = [(path, item) for path, _, items in rows for item in items]
    if lost:
        lines += ["", "## Points lost", ""] + [f"- `{path}` {item}" for path, item in lost]
    if missing:
        lines += ["", "## Pages not measured (not built yet)", ""] + [f"- {m}" for m in missing]
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site folder (default: build the real site with SITEURL set to the local server)")
    parser.add_argument("--write", type=Path, help="write the results as Markdown to this file")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.is_file():
        print("Lighthouse is not installed: run bash tests/tools/install.sh", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="ktan-lighthouse-") as tmp:
        site = args.site.resolve() if args.site else Path(tmp) / "output"
        rows, missing, version = [], [], "?"
        with serve_directory(site) as base:
            if not args.site:
                build_site(site, base)
            for lang in ("id", "en"):
                for name in PAGES:
                    try:
                        path = key_page_url(site, lang, name)
                    except LookupError as exc:
                        missing.append(f"{name} ({lang}): {exc}")
                        continue
                    report = run_lighthouse(base + path)
                    version = report.get("lighthouseVersion", version)
                    scores, lost = summarise(report)
                    rows.append((path, scores, lost))
                    print(f"{path:50} " + "  ".join(f"{c} {scores[c]:3}" for c in CATEGORIES), flush=True)
                    for item in lost:
                        print(f"    - {item}")
        for item in missing:
            print(f"not measured: {item}")
    if args.write:
        args.write.write_text(markdown(rows, missing, version), encoding="utf-8")
        print(f"written to {args.write}")
    return 0 if rows and all(min(s.values()) == 100 for _, s, _ in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
