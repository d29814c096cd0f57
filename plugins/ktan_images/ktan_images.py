"""Pelican plugin: editors' photos as small, metadata-free derivatives; link-preview images.

- Raster originals in ``content/images/`` are never copied to the output
  (Pelican's static generator would publish them with their GPS data).
- Every ``<img>`` in a news, event or page body that points into ``/images/``
  becomes a ``<picture>`` (``markup.rewrite_images``); the first photo of a page
  loads eagerly, the others lazily.
- Templates get ``picture_html(params)`` (a news article's ``image`` on the
  article and its listing card) and ``share_image(params)`` (``og:image``:
  the page's own photo, else a card drawn for the page, else the site's card).
- Derivatives and cards live in a persistent cache (``KTAN_IMAGES_CACHE``,
  ``.cache/images``) keyed by content hash: an unchanged photo is never
  encoded again. A build without photos does no image work beyond the cards.
  Files a build uses are linked into ``<output>/images/`` when Pelican finishes.
- Cards are not drawn while a template renders: a card's URL follows from the
  digest of its text, so ``share_image`` only records the cards missing from
  the cache (3,600 cards at N = 2000). With more than one worker
  (``KTAN_WORKERS``), once ``workers.MIN_BATCH`` cards are missing, a pool is
  forked and every ``CARD_BATCH`` missing cards go to it: they are drawn on the
  core Jinja leaves idle, and when Pelican finishes only the rest is waited
  for (on all cores). One worker, a small batch or the live preview
  (``KTAN_RENDER_CACHE``: many rebuilds in one threaded process) draw them
  all in one batch when Pelican finishes, as before. Either way, each card is a
  pure function of its text: the same bytes (tested against one worker).

Pure work lives in ``derive`` (Pillow), ``markup`` (HTML) and ``card`` (share cards).
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

from jinja2 import pass_context
from markupsafe import Markup
from pelican import signals

from . import card, derive, markup

logger = logging.getLogger(__name__)

DEFAULTS = {
    "KTAN_IMAGES_CACHE": ".cache/images",
    "KTAN_IMAGES_OUTPUT_DIR": "images",
}

# Files each build needs in its output, per content folder: {output name: cache folder}.
# Kept for the process: the live preview reuses unchanged pages' HTML without
# rendering them again, and their images must still reach the new output.
NEEDED: dict[str, dict[str, str]] = {}
# The card each page shows, per content folder: {(language, output file): card name}. A card no page
# shows any more leaves NEEDED and is retired: the live preview renders a page whose title changed
# again (or reuses unchanged pages), and the old card must not stay in its output.
CARD_OF_PAGE: dict[str, dict[tuple, str]] = {}
RETIRED: dict[str, set[str]] = {}  # per content folder: card and photo files to delete from the live output
# Per content folder: the pages the current full build wrote (rendered, or reused by the live preview).
# A card whose page this build did not write (the page's file was deleted) leaves NEEDED when it ends.
WRITTEN: dict[str, set[tuple]] = {}
LINKED: dict[str, set[str]] = {}  # per images folder of an output (resolved): names already there
# Cards a build needs that are not in the cache yet, per content folder: {cache path: text}.
PENDING: dict[str, dict[Path, card.CardText]] = {}
CARD_BATCH = 16  # cards per job sent to the background pool (about 40 ms of drawing)


class _Drawing:
    """The cards of one Pelican run being drawn in the background, and which (a card is drawn once)."""

    def __init__(self, workers: int):
        from ktan_cache.workers import Background

        self.background = Background(card.draw_batch, workers)
        self.submitted: set[Path] = set()

    def submit(self, cards: dict[Path, card.CardText]) -> None:
        card.prepare_folders(cards)
        items = [(path, text, None) for path, text in cards.items()]
        for start in range(0, len(items), CARD_BATCH):
            self.background.submit(items[start:start + CARD_BATCH])
        self.submitted.update(cards)


DRAWING: _Drawing | None = None  # this run's background drawing, if any


def _cache_dir(settings) -> Path:
    return Path(settings["KTAN_IMAGES_CACHE"])


def _needed(settings) -> dict[str, str]:
    return NEEDED.setdefault(os.path.abspath(settings["PATH"]), {})


def _url(settings, name: str) -> str:
    return f"{settings.get('KTAN_ROOT_URL', '')}/{settings['KTAN_IMAGES_OUTPUT_DIR']}/{name}"


def _is_main_site(settings) -> bool:
    """The main site's run (a language sub-site of i18n_subsites runs inside it, into a sub-folder)."""
    root = settings.get("KTAN_ROOT_OUTPUT", settings["OUTPUT_PATH"])
    return os.path.abspath(settings["OUTPUT_PATH"]) == os.path.abspath(root)


