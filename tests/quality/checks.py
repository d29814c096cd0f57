"""Quality checks over a built site folder; each returns problems as readable lines.

Plain functions over files, used by the tests over the real site and by the
tests that prove each check fails on a broken fixture site.
"""

from __future__ import annotations

import gzip
import json
import re
import subprocess
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

from tests.sitepages import page_url, resolve

KB = 1024
CRITICAL_BUDGET = 14 * KB  # HTML + render-blocking CSS: one TCP round trip
PAGE_BUDGET = 50 * KB  # everything a page loads except photos
OUR_JS_BUDGET = 10 * KB
GZIP_LEVEL = 6  # zlib's default, what servers and CDNs use on the fly
PHOTO_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".avif", ".gif"}
OUR_JS_PREFIX = "theme/"  # our fingerprinted bundle (plugins/ktan_theme)
NON_LINKS = ("mailto:", "tel:", "data:", "sms:", "javascript:")
CSS_URL_RE = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")
VNU_JAR = Path(__file__).resolve().parents[1] / "tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "pagefind" not in p.relative_to(site).parts)


@lru_cache(maxsize=4096)
def _parse(path: Path, stamp: int) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def parse(path: Path) -> BeautifulSoup:
    return _parse(path, path.stat().st_mtime_ns)


def gz_size(data: bytes) -> int:
    return len(gzip.compress(data, GZIP_LEVEL, mtime=0))


def rel(site: Path, path: Path) -> str:
    return "/" + path.relative_to(site).as_posix()


# --- links -------------------------------------------------------------------

def _link_attrs(doc: BeautifulSoup):
    """(element, attribute, url) for every URL a page links to or loads."""
    for tag, attr in (("a", "href"), ("link", "href"), ("area", "href"), ("script", "src"), ("img", "src"),
                      ("source", "src"), ("iframe", "src"), ("form", "action"), ("video", "poster")):
        for element in doc.find_all(tag):
            if element.get(attr):
                yield element, attr, element[attr].strip()
    for element in doc.find_all(srcset=True):
        for candidate in element["srcset"].split(","):
            if candidate.strip():
                yield element, "srcset", candidate.split()[0]


def _anchors(path: Path) -> set[str]:
    doc = parse(path)
    return {e["id"] for e in doc.find_all(id=True)} | {e["name"] for e in doc.find_all("a", attrs={"name": True})}


def _describe(element) -> str:
    text = " ".join(element.get_text(" ", strip=True).split())[:40]
    return f"<{element.name}>{' “' + text + '”' if text else ''}"


def _grouped(found: list[tuple[str, str]]) -> list[str]:
    """One line per cause: the first page that has it, and how many more do."""
    pages: dict[str, list[str]] = {}
    for page, cause in found:
        pages.setdefault(cause, []).append(page)
    return [f"{names[0]}{f' (and {len(names) - 1} more pages)' if len(names) > 1 else ''}: {cause}" for cause, names in pages.items()]


def link_problems(site: Path) -> list[str]:
    """Every internal link, asset and #anchor resolves; hreflang targets exist in that language."""
    found: list[tuple[str, str]] = []
    for page in html_pages(site):
        base = page_url(site, page)
        name = rel(site, page)
        doc = parse(page)
        for element, attr, url in _link_attrs(doc):
            parts = urlsplit(url)
            if url.startswith(NON_LINKS) or parts.scheme or parts.netloc:
                continue
            target = page if not parts.path else resolve(site, url, base)
            if target is None:
                found.append((name, f"dead link {attr}=\"{url}\" on {_describe(element)}"))
                continue
            if parts.fragment and target.suffix == ".html" and parts.fragment not in _anchors(target):
                found.append((name, f"{attr}=\"{url}\" points to a missing anchor #{parts.fragment} in {rel(site, target)}"))
            hreflang = element.get("hreflang")
            if hreflang and hreflang != "x-default" and target.suffix == ".html":
                root = parse(target).html
                lang = root.get("lang") if root else None
                if lang != hreflang:
                    found.append((name, f"hreflang=\"{hreflang}\" link {url} leads to a page in lang=\"{lang}\""))
    for css in sorted(site.rglob("*.css")):
        for url in CSS_URL_RE.findall(css.read_text(encoding="utf-8")):
            if url.startswith("data:") or urlsplit(url).scheme or url.startswith("//"):
                continue
            base = rel(site, css)
            if resolve(site, url, base) is None:
                found.append((base, f"dead url({url})"))
    return _grouped(found)


# --- page weight ------------------------------------------------------------------

