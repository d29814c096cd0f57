"""Links and images written in Markdown bodies: do they point at something?

Runs before Pelican, so an editor learns about a broken link with the file
and line it is on. The site's URLs are known from the content model (every
item's URL in both languages, the section listings, the images folder);
files other plugins generate (``.ics``, feeds) are not checked here.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .messages import ContentError
from .paths import slugify, url_for
from .schema.fields import LANGUAGES

INLINE_RE = re.compile(r"(?P<bang>!?)\[(?P<text>[^\]\n]*)\]\((?P<inner>[^)\n]*)\)")
REFERENCE_RE = re.compile(r"^ {0,3}\[[^\]\n]+\]:\s*(?P<inner>\S+)", re.MULTILINE)
HTML_RE = re.compile(r"<(?P<tag>a|img)\b[^>]*?\b(?:href|src)\s*=\s*[\"'](?P<inner>[^\"']*)[\"']", re.IGNORECASE)
CODE_RE = re.compile(r"^(```|~~~).*?^\1[^\n]*$|`[^`\n]+`", re.MULTILINE | re.DOTALL)
PELICAN_LINK_RE = re.compile(r"^\{(static|attach|filename)\}")
IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp", ".svg", ".gif")
IMAGE_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*\.(?:jpg|jpeg|png|webp|svg|gif|pdf)$")


def lang_root(lang: str) -> str:
    return "/" if lang in ("", LANGUAGES[0]) else f"/{lang}/"


def extra_pages_from(settings) -> frozenset[str]:
    """Pages made from templates (TEMPLATE_PAGES), e.g. 'cari/' for the search page."""
    pages = set()
    for save_as in (settings.get("TEMPLATE_PAGES") or {}).values():
        pages.add(save_as[: -len("index.html")] if save_as.endswith("index.html") else save_as)
    return frozenset(pages)


def site_urls(content, extra_pages=()) -> set[str]:
    """Every page URL the build will have (root-relative, ending in '/')."""
    urls = {lang_root(lang) + page for lang in LANGUAGES for page in ("", *extra_pages)}
    for ctype_name in {item.ctype.name for item in content.items} | _type_names():
        ctype = _type(ctype_name)
        prefix = ctype.url.split("{slug}", 1)[0].split("#", 1)[0]
        if prefix:
            urls.update(lang_root(lang) + prefix for lang in LANGUAGES)
    for item in content.items:  # published only: a link to a draft would be broken on the live site
        url = url_for(item.ctype, item.slug)[0].split("#", 1)[0]
        langs = [item.lang] if item.lang else list(LANGUAGES)
        urls.update(lang_root(lang) + url for lang in langs)
    return urls


def _type_names():
    from .schema import CONTENT_TYPES

    return set(CONTENT_TYPES)


def _type(name):
    from .schema import CONTENT_TYPES

    return CONTENT_TYPES[name]


def image_files(root: Path) -> set[str]:
    """Root-relative URLs of the files under content/images/."""
    folder = root / "images"
    if not folder.is_dir():
        return set()
    return {"/" + p.relative_to(root).as_posix() for p in folder.rglob("*") if p.is_file()}


def image_name_errors(root: Path, content=None) -> list[ContentError]:
    """Image file names must work in a URL: lowercase, no spaces."""
    errors = []
    folder = root / "images"
    if not folder.is_dir():
        return errors
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.name.startswith("."):
            continue
        if not IMAGE_NAME_RE.match(path.name):
            stem, _, ext = path.name.rpartition(".")
            suggestion = f"{slugify(stem or ext) or 'gambar'}.{ext.lower() if stem else 'jpg'}"
            errors.append(
                ContentError(
                    path.relative_to(root).as_posix(),
                    "",
                    f"Nama berkas gambar '{path.name}' tidak boleh berisi spasi, huruf besar atau tanda baca "
                    "(alamatnya akan rusak). Ganti namanya dengan huruf kecil dan tanda minus.",
                    f"The image file name '{path.name}' must not contain spaces, capitals or punctuation "
                    "(its address would break). Rename it with lowercase letters and dashes.",
                    suggestion,
                )
            )
    return errors


def _blank_code(body: str) -> str:
    """Hide code blocks and spans (their links are examples), keeping offsets."""
    return CODE_RE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), body)


def _split_inner(inner: str) -> str:
    inner = inner.strip()
    if inner.startswith("<") and ">" in inner:
        return inner[1 : inner.index(">")]
    match = re.match(r"^(\S+)\s+[\"'(].*$", inner)
    return match.group(1) if match else inner


def links_in(body: str):
    """Yield (offset, url, is_image, alt text or None) for each link in a Markdown body."""
    text = _blank_code(body)
    for match in INLINE_RE.finditer(text):
        yield match.start(), _split_inner(match["inner"]), bool(match["bang"]), match["text"]
    for match in REFERENCE_RE.finditer(text):
        yield match.start(), match["inner"].strip("<>"), False, None
    for match in HTML_RE.finditer(text):
        yield match.start(), match["inner"], match["tag"].lower() == "img", None


def _is_internal(url: str) -> bool:
    parts = urlsplit(url)
    return bool(url) and not parts.scheme and not parts.netloc and not url.startswith(("#", "//"))


def _target_exists(path: str, urls: set[str], images: set[str]) -> bool:
    path = unquote(path)
    if path.endswith("/index.html"):
        path = path[: -len("index.html")]
    if path in images or path in urls or path + "/" in urls:
        return True
    if path.startswith("/theme/"):
        return True  # theme assets are the developers' business
    suffix = posixpath.splitext(path)[1].lower()
    return bool(suffix) and suffix not in IMAGE_EXTENSIONS + (".html", ".pdf")


def _pelican_link(root: Path, item, url: str) -> str | None:
    """Resolve Pelican's {static}/{filename} syntax to a content file; None if it exists."""
    kind = PELICAN_LINK_RE.match(url).group(1)
    target = url[len(kind) + 2 :].split("#", 1)[0].split("?", 1)[0]
    base = "" if target.startswith("/") else posixpath.dirname(item.path)
    rel = posixpath.normpath(posixpath.join(base, target.lstrip("/")))
    return None if (root / rel).is_file() else rel


