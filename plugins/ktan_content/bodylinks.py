"""Links and images written in Markdown bodies: do they point at something?

Runs before Pelican, so an editor learns about a broken link with the file
and line it is on. The site's URLs are known from the content model (every
item's URL in both languages, the section listings, the images folder);
files other plugins generate (``.ics``, feeds) are not checked here.
"""

from __future__ import annotations

import functools
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote
from urllib.parse import urlsplit as _urlsplit

from .messages import ContentError
from .paths import slugify, url_for
from .schema.fields import LANGUAGES

# Every edit in the live preview checks every body's links again; the same URLs recur across
# thousands of bodies, and a split URL is an immutable tuple.
urlsplit = functools.lru_cache(maxsize=1 << 16)(_urlsplit)

INLINE_RE = re.compile(r"(?P<bang>!?)\[(?P<text>[^\]\n]*)\]\((?P<inner>[^)\n]*)\)")
REFERENCE_RE = re.compile(r"^ {0,3}\[[^\]\n]+\]:\s*(?P<inner>\S+)", re.MULTILINE)
HTML_RE = re.compile(r"<(?P<tag>a|img)\b[^>]*?\b(?:href|src)\s*=\s*[\"'](?P<inner>[^\"']*)[\"']", re.IGNORECASE)
CODE_RE = re.compile(r"^(```|~~~).*?^\1[^\n]*$|`[^`\n]+`", re.MULTILINE | re.DOTALL)
ALT_RE = re.compile(r"\balt\s*=\s*([\"'])(?P<alt>.*?)\1", re.IGNORECASE | re.DOTALL)
SOURCE_FILE_RE = re.compile(r"\.(?:md|markdown|yml)$", re.IGNORECASE)
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
    """Image file names must work in a URL: lowercase, no spaces.

    A camera's name (``IMG_1234.JPG``) on a file nothing uses yet is only a
    warning (it may be waiting for its article); once a published page shows
    it, it must be renamed, and the message says where it is used.
    """
    errors = []
    folder = root / "images"
    if not folder.is_dir():
        return errors
    misnamed = [path for path in sorted(folder.rglob("*"))
                if path.is_file() and not path.name.startswith(".") and not IMAGE_NAME_RE.match(path.name)]
    # Who uses an image means reading every body's links: only worth it when a name is wrong.
    users = image_users(content) if content is not None and misnamed else {}
    for path in misnamed:
        rel = path.relative_to(root).as_posix()
        stem, _, ext = path.name.rpartition(".")
        suggestion = f"{slugify(stem or ext) or 'gambar'}.{ext.lower() if stem else 'jpg'}"
        used = users.get(rel)
        if used == "field":
            continue  # the field that names it already says to rename it: one mistake, one message
        if used:
            where, line = used
            new = posixpath.join(posixpath.dirname(rel), suggestion)
            message_id = (f"Nama berkas gambar '{path.name}' tidak boleh berisi spasi, huruf besar atau tanda baca "
                          f"(alamatnya akan rusak). Gambar ini dipakai di {where} baris {line}: ganti nama berkasnya "
                          f"menjadi '{suggestion}' lalu ubah tautannya menjadi /{new}.")
            message_en = (f"The image file name '{path.name}' must not contain spaces, capitals or punctuation "
                          f"(its address would break). It is used in {where} line {line}: rename the file to "
                          f"'{suggestion}' and change the link to /{new}.")
        else:
            message_id = (f"Nama berkas gambar '{path.name}' tidak boleh berisi spasi, huruf besar atau tanda baca "
                          "(alamatnya akan rusak). Belum ada halaman yang memakainya; ganti namanya dengan huruf kecil "
                          "dan tanda minus sebelum dipakai.")
            message_en = (f"The image file name '{path.name}' must not contain spaces, capitals or punctuation "
                          "(its address would break). No page uses it yet; rename it with lowercase letters and "
                          "dashes before you use it.")
        errors.append(ContentError(rel, "", message_id, message_en, suggestion, warning=not used))
    return errors


