"""Reading a built site: pages, links, languages (shared by site/browser tests)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def page_url(site: Path, page: Path) -> str:
    rel = page.relative_to(site).as_posix()
    if rel.endswith("index.html"):
        rel = rel[: -len("index.html")]
    return "/" + rel


def resolve(site: Path, href: str, base_url: str = "/") -> Path | None:
    """The output file an internal href points to, or None if it does not exist."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    path = parts.path
    if not path:
        path = base_url
    elif not path.startswith("/"):
        path = base_url.rsplit("/", 1)[0] + "/" + path
    segments = []
    for seg in unquote(path).split("/"):
        if seg == "..":
            if segments:
                segments.pop()
        elif seg not in ("", "."):
            segments.append(seg)
    target = site.joinpath(*segments)
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def is_internal(href: str) -> bool:
    parts = urlsplit(href)
    return not parts.scheme and not parts.netloc and not href.startswith("#")
