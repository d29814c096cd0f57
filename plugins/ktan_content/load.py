"""Load and check the whole content folder: every file, every error at once.

``load_content`` is what the check step runs and what the plugins use to get
shared data (stakeholders, services); it is cached per process by file stamps
so both language sub-sites share one parse.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from .bodylinks import body_link_errors, image_name_errors, image_size_errors, lang_root
from .frontmatter import Document, parse_data_file, parse_document, read_text
from .messages import ContentError
from .paths import ContentName, parse_name, url_for
from .schema import CONTENT_TYPES, ContentType
from .schema.common import DRAFT, PUBLISHED
from .schema.fields import Boolean, Choice, Date, DateTime, IdList, ImagePath, Integer, Phone
from .validate import closest, validate_document

IGNORED_NAMES = {".gitkeep", "README.md", "README.txt", ".DS_Store", "Thumbs.db", "desktop.ini"}
IGNORED_FOLDERS = {"images", "_templates"}
# Lock, swap and backup files that editors (Word, vim, emacs, gedit) leave while a file is open.
IGNORED_PREFIXES = (".", "~", "#")
IGNORED_SUFFIXES = ("~", ".swp", ".swx", ".tmp", ".bak", "#")


@dataclass
class Item:
    path: str  # relative to the content folder, with '/'
    ctype: ContentType
    name: ContentName
    doc: Document
    fields: dict

    @property
    def slug(self) -> str:
        return self.name.slug

    @property
    def lang(self) -> str:
        return self.name.lang

    @property
    def status(self) -> str:
        """published, draft or cancelled (events); a file without ``status`` is published."""
        return self.fields.get("status") or PUBLISHED

    @property
    def is_draft(self) -> bool:
        return self.status == DRAFT


@dataclass
class ContentSet:
    """Every content file of a folder, checked.

    ``items`` and the look-ups (``of_type``, ``data``, ``find``, ``by_path``)
    give published items only (``cancelled`` events are published: they show
    as cancelled), so nothing of a draft can reach a page, listing, feed or
    index through a plugin. ``drafts=True`` is the opt-in of the check, the
    reader and the preview. ``errors`` block a build; ``warnings`` (problems
    in draft files) are shown but never block.
    """

    root: Path
    all_items: list[Item] = field(default_factory=list)  # drafts included
    errors: list[ContentError] = field(default_factory=list)
    warnings: list[ContentError] = field(default_factory=list)
    reported: bool = False
    # Files whose content could not be read, by (type, slug, lang): the
    # problems that only follow from them are held back (one mistake, one message).
    unreadable: dict = field(default_factory=dict)
    # Draft files that could not be read (their status found in the raw text).
    draft_paths: set = field(default_factory=set)
    # Drafts the live preview renders like published items (``with_drafts_shown``); empty in every real build.
    shown_drafts: frozenset = frozenset()

    @property
    def items(self) -> list[Item]:
        return self._indexes(False)[3]

    def of_type(self, type_name: str, drafts: bool = False) -> list[Item]:
        return list(self._indexes(drafts)[0].get(type_name, ()))

    def data(self, type_name: str, drafts: bool = False) -> dict[str, Item]:
        """Data items (one file per thing) of a type, by id."""
        return {item.slug: item for item in self.of_type(type_name, drafts)}

    def by_path(self, drafts: bool = False) -> dict[str, Item]:
        return self._indexes(drafts)[2]

    def find(self, type_name: str, slug: str, lang: str = "", drafts: bool = False) -> Item | None:
        return self._indexes(drafts)[1].get((type_name, slug, lang))

    def is_draft_path(self, path: str) -> bool:
        """Whether the build must keep this file out of every output (a shown draft is rendered)."""
        if path in self.shown_drafts:
            return False
        item = self.by_path(drafts=True).get(path)
        return item.is_draft if item is not None else path in self.draft_paths

    def with_drafts_shown(self) -> ContentSet:
        """This content as the live preview renders it: drafts that pass the check look published.

        Editors must see a draft before they publish it (the CMS starts every
        entry as a draft). A draft with problems stays out (its warnings say
        why), so one editor's half-written draft never breaks the preview of
        another's. Only the preview asks for this view (``KTAN_PREVIEW_DRAFTS``);
        the set it came from is left as it is.
        """
        troubled = {problem.path for problem in self.warnings}
        shown = frozenset(i.path for i in self.all_items if i.is_draft and i.path not in troubled)
        return replace(self, shown_drafts=shown)

    def _indexes(self, drafts: bool) -> tuple[dict, dict, dict, list]:
        """Items by type, by (type, slug, lang), by path, and the list; rebuilt when items were added.

        The cross-file checks look items up for every item: without an index
        that is quadratic in the number of files.
        """
        cached = getattr(self, "_index", None)
        if cached is None or cached[0] != len(self.all_items):
            views = []
            for with_drafts in (False, True):
                by_type: dict[str, list[Item]] = {}
                by_key: dict[tuple, Item] = {}
                by_path: dict[str, Item] = {}
                listed = [item for item in self.all_items
                          if with_drafts or not item.is_draft or item.path in self.shown_drafts]
                for item in listed:
                    by_type.setdefault(item.ctype.name, []).append(item)
                    by_key.setdefault((item.ctype.name, item.slug, item.lang), item)
                    by_path[item.path] = item
                views.append((by_type, by_key, by_path, listed))
            cached = self._index = (len(self.all_items), *views)
        return cached[2] if drafts else cached[1]


def _walk(root: Path):
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in IGNORED_FOLDERS)
        for filename in sorted(filenames):
            if filename in IGNORED_NAMES or filename.startswith(IGNORED_PREFIXES) or filename.endswith(IGNORED_SUFFIXES):
                continue
            full = Path(dirpath) / filename
            yield full, full.relative_to(root).as_posix()


def load_item(full: Path, rel: str, ctype: ContentType, errors: list[ContentError]) -> Item | None:
    name, problem = parse_name(rel, ctype)
    if problem:
        errors.append(problem)
        return None
    try:
        raw = read_text(full)
    except OSError as exc:
        errors.append(ContentError(rel, "", f"Berkas tidak bisa dibuka ({exc.strerror}).", f"The file cannot be opened ({exc.strerror})."))
        return None
    except UnicodeDecodeError:
        errors.append(
            ContentError(
                rel,
                "",
                "Berkas tidak tersimpan sebagai UTF-8. Simpan ulang dengan pengodean UTF-8.",
                "The file is not saved as UTF-8. Save it again with UTF-8 encoding.",
            )
        )
        return None
    parse = parse_document if ctype.per_language else parse_data_file
    doc = parse(raw, rel, errors)
    if doc is None:
        return None
    fields, field_errors = validate_document(doc, ctype)
    errors.extend(field_errors)
    return Item(rel, ctype, name, doc, fields)


def _reference_errors(content: ContentSet) -> list[ContentError]:
    errors = []
    for item in content.all_items:
        for fld in item.ctype.fields:
            value = item.fields.get(fld.name)
            if isinstance(fld, IdList) and fld.refers_to and value:
                errors.extend(_unknown_ids(content, item, fld, value))
            if isinstance(fld, ImagePath) and value and not (content.root / value).is_file():
                errors.append(
                    ContentError(
                        item.path,
                        fld.name,
                        f"Gambar '{value}' tidak ditemukan. Simpan gambarnya di content/{value} atau perbaiki namanya.",
                        f"Image '{value}' not found. Put it at content/{value} or fix the name.",
                        fld.example,
                        item.doc.lines.get(fld.name),
                    )
                )
        if item.ctype.per_language and item.lang != "id":
            errors.extend(_translation_errors(content, item))
        for check in item.ctype.checks:
            errors.extend(_run_check(check, item, content))
    return errors


def _unknown_ids(content: ContentSet, item: Item, fld, value) -> list[ContentError]:
    errors = []
    known = content.data(fld.refers_to)
    line = item.doc.lines.get(fld.name)
    for ident in value:
        if ident in known or (fld.refers_to, ident, "") in content.unreadable:
            continue  # an unreadable file already has its own message
        draft = content.find(fld.refers_to, ident, drafts=True)
        if draft is not None:
            errors.append(
                ContentError(
                    item.path, fld.name,
                    f"'{ident}' masih draft ({draft.path}: status: draft), jadi belum tayang. "
                    f"Hapus '{ident}' dari daftar ini, atau terbitkan berkas itu (status: published).",
                    f"'{ident}' is still a draft ({draft.path}: status: draft), so it is not on the site. "
                    f"Remove '{ident}' from this list, or publish that file (status: published).",
                    "", line,
                )
            )
            continue
        guesses = closest(ident, known)
        did_id = f" Mungkin maksudnya: {', '.join(guesses)}." if guesses else ""
        did_en = f" Closest known ids: {', '.join(guesses)}." if guesses else ""
        errors.append(
            ContentError(
                item.path,
                fld.name,
                f"Kode '{ident}' tidak ada di content/{fld.refers_to}/.{did_id}",
                f"Unknown id '{ident}': no such file in content/{fld.refers_to}/.{did_en}",
                guesses[0] if guesses else ", ".join(sorted(known)[:3]),
                line,
            )
        )
    return errors


def _translation_errors(content: ContentSet, item: Item) -> list[ContentError]:
    """A translation needs its Indonesian file, published with it, with the same facts."""
    if (item.ctype.name, item.slug, "id") in content.unreadable:
        return []  # the Indonesian file exists but cannot be read: that file's message says why
    partner = content.find(item.ctype.name, item.slug, "id", drafts=True)
    if partner is None:
        return [
            ContentError(
                item.path,
                "",
                f"Terjemahan ini tidak punya berkas bahasa Indonesia '{item.slug}.id.md' di folder yang sama. "
                "Nama berkas kedua bahasa harus sama kecuali akhiran .id/.en.",
                f"This translation has no Indonesian file '{item.slug}.id.md' in the same folder. "
                "Both languages' files must share the name except for .id/.en.",
                f"{item.slug}.id.md",
            )
        ]
    errors = []
    if partner.is_draft and not item.is_draft:
        errors.append(
            ContentError(
                item.path, "status",
                f"Berkas bahasa Indonesia {partner.path} masih draft, jadi terjemahan ini tidak bisa tayang sendiri. "
                "Tulis 'status: draft' di sini juga, atau terbitkan keduanya.",
                f"The Indonesian file {partner.path} is still a draft, so this translation cannot go live alone. "
                "Write 'status: draft' here too, or publish both.",
                "status: draft", item.doc.lines.get("status") or 1,
            )
        )
    if not item.is_draft and not partner.is_draft and item.status != partner.status:
        errors.append(
            ContentError(
                item.path, "status",
                f"Status di sini ({item.status}) berbeda dengan berkas bahasa Indonesia {partner.path} "
                f"({partner.status}). Batal atau tidaknya kegiatan adalah fakta: tulis status yang sama di kedua berkas "
                "(hanya terjemahan berstatus draft yang boleh menunggu).",
                f"The status here ({item.status}) differs from the Indonesian file {partner.path} ({partner.status}). "
                "Whether an event is cancelled is a fact: write the same status in both files "
                "(only a translation in draft may wait).",
                "", item.doc.lines.get("status") or 1,
            )
        )
    return errors + _pair_errors(item, partner)


# Field kinds whose value is a fact, not language: a translation must not change it.
# Another kind opts in with a class attribute ``same_in_both_languages = True``.
SHARED_KINDS = (Date, DateTime, IdList, ImagePath, Phone, Integer, Choice, Boolean)
# modified: when this language's text was last checked; status: an English
# draft may wait while the Indonesian page is live (checked in _translation_errors).
PER_LANGUAGE_NAMES = {"modified", "status"}


def _shared(fld) -> bool:
    if fld.name in PER_LANGUAGE_NAMES:
        return False
    return isinstance(fld, SHARED_KINDS) or getattr(fld, "same_in_both_languages", False)


def _pair_errors(item: Item, partner: Item) -> list[ContentError]:
    """Dates, ids, images and numbers are written in both files; they must agree.

    Which file is right is the editor's call: the message shows both values
    and never offers one of them as "the correct example" (it may be the typo).
    """
    errors = []
    for fld in item.ctype.fields:
        if not _shared(fld) or fld.name not in item.fields or fld.name not in partner.fields:
            continue
        mine, theirs = item.fields[fld.name], partner.fields[fld.name]
        if mine != theirs:
            shown, own = partner.doc.meta.get(fld.name), item.doc.meta.get(fld.name)
            errors.append(
                ContentError(
                    item.path,
                    fld.name,
                    f"Nilai kolom '{fld.name}' di sini ({own}) berbeda dengan berkas bahasa Indonesia {partner.path} "
                    f"({shown}). Tanggal, kode, gambar dan angka harus sama di kedua bahasa: "
                    "tulis nilai yang benar di kedua berkas.",
                    f"The value of '{fld.name}' here ({own}) differs from the Indonesian file {partner.path} ({shown}). "
                    "Dates, ids, images and numbers must be the same in both languages: write the correct value in both files.",
                    "",
                    item.doc.lines.get(fld.name),
                )
            )
    return errors


def _run_check(check, item, content) -> list[ContentError]:
    """A type's own check must explain, never crash, even on odd content."""
    try:
        return list(check(item, content))
    except Exception as exc:  # noqa: BLE001 - reported to the editor instead of a traceback
        return [
            ContentError(
                item.path,
                "",
                "Isi berkas ini tidak bisa diperiksa; periksa kembali kolom-kolomnya dengan contoh di panduan.",
                f"This file could not be checked ({getattr(check, '__name__', 'check')}: {type(exc).__name__}: {exc}); "
                "compare its fields with the guide's example.",
            )
        ]