def image_users(content) -> dict:
    """Image file (relative to content/) -> (file, line) of the first published body that shows it,
    or "field" when only an image field names it. Drafts do not count: they are not published."""
    from .schema.fields import ImagePath

    users: dict = {}
    for item in content.items:
        for fld in item.ctype.fields:
            raw = item.doc.meta.get(fld.name)
            if isinstance(fld, ImagePath) and isinstance(raw, str) and raw.strip():
                name = raw.strip().removeprefix("/")
                users.setdefault(name if name.startswith("images/") else "images/" + name, "field")
        if not item.lang or not item.doc.body:
            continue
        page_url = lang_root(item.lang) + url_for(item.ctype, item.slug)[0]
        for offset, url, _, _ in links_in(item.doc.body):
            if not _is_internal(url):
                continue
            target = unquote(posixpath.normpath(posixpath.join(page_url, urlsplit(url).path))).lstrip("/")
            if target.startswith("images/") and not isinstance(users.get(target), tuple):
                users[target] = (item.path, item.doc.body_line + item.doc.body.count("\n", 0, offset))
    return users


# A photo larger than this is refused with a message instead of slowing or crashing the build
# (a 6000x4000 phone photo passes; a 12000 px panorama or a 40 MB scan does not).
MAX_IMAGE_SIDE = 8000
MAX_IMAGE_BYTES = 20 * 1024 * 1024
RASTER_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif")


def image_size_errors(root: Path, content=None) -> list[ContentError]:
    """Photos the build can process: readable, at most MAX_IMAGE_SIDE px a side and MAX_IMAGE_BYTES.

    Reads only the file header (Pillow opens lazily), so the check stays fast. A photo
    no published page uses yet is not processed: its problem is only a warning.
    """
    errors = []
    folder = root / "images"
    if not folder.is_dir():
        return errors
    users = image_users(content) if content is not None else None
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or not path.name.lower().endswith(RASTER_SUFFIXES):
            continue
        rel = path.relative_to(root).as_posix()
        problem = _image_problem(path)
        if problem:
            errors.append(ContentError(rel, "", *problem, warning=users is not None and rel not in users))
    return errors


def _image_problem(path: Path) -> tuple[str, str, str] | None:
    from PIL import Image

    size_mb = path.stat().st_size / (1024 * 1024)
    example = "Perkecil foto ke lebar 2000 px atau kurang / resize to 2000 px wide or less"
    if path.stat().st_size > MAX_IMAGE_BYTES:
        return (
            f"Foto ini terlalu besar ({size_mb:.0f} MB; paling besar {MAX_IMAGE_BYTES // (1024 * 1024)} MB). "
            "Perkecil dulu (misalnya kirim lewat WhatsApp ke diri sendiri, atau simpan ulang dengan lebar 2000 px), lalu ganti berkasnya.",
            f"This photo is too large ({size_mb:.0f} MB; at most {MAX_IMAGE_BYTES // (1024 * 1024)} MB). "
            "Make it smaller first (e.g. save it again 2000 px wide), then replace the file.",
            example,
        )
    try:
        with Image.open(path) as image:
            width, height = image.size
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        if isinstance(exc, Image.DecompressionBombError):
            width = height = MAX_IMAGE_SIDE + 1
        else:
            return (
                "Berkas ini tidak bisa dibaca sebagai foto (rusak, atau bukan gambar). Simpan ulang sebagai JPG atau PNG.",
                f"This file cannot be read as a photo (damaged, or not an image: {type(exc).__name__}). Save it again as JPG or PNG.",
                "foto-kegiatan.jpg",
            )
    if max(width, height) > MAX_IMAGE_SIDE:
        return (
            f"Foto ini terlalu besar ({width}×{height} px; sisi terpanjang paling banyak {MAX_IMAGE_SIDE} px). "
            "Perkecil dulu ke lebar 2000 px atau kurang, lalu ganti berkasnya.",
            f"This photo is too large ({width}×{height} px; the longest side may be at most {MAX_IMAGE_SIDE} px). "
            "Resize it to 2000 px wide or less, then replace the file.",
            example,
        )
    return None


def _blank_code(body: str) -> str:
    """Hide code blocks and spans (their links are examples), keeping offsets."""
    return CODE_RE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), body)


def _split_inner(inner: str) -> str:
    inner = inner.strip()
    if inner.startswith("<") and ">" in inner:
        return inner[1 : inner.index(">")]
    match = re.match(r"^(\S+)\s+[\"'(].*$", inner)
    return match.group(1) if match else inner


@functools.lru_cache(maxsize=20000)
def links_in(body: str) -> tuple:
    """(offset, url, is_image, alt text or None) of each link in a Markdown body.

    Memoised by the text: every check runs over every body again (after each
    edit in the live preview), and most bodies have not changed.
    """
    return tuple(_scan_links(body))


