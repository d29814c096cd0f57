"""Write the CMS's admin folder: the page, the generated config, the Decap bundle, our script.

``write_admin`` is used by ``invoke edit`` (served on 127.0.0.1) and by the
publishing service on the district server (served under /admin/ behind
nginx with a login). The folder is self-contained: the Decap bundle is copied
from the pinned npm package, never loaded from a CDN, and nothing in it ever
goes into the public site's output.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml

from ktan_content.schema import CONTENT_TYPES
from ktan_content.schema.fields import LANGUAGES

from .config import DEFAULT_LANG, cms_config
from .npm import DECAP_DIST

STATIC = Path(__file__).resolve().parent / "static"
# The bundle and the chunks/wasm it loads next to itself (source maps and the React-less build are left out).
BUNDLE_PATTERNS = ("decap-cms.js", "*.decap-cms.js", "*.wasm", "decap-cms.js.LICENSE.txt")

INDEX_HTML = """<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>Penyunting KTAN Jember</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="ktan-cms.css">
</head>
<body>
<script src="decap-cms.js"></script>
<script src="ktan-cms-settings.js"></script>
<script src="ktan-cms.js"></script>
</body>
</html>
"""


def page_settings(preview_url: str | None, status_url: str | None) -> dict:
    """What our script needs to know: where each type's page is, where the preview and the check result are."""
    return {
        "previewUrl": preview_url or "",
        "statusUrl": status_url or "",
        "defaultLang": DEFAULT_LANG,
        "langs": list(LANGUAGES),
        "pages": {name: {"url": ctype.url, "perLanguage": ctype.per_language} for name, ctype in CONTENT_TYPES.items()}
        if preview_url else {},
    }


class _PlainDumper(yaml.SafeDumper):
    """No anchors/aliases for repeated lists: the file stays readable."""

    def ignore_aliases(self, data):
        return True


def config_yaml(config: dict) -> str:
    return "# Generated from plugins/ktan_content/schema by plugins/ktan_cms; do not edit.\n" + yaml.dump(
        config, Dumper=_PlainDumper, allow_unicode=True, sort_keys=False, width=120)


def write_admin(dest: Path, *, backend_url: str, preview_url: str | None = None, status_url: str | None = None,
                content_dir: str = "content", bundle_dir: Path = DECAP_DIST) -> Path:
    """Write the admin folder into ``dest`` (created or refreshed) and return it.

    ``backend_url``: the decap-server API as the browser reaches it (``/api/v1`` behind a proxy);
    ``preview_url``: where the site's pages are rendered (the live preview), for the preview pane;
    ``status_url``: JSON of the last content check, shown to the editor (None: no status box);
    ``content_dir``: the content folder relative to decap-server's repository folder.
    """
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    for pattern in BUNDLE_PATTERNS:
        for source in Path(bundle_dir).glob(pattern):
            target = dest / source.name
            if not target.exists() or target.stat().st_size != source.stat().st_size:
                shutil.copyfile(source, target)
    if not (dest / "decap-cms.js").is_file():
        raise FileNotFoundError(f"decap-cms.js not found in {bundle_dir}: run ktan_cms.npm.ensure_installed() first")
    for name in ("ktan-cms.js", "ktan-cms.css"):
        shutil.copyfile(STATIC / name, dest / name)
    (dest / "index.html").write_text(INDEX_HTML, encoding="utf-8")
    (dest / "config.yml").write_text(config_yaml(cms_config(backend_url=backend_url, content_dir=content_dir)), encoding="utf-8")
    settings = json.dumps(page_settings(preview_url, status_url), ensure_ascii=False, indent=1)
    (dest / "ktan-cms-settings.js").write_text(f"window.KTAN_CMS = {settings};\n", encoding="utf-8")
    return dest