def prepare(pelican):
    settings = pelican.settings
    for name, value in DEFAULTS.items():
        settings.setdefault(name, value)
    if _is_main_site(settings):
        WRITTEN[os.path.abspath(settings["PATH"])] = set()
    settings["KTAN_IMAGES_CACHE"] = os.path.abspath(settings["KTAN_IMAGES_CACHE"])
    try:  # without the font the site still builds, with a warning and no preview images
        card.find_font(card.FONT_BOLD)
        card.find_font(card.FONT_REGULAR)
    except card.FontMissing as missing:
        logger.warning("ktan_images: %s", missing)


def hide_originals(generator):
    """static_generator_finalized: raster originals stay out of the output (derivatives replace them)."""
    for files in (generator.staticfiles, generator.context.get("staticfiles")):
        if isinstance(files, list):
            files[:] = [f for f in files if not derive.is_raster(f.source_path)]


def photo_set(settings, path: str) -> derive.PhotoSet | None:
    """Derivatives of ``images/…`` (below content/), registered for the output; None if not a photo."""
    source = Path(settings["PATH"]) / path
    if not derive.is_raster(path) or not source.is_file():
        return None
    photo = derive.derive(source, _cache_dir(settings))
    needed = _needed(settings)
    for variant in photo.variants:
        needed[variant.name] = photo.folder
    return photo


def _picture(settings, path: str, alt: str, eager: bool, sizes: str = markup.SIZES, css_class: str = "") -> str | None:
    photo = photo_set(settings, path)
    if photo is None:
        return None
    return markup.picture(photo, alt, lambda name: _url(settings, name), eager, sizes, css_class)


def _page_url(settings, item) -> str:
    main = settings.get("KTAN_MAIN_LANG", settings["DEFAULT_LANG"])
    root = "/" if item.lang == main else f"/{item.lang}/"
    return root + item.url


def rewrite_item(settings, item, again: bool = False) -> None:
    """Turn the body's <img> tags into <picture>s (once per object; ``again`` after its text was replaced).

    Also called by the live preview's quick path (``ktan_preview.render_cache``), which
    replaces a body without running Pelican.
    """
    if (getattr(item, "_ktan_images_done", False) and not again) or not getattr(item, "_content", None):
        return
    item._ktan_images_done = True
    if item.metadata.get("status") == "draft" or "/images/" not in item._content:
        return
    has_hero = bool(item.metadata.get("image"))
    item._content = markup.rewrite_images(
        item._content, _page_url(settings, item),
        lambda path, alt, eager: _picture(settings, path, alt, eager),
        first_eager=not has_hero,
    )
    item._content = markup.rewrite_photo_links(item._content, _page_url(settings, item),
                                               lambda path: _largest_url(settings, path))


def _largest_url(settings, path: str) -> str | None:
    photo = photo_set(settings, path)
    if photo is None:
        return None
    return _url(settings, photo.of(photo.fallback_format)[-1].name)


def process_bodies(generator):
    """article/page_generator_finalized: every body <img> into /images/ becomes a <picture>."""
    # Published items only: a draft's photos must not reach the output either.
    for name in ("articles", "translations", "pages", "hidden_pages", "hidden_translations"):
        for item in getattr(generator, name, None) or []:
            rewrite_item(generator.settings, item)


