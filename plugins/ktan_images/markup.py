"""``<picture>`` markup for a photo, and the rewrite of ``<img>`` tags in content HTML.

The browser picks the format (AVIF, then WebP, then JPEG/PNG) and the width
(``srcset`` + ``sizes``); ``width``/``height`` reserve the space before the
file arrives; every photo but the first on a page loads lazily.
"""

from __future__ import annotations

import posixpath
import re
from html import escape, unescape
from urllib.parse import unquote, urlsplit

from .derive import MIME, PhotoSet

# The content column: 46rem minus 2rem padding; the full viewport width less the padding below that.
SIZES = "(min-width: 46rem) 44rem, calc(100vw - 2rem)"
IMG_RE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
LINK_RE = re.compile(r"(<a\b[^>]*?\bhref\s*=\s*)(\"[^\"]*\"|'[^']*')", re.IGNORECASE)
ATTR_RE = re.compile(r'([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*("[^"]*"|\'[^\']*\')')


def srcset(photo: PhotoSet, fmt: str, url_of) -> str:
    return ", ".join(f"{url_of(v.name)} {v.width}w" for v in photo.of(fmt))


def picture(photo: PhotoSet, alt: str, url_of, eager: bool = False, sizes: str = SIZES, css_class: str = "") -> str:
    """The ``<picture>`` element; ``url_of(name)`` turns a derivative's file name into its URL."""
    fallback = photo.fallback
    sources = "".join(
        f'<source type="{MIME[fmt]}" srcset="{srcset(photo, fmt, url_of)}" sizes="{sizes}">'
        for fmt in photo.formats if fmt != photo.fallback_format
    )
    loading = ' fetchpriority="high"' if eager else ' loading="lazy"'
    cls = f' class="{escape(css_class)}"' if css_class else ""
    return (
        f"<picture{cls}>{sources}"
        f'<img src="{url_of(fallback.name)}" srcset="{srcset(photo, photo.fallback_format, url_of)}" sizes="{sizes}"'
        f' width="{fallback.width}" height="{fallback.height}" alt="{escape(alt)}"{loading} decoding="async">'
        "</picture>"
    )


def image_path(src: str, page_url: str) -> str | None:
    """'images/x.jpg' (below content/) for an <img src> that points into /images/, else None."""
    parts = urlsplit(unescape(src))
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    if path.startswith("{static}"):
        path = "/" + path[len("{static}"):].lstrip("/")
    resolved = posixpath.normpath(posixpath.join(page_url, path))
    # '/en/images/x.jpg' cannot exist; the English pages use the same /images/ folder
    if not resolved.startswith("/images/"):
        return None
    return resolved.lstrip("/")


def rewrite_images(html: str, page_url: str, picture_for, first_eager: bool = True) -> str:
    """Replace each ``<img>`` that points into /images/ with ``picture_for(path, alt, eager)``.

    ``picture_for`` returns None for a file it does not handle (an SVG): the tag stays as written.
    """
    state = {"first": first_eager}

    def replace(match: re.Match) -> str:
        tag = match.group(0)
        attrs = {name.lower(): unescape(value[1:-1]) for name, value in ATTR_RE.findall(tag)}
        path = image_path(attrs.get("src", ""), page_url)
        if path is None:
            return tag
        markup = picture_for(path, attrs.get("alt", ""), state["first"])
        if markup is None:
            return tag
        state["first"] = False
        return markup

    return IMG_RE.sub(replace, html)


def rewrite_photo_links(html: str, page_url: str, largest_url) -> str:
    """A link to a photo (``[photo](/images/x.jpg)``) goes to its largest derivative: the original is not published.

    ``largest_url(path)`` returns that URL, or None for a file it does not handle (the link stays).
    """
    def replace(match: re.Match) -> str:
        path = image_path(match.group(2)[1:-1], page_url)
        url = largest_url(path) if path else None
        return f'{match.group(1)}"{escape(url)}"' if url else match.group(0)

    return LINK_RE.sub(replace, html)