# First path segments that belong to the site itself; a page slug may not take them.
RESERVED_SLUGS = {"en", "images", "theme", "topik", "404"}


def _address_errors(content: ContentSet) -> list[ContentError]:
    """Two files must never get the same address, nor take a section's address."""
    errors = []
    sections = set(RESERVED_SLUGS)
    for ctype in CONTENT_TYPES.values():
        prefix = ctype.url.split("{slug}", 1)[0].strip("/")
        if prefix:
            sections.add(prefix.split("/", 1)[0])
        elif ctype.kind != "page":
            sections.add(ctype.name)
    seen: dict[str, str] = {}
    # Published files first: when a draft takes a live page's address, the draft gets the (warning) message.
    for item in sorted(content.all_items, key=lambda i: i.is_draft):
        url = url_for(item.ctype, item.slug)[0]
        for lang in [item.lang] if item.lang else [""]:
            address = lang_root(lang) + url
            if address in seen:
                errors.append(
                    ContentError(
                        item.path,
                        "",
                        f"Alamat {address} sudah dipakai oleh {seen[address]}. Beri nama berkas yang lain.",
                        f"The address {address} is already used by {seen[address]}. Give the file another name.",
                        f"{item.slug}-2{'.' + item.lang if item.lang else ''}.{'md' if item.lang else 'yml'}",
                    )
                )
            else:
                seen[address] = item.path
        first = url.strip("/").split("/", 1)[0]
        if "/" not in url.strip("/") and first in sections:
            errors.append(
                ContentError(
                    item.path,
                    "",
                    f"Nama '{item.slug}' sudah dipakai untuk bagian situs /{first}/. Beri nama berkas yang lain.",
                    f"The name '{item.slug}' is taken by the site's section /{first}/. Give the file another name.",
                    f"tentang-{item.slug}.{item.lang or 'id'}.md",
                )
            )
    return errors