def add_template_helpers(generator):
    settings = generator.settings

    def picture_html(params: dict) -> Markup:
        """params: src ('images/x.jpg'), alt, eager (bool), sizes, class."""
        if not params.get("src"):
            return Markup("")
        html = _picture(settings, params["src"], params.get("alt", ""), bool(params.get("eager")),
                        params.get("sizes") or markup.SIZES, params.get("class", ""))
        return Markup(html or "")

    @pass_context
    def share_image(page, params: dict) -> dict | None:
        """og:image for a page. params: image, image_alt (the page's photo), title, help (card text), card (bool).

        The page's own photo when it has one; else a card drawn for its title
        (``card`` true) or the site's card; None when no font is installed.
        """
        if params.get("image"):
            source = Path(settings["PATH"]) / params["image"]
            if derive.is_raster(params["image"]) and source.is_file():
                variant, folder = derive.og_image(source, _cache_dir(settings))
                _needed(settings)[variant.name] = folder
                return {"url": _url(settings, variant.name), "width": variant.width, "height": variant.height,
                        "alt": params.get("image_alt") or "", "type": "image/jpeg"}
        if not card.font_available():
            return None
        site_name = settings["SITENAME"]
        title = params.get("title") if params.get("card") else ""
        # A page's card: its title under the site's name; the site's card: the site's name alone.
        text = card.CardText(title or site_name, site_name if title else "", params.get("help", ""))
        path = card.card_path(text, _cache_dir(settings))
        if not _being_drawn(path) and not path.is_file():
            _missing(settings, path, text)
        name = f"kartu-{path.name}"
        _needed(settings)[name] = str(path.parent) + "|" + path.name
        _shows_card(settings, (settings["DEFAULT_LANG"], page.get("output_file")), name)
        alt = ". ".join(part for part in (text.title, text.site_name, text.help_line) if part)
        return {"url": _url(settings, name), "width": derive.OG_SIZE[0], "height": derive.OG_SIZE[1],
                "alt": alt, "type": "image/jpeg"}

    generator.env.globals.update(
        picture_html=picture_html,
        share_image=share_image,
    )


def _shows_card(settings, page: tuple, name: str) -> None:
    """Record that ``page`` shows card ``name``; the card it showed before may be shown nowhere any more."""
    if page[1] is None:
        return
    shown = CARD_OF_PAGE.setdefault(os.path.abspath(settings["PATH"]), {})
    before, shown[page] = shown.get(page), name
    if before is not None and before != name:
        _card_left_a_page(settings, shown, before)


def _card_left_a_page(settings, shown: dict, name: str) -> None:
    """A card no page shows any more leaves NEEDED and the live output (``publish_to``)."""
    if name not in shown.values():
        _needed(settings).pop(name, None)
        RETIRED.setdefault(os.path.abspath(settings["PATH"]), set()).add(name)


def note_written(path, context) -> None:
    """content_written: this full build wrote (or reused) the page ``context['output_file']``."""
    written = WRITTEN.get(os.path.abspath(context.get("PATH", "")))
    if written is not None and context.get("output_file"):
        written.add((context.get("DEFAULT_LANG"), context["output_file"]))


def _forget_unwritten_pages(settings) -> None:
    """The cards of pages this full build did not write (their files were deleted) are shown there no more."""
    root = os.path.abspath(settings["PATH"])
    written, shown = WRITTEN.pop(root, None), CARD_OF_PAGE.get(root)
    if written is None or not shown:
        return
    for page in [page for page in shown if page not in written]:
        _card_left_a_page(settings, shown, shown.pop(page))


def retire_unused_photos(settings, content) -> None:
    """Derivatives of photos no item of ``content`` uses leave NEEDED and the live output (``publish_to``).

    For the live preview: a one-off build lists only what it renders, but the
    preview's list lives as long as its process (reused pages never list their
    photos again), and an edit can replace or delete a photo (``ktan_preview.replay``).
    """
    from ktan_content.bodylinks import image_users

    root = Path(settings["PATH"])
    used = {derive.folder_of(root / path, _cache_dir(settings)) for path in image_users(content)
            if derive.is_raster(path) and (root / path).is_file()}
    needed = _needed(settings)
    retired = RETIRED.setdefault(os.path.abspath(settings["PATH"]), set())
    for name, where in list(needed.items()):
        if "|" not in where and where not in used:  # a photo's derivative (a card's entry is "folder|file")
            del needed[name]
            retired.add(name)


