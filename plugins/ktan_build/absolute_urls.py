"""Make the site-root links of a published page absolute (``/bantuan/`` -> ``<SITEURL>/bantuan/``).

Templates already build absolute URLs from SITEURL; links that editors write
in Markdown (``[bantuan](/bantuan/)``) stay root-relative through Pelican. On
a host that serves the site below a path (a GitHub Pages project site,
``https://owner.github.io/repo/``) those would leave the site, so the
published output carries no root-relative URL at all.
"""

from __future__ import annotations

import re

# An attribute value starting with one slash (not '//', which names another host).
ROOT_RELATIVE_ATTR = re.compile(r'(\s(?:href|src|action|poster|data-[\w-]+)=")/(?!/)')


def absolutize(html: str, site_url: str) -> str:
    return ROOT_RELATIVE_ATTR.sub(lambda match: f"{match.group(1)}{site_url.rstrip('/')}/", html)