def _misplaced_file(rel: str) -> ContentError | None:
    top = rel.split("/", 1)[0]
    folders = ", ".join(f"content/{name}/" for name in CONTENT_TYPES)
    if "/" not in rel:
        return ContentError(
            rel,
            "",
            f"Berkas ini ada langsung di folder content/, jadi tidak akan tayang. Pindahkan ke salah satu folder: {folders}.",
            f"This file sits directly in content/ and would not be published. Move it into one of: {folders}.",
            f"content/berita/{rel}",
        )
    if top not in CONTENT_TYPES:
        guesses = closest(top.lower(), CONTENT_TYPES)
        return ContentError(
            rel,
            "",
            f"Folder '{top}' tidak dikenal. Folder konten: {', '.join(CONTENT_TYPES)}, images.",
            f"Unknown folder '{top}'. Content folders: {', '.join(CONTENT_TYPES)}, images.",
            f"content/{guesses[0] if guesses else 'berita'}/{rel.split('/', 1)[1]}",
        )
    return None


def load_content(root, extra_pages=frozenset(), load_one=load_item) -> ContentSet:
    """Read every content file below ``root``; collect items, errors and warnings.

    ``extra_pages``: URLs below each language root that templates make
    (``bodylinks.extra_pages_from(settings)``), so body links to them are valid.
    """
    root = Path(root)
    content = ContentSet(root=root)
    if not root.is_dir():
        content.errors.append(
            ContentError(str(root), "", "Folder konten tidak ditemukan. Jalankan perintah dari folder proyek.",
                         "The content folder does not exist. Run the command from the project folder.", "content/")
        )
        return content
    problems: list[ContentError] = []
    for full, rel in _walk(root):
        ctype = CONTENT_TYPES.get(rel.split("/", 1)[0]) if "/" in rel else None
        if ctype is None:
            problems.append(_misplaced_file(rel))
            continue
        item = load_one(full, rel, ctype, problems)
        if item is not None:
            content.all_items.append(item)
            continue
        name, _ = parse_name(rel, ctype)
        if name is not None:  # a well-named file whose text could not be read
            content.unreadable[(ctype.name, name.slug, name.lang)] = rel
            if declares_draft(full, ctype):
                content.draft_paths.add(rel)
    problems.extend(_reference_errors(content))
    problems.extend(_address_errors(content))
    problems.extend(body_link_errors(content, extra_pages))
    problems.extend(image_name_errors(root, content))
    problems.extend(image_size_errors(root, content))
    for problem in problems:
        if content.is_draft_path(problem.path):
            content.warnings.append(replace(problem, draft=True, warning=True))
        elif problem.warning:
            content.warnings.append(problem)
        else:
            content.errors.append(problem)
    return content