def publish_files(pelican):
    """finalized: draw the missing cards, link (or copy) the files this build uses into <output>/images/.

    Once, for the main site: a language sub-site (i18n_subsites) finishes inside
    the main site's run, and the main site's turn covers both languages'
    files (they are kept per content folder), in one batch of cards.
    """
    settings = pelican.settings
    if not _is_main_site(settings):
        return
    _forget_unwritten_pages(settings)
    if settings.get("KTAN_RENDER_CACHE"):
        from ktan_content.state import current_content

        retire_unused_photos(settings, current_content(settings))
    publish_to(settings, Path(settings.get("KTAN_ROOT_OUTPUT", settings["OUTPUT_PATH"])))


def _drawing() -> _Drawing | None:
    """This run's background drawing; forgotten once stopped (a failed build's, see ``stop_background``)."""
    global DRAWING
    if DRAWING is not None and DRAWING.background.stopped:
        DRAWING = None
    return DRAWING


def _being_drawn(path: Path) -> bool:
    drawing = _drawing()
    return drawing is not None and path in drawing.submitted


def _overlaps(settings) -> bool:
    from ktan_cache.workers import can_fork, worker_count

    return can_fork(worker_count(settings)) and not settings.get("KTAN_RENDER_CACHE")


def _missing(settings, path: Path, text: card.CardText) -> None:
    """Record a card to draw; send the recorded ones to the background pool when it pays."""
    global DRAWING
    from ktan_cache.workers import MIN_BATCH, worker_count

    pending = PENDING.setdefault(os.path.abspath(settings["PATH"]), {})
    pending[path] = text
    drawing = _drawing()
    if len(pending) < (CARD_BATCH if drawing else MIN_BATCH) or not _overlaps(settings):
        return
    if drawing is None:  # forked here, once: before most of the rendering
        drawing = DRAWING = _Drawing(worker_count(settings))
    drawing.submit(pending)
    pending.clear()


def draw_cards(settings) -> int:
    """Draw the cards recorded since the last call, wait for those drawn in the background; return how many."""
    global DRAWING
    from ktan_cache.workers import worker_count

    pending = PENDING.pop(os.path.abspath(settings["PATH"]), {})
    drawing = _drawing()
    if drawing is None:
        return card.draw_missing(pending, worker_count(settings)) if pending else 0
    DRAWING = None
    drawing.submit({path: text for path, text in pending.items() if not path.is_file()})
    drawn = sum(drawing.background.wait())
    derive.ENCODES["count"] += drawn  # counted here: a worker's count dies with it
    return drawn


def publish_to(settings, root_output: Path) -> None:
    draw_cards(settings)
    needed = _needed(settings)
    target = Path(root_output) / settings["KTAN_IMAGES_OUTPUT_DIR"]
    if not target.is_dir():
        LINKED.pop(os.path.realpath(target), None)
    linked = LINKED.setdefault(os.path.realpath(target), set())  # the live preview publishes into one release often
    for name in RETIRED.pop(os.path.abspath(settings["PATH"]), set()) - needed.keys():
        (target / name).unlink(missing_ok=True)
        linked.discard(name)
    if not needed:
        return
    target.mkdir(parents=True, exist_ok=True)
    for name, where in needed.items():
        if name in linked:
            continue
        folder, _, cached_name = where.partition("|")
        source = Path(folder) / (cached_name or name)
        destination = target / name
        if not source.is_file():
            continue
        if destination.exists():
            linked.add(name)
            continue
        try:
            os.link(source, destination)
        except OSError:
            shutil.copyfile(source, destination)
        linked.add(name)


def register():
    signals.initialized.connect(prepare)
    signals.static_generator_finalized.connect(hide_originals)
    signals.article_generator_finalized.connect(process_bodies)
    signals.page_generator_finalized.connect(process_bodies)
    signals.generator_init.connect(add_template_helpers)
    signals.content_written.connect(note_written)
    signals.finalized.connect(publish_files)