def _scan_links(body: str):
    text = _blank_code(body)
    for match in INLINE_RE.finditer(text):
        yield match.start(), _split_inner(match["inner"]), bool(match["bang"]), match["text"]
    for match in REFERENCE_RE.finditer(text):
        yield match.start(), match["inner"].strip("<>"), False, None
    for match in HTML_RE.finditer(text):
        is_image = match["tag"].lower() == "img"
        alt = None
        if is_image:  # a raw <img> needs its alt like ![alt](...): missing or empty both count as none
            tag = text[match.start(): text.find(">", match.start()) + 1 or len(text)]
            found = ALT_RE.search(tag)
            alt = found["alt"] if found else ""
        yield match.start(), match["inner"], is_image, alt


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
    drafts = _draft_urls(content)
    unreadable = _unreadable_urls(content)
    anchors = _Anchors(content)
    errors = []
    for item in content.all_items:
        body = item.doc.body
        if not body or not item.lang:
            continue
        page_url = lang_root(item.lang) + url_for(item.ctype, item.slug)[0]
        for offset, url, is_image, alt in links_in(body):
            line = item.doc.body_line + body.count("\n", 0, offset)
            if is_image and alt is not None and not alt.strip():
                errors.append(_no_alt(item.path, url, line, html=body.startswith("<", offset)))
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
            parts = urlsplit(url)
            if url.startswith("#") and parts.fragment:
                errors.extend(anchors.check(item.path, url, page_url, page_url, line))
                continue
            if not _is_internal(url) or not parts.path:
                continue
            if SOURCE_FILE_RE.search(parts.path):
                errors.append(_source_file_link(content, item, url, line, drafts))
                continue
            resolved = posixpath.normpath(posixpath.join(page_url, parts.path))
            if parts.path.endswith("/") and not resolved.endswith("/"):
                resolved += "/"
            target = _page_of(resolved)
            if target in unreadable:
                continue  # that page's own file cannot be read: its message is enough
            if target in drafts:
                errors.append(_link_to_draft(item.path, url, target, drafts[target], line))
            elif not _target_exists(resolved, urls, images):
                errors.append(_broken(item.path, url, resolved, line, is_image))
            elif parts.fragment:
                errors.extend(anchors.check(item.path, url, target, page_url, line))
    return errors


def _page_of(resolved: str) -> str:
    """'/berita/x/index.html' or '/berita/x' -> '/berita/x/' (how URLs are keyed here)."""
    path = unquote(resolved)
    if path.endswith("/index.html"):
        path = path[: -len("index.html")]
    if not path.endswith("/") and not posixpath.splitext(path)[1]:
        path += "/"
    return path


def _item_url(item) -> str:
    return lang_root(item.lang) + url_for(item.ctype, item.slug)[0].split("#", 1)[0]


def _draft_urls(content) -> dict[str, str]:
    """URL -> file of each draft (not published, so a link to it would be broken)."""
    published = {_item_url(i) for i in content.items if i.lang}
    return {_item_url(i): i.path for i in content.all_items if i.is_draft and i.lang and _item_url(i) not in published}


def _unreadable_urls(content) -> set[str]:
    from .schema import CONTENT_TYPES

    return {
        lang_root(lang) + url_for(CONTENT_TYPES[type_name], slug)[0].split("#", 1)[0]
        for (type_name, slug, lang) in content.unreadable
        if lang
    }


def _no_alt(path: str, url: str, line: int, html: bool) -> ContentError:
    src = url or "/images/nama-foto.jpg"
    example = (f'<img src="{src}" alt="Peserta sosialisasi di balai kelurahan">' if html
               else f"![Peserta sosialisasi di balai kelurahan]({src})")
    where_id, where_en = ("di atribut alt=\"...\"", "in its alt=\"...\" attribute") if html else ("di antara [ ]", "between [ ]")
    return ContentError(
        path, "", f"Gambar belum punya teks pengganti (alt) {where_id}. Pembaca layar membacakan teks itu.",
        f"The image has no alternative text (alt) {where_en}. Screen readers read that text out.",
        example, line,
    )


