"""sitemap.xml with hreflang alternates: what each page's <head> declares.

Why our own and not pelican-sitemap: it lists no ``xhtml:link`` alternates,
and it only knows Pelican's articles and pages, not the listings our plugins
write (``/mitra/``, ``/kegiatan/``, ...). Every page declares its canonical
URL and its language alternates in ``<head>`` (``partials/hreflang.html``),
so the sitemap repeats exactly what the pages say; pages marked ``noindex``
(the 404 pages, the search page) stay out. The entries of the pages Pelican
writes are taken from their render context as they are written
(``publish_writer``); the head of any other HTML file is read back here.
``<lastmod>`` is the page's last-checked date (``dcterms.modified``, or a news
article's modified/published time), written with seconds: the sitemaps.org
XSD takes a W3C date or an ``xsd:dateTime``, and ``2023-08-31T10:00+07:00``
is neither.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from xml.sax.saxutils import quoteattr, escape

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


@dataclass
class PageLinks:
    canonical: str = ""
    alternates: list[tuple[str, str]] = field(default_factory=list)  # (hreflang, href)
    lastmod: str = ""
    noindex: bool = False


class _HeadEnd(Exception):
    pass


class _HeadParser(HTMLParser):
    """Reads the <head> only; a <link> in the body (e.g. inside content) says nothing about the page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = PageLinks()
        self.published = ""
        self.modified = ""

    def handle_starttag(self, tag, attrs):
        if tag == "body":
            raise _HeadEnd
        attrs = {name: value or "" for name, value in attrs}
        if tag == "link":
            rel = attrs.get("rel", "").lower().split()
            if "canonical" in rel:
                self.links.canonical = attrs.get("href", "")
            elif "alternate" in rel and attrs.get("hreflang"):
                self.links.alternates.append((attrs["hreflang"], attrs.get("href", "")))
        elif tag == "meta":
            name = (attrs.get("name") or attrs.get("property") or "").lower()
            content = attrs.get("content", "")
            if name == "robots" and "noindex" in content.lower():
                self.links.noindex = True
            elif name == "dcterms.modified":
                self.modified = content
            elif name == "article:modified_time":
                self.links.lastmod = content
            elif name == "article:published_time":
                self.published = content

    def handle_endtag(self, tag):
        if tag == "head":
            raise _HeadEnd


def read_page_links(html: str) -> PageLinks:
    parser = _HeadParser()
    try:
        parser.feed(html)
        parser.close()
    except _HeadEnd:
        pass
    links = parser.links
    links.lastmod = w3c_datetime(parser.modified or links.lastmod or parser.published)
    return links


def w3c_datetime(value: str) -> str:
    """'2023-08-31T10:00+07:00' -> '2023-08-31T10:00:00+07:00'; a bare date stays; junk -> ''."""
    value = value.strip()
    if not value:
        return ""
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        try:
            return dt.date.fromisoformat(value).isoformat()
        except ValueError:
            return ""
    if len(value) == 10:  # fromisoformat also reads a bare date as midnight
        return parsed.date().isoformat()
    if parsed.tzinfo is None:
        return parsed.date().isoformat()  # a time without a zone is not a W3C datetime
    return parsed.isoformat(timespec="seconds")


def _page_links(page: Path) -> PageLinks:
    return read_page_links(page.read_text(encoding="utf-8"))


def collect_entries(site: Path, workers: int = 1, known: dict | None = None) -> dict[str, PageLinks]:
    """Indexable pages by canonical URL (pages sharing one, e.g. page 2 of a list, count once).

    ``known`` maps a page's path to its entry (``None``: not listed), as the
    writer recorded it; the other pages are read on ``workers`` processes.
    Either way the pages count in path order.
    """
    from ktan_cache.workers import parallel_map

    from .files import files_under

    known = known or {}
    pages = files_under(site, {".html"})
    unknown = [page for page in pages if page not in known]
    read = dict(zip(unknown, parallel_map(_page_links, unknown, workers)))
    entries: dict[str, PageLinks] = {}
    for page in pages:
        links = known[page] if page in known else read[page]
        if links is None or links.noindex or not links.canonical:
            continue
        entries.setdefault(links.canonical, links)
    return entries


def render_sitemap(entries: dict[str, PageLinks]) -> str:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<urlset xmlns="{SITEMAP_NS}" xmlns:xhtml="{XHTML_NS}">',
    ]
    for loc in sorted(entries):
        links = entries[loc]
        lines.append(f"<url><loc>{escape(loc)}</loc>")
        if links.lastmod:
            lines.append(f"<lastmod>{escape(links.lastmod)}</lastmod>")
        for hreflang, href in links.alternates:
            lines.append(f'<xhtml:link rel="alternate" hreflang={quoteattr(hreflang)} href={quoteattr(href)}/>')
        lines.append("</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def not_absolute(entries: dict[str, PageLinks], site_url: str) -> list[str]:
    """URLs a sitemap may not contain: anything not under the site's own address."""
    prefix = site_url.rstrip("/") + "/"
    bad = [loc for loc in entries if not loc.startswith(prefix)]
    bad += [href for links in entries.values() for _, href in links.alternates if not href.startswith(prefix)]
    return sorted(set(bad))


def robots_txt(site_url: str) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {site_url.rstrip('/')}/sitemap.xml\n"