DRAFT_LINE_RE = re.compile(r"^status[ \t]*:[ \t]*[\"']?draft[\"']?[ \t]*(?:#.*)?$", re.IGNORECASE | re.MULTILINE)


def declares_draft(full: Path, ctype: ContentType) -> bool:
    """Whether an unreadable file says ``status: draft`` (then its problems are warnings)."""
    try:
        text = read_text(full)
    except (OSError, UnicodeDecodeError):
        return False
    if ctype.per_language:  # only the front matter: between the first two '---' lines
        parts = re.split(r"(?m)^---[ \t]*$", text, maxsplit=2)
        text = parts[1] if len(parts) > 2 else text
    return bool(DRAFT_LINE_RE.search(text))


_CACHE: dict = {}
# One parsed and validated file per stamp, kept across loads: after an edit
# (live preview) only the changed files are read again; the checks across
# files still run over the whole set.
_FILES: dict = {}


def _stamp(root: Path) -> tuple:
    stamps = []
    for full, rel in _walk(root):
        st = full.stat()
        stamps.append((rel, st.st_mtime_ns, st.st_size))
    images = root / "images"  # body links and image names are checked against it
    if images.is_dir():
        stamps.extend((p.as_posix(), p.stat().st_mtime_ns, 0) for p in sorted(images.rglob("*")))
    return tuple(stamps)