def body_link_errors(content, extra_pages=()) -> list[ContentError]:
    root = Path(content.root)
    urls = site_urls(content, extra_pages)
    images = image_files(root)
    errors = []
    for item in content.all_items:
        body = item.doc.body
        if not body or not item.lang:
            continue
        page_url = lang_root(item.lang) + url_for(item.ctype, item.slug)[0]
        for offset, url, is_image, alt in links_in(body):
            line = item.doc.body_line + body.count("\n", 0, offset)
            if is_image and alt is not None and not alt.strip():
                errors.append(
                    ContentError(
                        item.path, "", "Gambar belum punya teks pengganti (alt) di antara [ ]. Pembaca layar membacakan teks itu.",
                        "The image has no alternative text (alt) between [ ]. Screen readers read that text out.",
                        f"![Peserta sosialisasi di balai kelurahan]({url or '/images/nama-foto.jpg'})", line,
                    )
                )
            if " " in url.strip():
                errors.append(
                    ContentError(
                        item.path, "", f"Alamat '{url}' berisi spasi. Ganti nama berkasnya tanpa spasi (pakai tanda minus).",
                        f"The address '{url}' contains spaces. Rename the file without spaces (use dashes).",
                        re.sub(r"\s+", "-", url.strip().lower()), line,
                    )
                )
                continue
            if PELICAN_LINK_RE.match(url):
                missing = _pelican_link(root, item, url)
                if missing:
                    errors.append(_broken(item.path, url, f"content/{missing}", line))
                continue
            if not _is_internal(url):
                continue
            path = urlsplit(url).path
            if not path:
                continue
            resolved = posixpath.normpath(posixpath.join(page_url, path))
            if path.endswith("/") and not resolved.endswith("/"):
                resolved += "/"
            if not _target_exists(resolved, urls, images):
                errors.append(_broken(item.path, url, resolved, line, is_image))
    return errors


def _broken(path: str, url: str, resolved: str, line: int, is_image: bool = False) -> ContentError:
    if is_image or resolved.lower().endswith(IMAGE_EXTENSIONS):
        return ContentError(
            path, "", f"Gambar '{url}' tidak ditemukan (dicari di {resolved}). Simpan gambarnya di content/images/ "
            "lalu tulis alamatnya diawali /images/.",
            f"Image '{url}' not found (looked for {resolved}). Put the image in content/images/ and start its address with /images/.",
            "![Keterangan foto](/images/nama-foto.jpg)", line,
        )
    return ContentError(
        path, "", f"Tautan '{url}' menuju halaman yang tidak ada ({resolved}). Periksa ejaan alamatnya.",
        f"The link '{url}' goes to a page that does not exist ({resolved}). Check the address.",
        "[Tentang program](/tentang/)", line,
    )
