"""Bundle and fingerprint the theme's CSS and JS.

Why our own and not webassets: we need only concatenation, a content hash in
the name and one shared copy for both language sub-sites; pelican-webassets
would add a dependency and write a copy per sub-site.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

COMMENT_RE = re.compile(r"/\*.*?\*/", re.DOTALL)
SPACE_RE = re.compile(r"\s+")
PUNCT_RE = re.compile(r"\s*([{}:;,>])\s*")


def minify_css(text: str) -> str:
    text = COMMENT_RE.sub("", text)
    text = SPACE_RE.sub(" ", text)
    text = PUNCT_RE.sub(r"\1", text)
    return text.replace(";}", "}").strip()


def build_bundle(files: list[Path], minify) -> bytes:
    parts = [minify(path.read_text(encoding="utf-8")) for path in files]
    return "\n".join(parts).encode("utf-8")


def fingerprinted_name(stem: str, suffix: str, data: bytes) -> str:
    digest = hashlib.sha256(data).hexdigest()[:10]
    return f"{stem}.{digest}{suffix}"


def plan_assets(static_dir: Path) -> dict[str, tuple[str, bytes]]:
    """Map logical names ('site.css', 'x.js', 'favicon.svg') to (hashed path, bytes).

    CSS files in static/css are bundled in name order (prefix them 00-, 10-...);
    each JS file in static/js stays its own file so a page loads only what it needs.
    """
    assets: dict[str, tuple[str, bytes]] = {}
    css_files = sorted((static_dir / "css").glob("*.css"))
    screen = [p for p in css_files if not p.name.startswith("print")]
    print_css = [p for p in css_files if p.name.startswith("print")]
    for logical, files in (("site.css", screen), ("print.css", print_css)):
        if files:
            data = build_bundle(files, minify_css)
            stem, suffix = logical.rsplit(".", 1)
            assets[logical] = ("theme/" + fingerprinted_name(stem, "." + suffix, data), data)
    for path in sorted((static_dir / "js").glob("*.js")):
        data = path.read_bytes()
        assets[path.name] = ("theme/" + fingerprinted_name(path.stem, ".js", data), data)
    for path in sorted((static_dir / "img").glob("*")):
        data = path.read_bytes()
        assets[path.name] = ("theme/" + fingerprinted_name(path.stem, path.suffix, data), data)
    return assets


def write_assets(assets: dict[str, tuple[str, bytes]], output: Path) -> None:
    for hashed, data in assets.values():
        target = output / hashed
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