def _file_memo(root: Path, stamp: tuple, store=None):
    """A ``load_item`` that reuses the result for files whose stamp has not changed.

    ``store`` (``ktan_cache.content_store``) keeps results by content hash across processes.
    """
    stamps = {rel: (mtime, size) for rel, mtime, size in stamp}
    previous = _FILES.get(root, {})
    current: dict = {}
    _FILES[root] = current

    def load_one(full: Path, rel: str, ctype: ContentType, errors: list[ContentError]) -> Item | None:
        key = (rel, ctype.name, stamps.get(rel))
        if key not in previous and store is not None:
            previous[key] = store.load_item(full, rel, ctype, load_item)
        elif key not in previous:
            own: list[ContentError] = []
            previous[key] = (load_item(full, rel, ctype, own), own)
        current[key] = previous[key]
        item, own = current[key]
        errors.extend(own)
        return item

    return load_one


def load_content_cached(root, extra_pages=frozenset(), store=None) -> ContentSet:
    """``load_content`` once per set of file stamps: the check and both sub-sites share it.

    Unchanged files are not parsed again (``_file_memo``), nor, with a ``store``, in the next process.
    """
    root = Path(root).resolve()
    key = (root, frozenset(extra_pages))
    stamp = _stamp(root)
    cached = _CACHE.get(key)
    if cached and cached[0] == stamp:
        return cached[1]
    content = load_content(root, key[1], _file_memo(root, stamp, store))
    _CACHE[key] = (stamp, content)
    return content