@dataclass
class PageWeight:
    page: str
    html: int = 0
    critical_css: int = 0
    other: int = 0  # print CSS, scripts, icons, fonts: everything except photos
    our_js: int = 0
    parts: dict = field(default_factory=dict)

    @property
    def critical(self) -> int:
        return self.html + self.critical_css

    @property
    def total(self) -> int:
        return self.critical + self.other

    def summary(self) -> str:
        heavy = ", ".join(f"{name} {size / KB:.1f}" for name, size in sorted(self.parts.items(), key=lambda kv: -kv[1])[:4])
        return (f"{self.page}: HTML+CSS {self.critical / KB:.1f} KB, all but photos {self.total / KB:.1f} KB, "
                f"our JS {self.our_js / KB:.1f} KB (gzip; largest: {heavy})")


def _css_assets(site: Path, css: Path) -> list[Path]:
    found = []
    for url in CSS_URL_RE.findall(css.read_text(encoding="utf-8")):
        target = None if url.startswith("data:") else resolve(site, url, rel(site, css))
        if target:
            found.append(target)
    return found


def page_weight(site: Path, page: Path) -> PageWeight:
    weight = PageWeight(rel(site, page))
    base = page_url(site, page)
    doc = parse(page)
    weight.html = weight.parts["HTML"] = gz_size(page.read_bytes())
    loaded: dict[Path, str] = {}  # file -> role
    for link in doc.find_all("link", href=True):
        rels = set(link.get("rel", []))
        target = resolve(site, link["href"], base)
        if not target or not rels & {"stylesheet", "icon", "preload", "modulepreload", "manifest"}:
            continue
        critical = "stylesheet" in rels and link.get("media", "all") in ("all", "screen", "") and not link.has_attr("disabled")
        loaded.setdefault(target, "critical" if critical else "other")
        if "stylesheet" in rels:
            for asset in _css_assets(site, target):
                loaded.setdefault(asset, "other")
    for script in doc.find_all("script", src=True):
        target = resolve(site, script["src"], base)
        if target:
            loaded.setdefault(target, "js")
    for element in doc.find_all(["img", "source", "video", "audio", "embed", "object"]):
        url = element.get("src") or element.get("data") or ""
        target = resolve(site, url, base) if url and not url.startswith("data:") else None
        if target and target.suffix.lower() not in PHOTO_SUFFIXES:
            loaded.setdefault(target, "other")
    for target, role in loaded.items():
        size = gz_size(target.read_bytes())
        weight.parts[rel(site, target)] = size
        if role == "critical":
            weight.critical_css += size
        else:
            weight.other += size
        if role == "js" and rel(site, target).lstrip("/").startswith(OUR_JS_PREFIX):
            weight.our_js += size
    return weight


def page_weights(site: Path) -> list[PageWeight]:
    return [page_weight(site, page) for page in html_pages(site)]


def weight_problems(weights: list[PageWeight], heaviest: int = 5) -> list[str]:
    """Pages over a budget, then the heaviest pages of the site for context."""
    problems = []
    for w in weights:
        if w.critical > CRITICAL_BUDGET:
            problems.append(f"{w.page}: HTML + CSS is {w.critical / KB:.1f} KB gzip, over the {CRITICAL_BUDGET // KB} KB budget")
        if w.total > PAGE_BUDGET:
            problems.append(f"{w.page}: everything but photos is {w.total / KB:.1f} KB gzip, over the {PAGE_BUDGET // KB} KB budget")
        if w.our_js > OUR_JS_BUDGET:
            problems.append(f"{w.page}: our JavaScript is {w.our_js / KB:.1f} KB gzip, over the {OUR_JS_BUDGET // KB} KB budget")
    if problems:
        problems.append("Heaviest pages:")
        problems += ["  " + w.summary() for w in sorted(weights, key=lambda w: -w.total)[:heaviest]]
    return problems


# --- Nu HTML Checker ----------------------------------------------------------------

def vnu_problems(site: Path, java: str = "java") -> list[str]:
    """One JVM call over every page and stylesheet; every error with page, line and message."""
    files = [str(p) for p in html_pages(site)] + [str(p) for p in sorted(site.rglob("*.css")) if "pagefind" not in p.parts]
    result = subprocess.run([java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--also-check-css", *files],
                            capture_output=True, text=True, check=False)
    try:
        messages = json.loads(result.stderr or result.stdout)["messages"]
    except (ValueError, KeyError):
        return [f"the Nu HTML Checker did not run: {(result.stderr or result.stdout)[:500]}"]
    problems = []
    for m in messages:
        if m.get("type") in ("error", "non-document-error") or m.get("subType") == "fatal":
            where = rel(site, Path(urlsplit(m.get("url", "")).path)) if m.get("url") else "?"
            problems.append(f"{where}:{m.get('lastLine', '?')}: {m.get('message')} [{(m.get('extract') or '').strip()[:80]}]")
    return problems