def _source_file_link(content, item, url: str, line: int, drafts: dict) -> ContentError:
    """A link to a content file ('../berita/x.id.md') instead of its page: name the page's address."""
    parts = urlsplit(url)
    base = "" if parts.path.startswith("/") else posixpath.dirname(item.path)
    rel = posixpath.normpath(posixpath.join(base, unquote(parts.path).lstrip("/")))
    target = content.by_path(drafts=True).get(rel)
    if target is not None and target.lang and not target.is_draft:
        address = _item_url(target) + (f"#{parts.fragment}" if parts.fragment else "")
        return ContentError(
            item.path, "",
            f"Tautan '{url}' menuju berkas sumber, bukan halamannya; di situs berkas itu tidak ada. "
            f"Tulis alamat halamannya: {address}",
            f"The link '{url}' points at the source file, not its page; the site has no such file. "
            f"Write the page's address: {address}",
            f"[{target.fields.get('title', 'teks tautan')}]({address})", line,
        )
    if target is not None and target.is_draft:
        return _link_to_draft(item.path, url, _item_url(target) if target.lang else rel, target.path, line)
    return ContentError(
        item.path, "",
        f"Tautan '{url}' menuju berkas sumber, dan berkas content/{rel} tidak ada. Tautan ditulis dengan alamat "
        "halamannya, bukan nama berkasnya.",
        f"The link '{url}' points at a source file, and content/{rel} does not exist. Links use the page's "
        "address, not its file name.",
        "[Tentang program](/tentang/)", line,
    )


def _link_to_draft(path: str, url: str, target: str, draft_path: str, line: int) -> ContentError:
    """The page linked to exists as a file but is a draft (never published, or taken down)."""
    return ContentError(
        path, "",
        f"Tautan '{url}' menuju {target}, tetapi halaman itu tidak tayang: {draft_path} berstatus draft "
        "(belum diterbitkan atau sudah diturunkan). Karena itu situs tidak diperbarui: hapus tautan di baris ini "
        "atau ganti alamatnya, atau terbitkan lagi halaman itu (status: published).",
        f"The link '{url}' goes to {target}, but that page is not published: {draft_path} is a draft "
        "(not yet published, or taken down). That is why the site is not updated: remove the link on this line "
        "or change its address, or publish that page again (status: published).",
        "", line,
    )


class _Anchors:
    """The ids a link's '#part' may name on our pages, found as the build will make them."""

    def __init__(self, content):
        self.content = content
        self.by_url = {_item_url(i): i for i in content.items if i.lang}
        self._ids: dict[str, set | None] = {}

    def ids(self, page: str) -> set | None:
        """Ids on ``page``; None when we cannot know them (a page made by a template only)."""
        if page not in self._ids:
            self._ids[page] = self._find(page)
        return self._ids[page]

    def _find(self, page: str):
        item = self.by_url.get(page)
        if item is not None:
            return _body_ids(item.doc.body)
        for type_name, prefix in (("layanan", "layanan-"), ("mitra", "mitra-")):
            if page.rstrip("/").rsplit("/", 1)[-1] == type_name:  # the listing of a data type
                return {prefix + slug for slug in self.content.data(type_name)} | {None}
        return None

    def check(self, path: str, url: str, page: str, here: str, line: int) -> list[ContentError]:
        fragment = unquote(urlsplit(url).fragment)
        known = self.ids(page)
        if not fragment or known is None or fragment in known or fragment.startswith("kt-"):
            return []  # "kt-" ids come from the theme
        if None in known and not any(fragment.startswith(p) for p in ("layanan-", "mitra-")):
            return []  # another part of a listing page: made by its template, not known here
        choices = sorted(k for k in known if k)
        from .validate import closest

        guesses = closest(fragment, choices, n=1)
        listed = ", ".join(f"#{c}" for c in choices[:8])
        has_id = f"Bagian yang ada: {listed}." if listed else "Halaman itu tidak punya subjudul (##) untuk dituju."
        has_en = f"Its parts: {listed}." if listed else "That page has no headings (##) to link to."
        target = "" if page == here else page
        return [ContentError(
            path, "",
            f"Tautan '{url}' menuju bagian '#{fragment}' yang tidak ada di halaman {page}. {has_id}",
            f"The link '{url}' goes to the part '#{fragment}', which {page} does not have. {has_en}",
            f"[teks tautan]({target}#{guesses[0]})" if guesses else "", line,
        )]


def _body_ids(body: str) -> set:
    """Ids the Markdown body gets: heading ids from the toc extension, {#id} and id="..." written by hand."""
    from markdown import Markdown

    html = Markdown(extensions=["markdown.extensions.extra", "markdown.extensions.toc"]).convert(body)
    return set(re.findall(r"\bid=\"([^\"]+)\"", html))


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
