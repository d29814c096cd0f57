"""Pelican plugin: the services directory (/layanan/), the help page's lines, the offline copy.

- ``ServicesGenerator`` writes ``layanan/index.html`` once per language sub-site.
- Every template gets ``ktan_services`` (help lines and directory for its language).
- The help page (``content/pages/bantuan.*.md``) is rendered with ``services/help-page.html``.
- ``sw.js`` is written at the site root so its scope covers both languages.
- A service last checked more than 12 months ago is logged as a WARNING (never an
  ERROR: the page still builds, and shows "needs re-checking").
- The lines every page shows (help bar, footer, drug pages' help box) are looked
  up by role in ``SERVICES_LINES`` (role -> service file id): their numbers and
  hours come from ``content/layanan/``, never from a template or a setting.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from urllib.parse import urlsplit

from pelican import signals
from pelican.contents import Page
from pelican.generators import Generator

from ktan_content.clock import build_now
from ktan_content.state import current_content
from ktan_theme.assets import plan_assets

from . import model, offline

logger = logging.getLogger(__name__)

TYPE_NAME = "layanan"
# Role -> the service file whose number every page shows in that role.
SERVICES_LINES = {"helpline": "bnn-184", "police": "polisi-110", "ambulance": "gawat-darurat-119"}


def build_date(settings) -> dt.date:
    """The build's date in WIB (``KTAN_NOW`` freezes it, see ktan_content.clock)."""
    return build_now(settings).date()


def load_services(settings) -> list[model.Service]:
    """The services of the current content set; stale ones are logged once per content set.

    Built once per content set and build date: every generator of both
    language sub-sites asks (each has its own ``ktan_services``).
    """
    content = current_content(settings)
    today = build_date(settings)
    built = content.__dict__.setdefault("services_by_date", {})
    if today not in built:
        built[today] = tuple(
            model.from_fields(ident, item.path, item.fields, today)
            for ident, item in sorted(content.data(TYPE_NAME).items())
        )
    services = list(built[today])
    if not getattr(content, "services_warned", False):
        content.services_warned = True  # both language sub-sites share this content set
        warn_stale(services, today)
    return services


def warn_stale(services: list[model.Service], today: dt.date) -> None:
    for service in services:
        if service.stale:
            logger.warning(
                "services: content/%s: verified_on %s lebih dari 12 bulan sebelum %s; periksa ulang datanya pada "
                "sumbernya lalu perbarui tanggalnya. (EN) verified_on is more than 12 months before the build date; "
                "re-check the data against its sources and update the date. Halaman menampilkan 'perlu diperiksa ulang'.",
                service.path, service.verified_on.isoformat(), today.isoformat(),
            )


class TemplateServices:
    """What templates see as ``ktan_services``, for one language."""

    def __init__(self, settings):
        self._settings = settings
        self.lang = settings["DEFAULT_LANG"]
        self._services = None
        self._by_id = None

    @property
    def all(self) -> list[model.Service]:
        if self._services is None:
            self._services = load_services(self._settings)
        return self._services

    @property
    def by_id(self) -> dict[str, model.Service]:
        """Every page looks up its help bar's and footer's lines here: built once."""
        if self._by_id is None:
            self._by_id = {s.id: s for s in self.all}
        return self._by_id

    @property
    def help_lines(self) -> list[model.Service]:
        return model.help_lines(self.all, self.lang)

    @property
    def help_sources(self) -> list[dict]:
        """The sources of every help line, each once, for the help page's source list."""
        seen, result = set(), []
        for service in self.help_lines:
            for source in service.sources:
                key = source.get("url") or source["title"]
                if key not in seen:
                    seen.add(key)
                    result.append(source)
        return result

    def line(self, role: str) -> model.Service | None:
        """The service that plays ``role`` (SERVICES_LINES); a missing file fails the build.

        A site without any service file (small test fixtures) has no lines to show: None, no error.
        """
        ident = self._settings.get("SERVICES_LINES", SERVICES_LINES).get(role)
        by_id = self.by_id
        if not by_id:
            return None
        if ident not in by_id:
            logger.error(
                "services: peran '%s' menunjuk ke '%s', yang tidak ada di content/layanan/. (EN) The role '%s' names "
                "'%s', which is not a file in content/layanan/; fix SERVICES_LINES or restore the file.",
                role, ident, role, ident,
            )
            return None
        return by_id[ident]

    @property
    def fallback_line(self) -> model.Service | None:
        """Shown for entries whose own contact is unverified: the national help line."""
        return self.line("helpline")


def add_template_globals(generator):
    generator.env.globals["ktan_services"] = TemplateServices(generator.settings)


def use_help_template(content):
    """The help page lists the help lines from content/layanan/ above its text."""
    if (
        isinstance(content, Page)
        and getattr(content, "content_type", "") == "pages"
        and getattr(content, "slug", "") == content.settings.get("SERVICES_HELP_PAGE", "bantuan")
    ):
        content.template = "services/help-page"


class ServicesGenerator(Generator):
    """Writes the services directory of one language sub-site."""

    save_as = "layanan/index.html"
    url = "layanan/"

    def generate_context(self):
        self.services = load_services(self.settings)

    def generate_output(self, writer):
        lang = self.settings["DEFAULT_LANG"]
        listed = [s for s in self.services if s.kind in model.DIRECTORY_KINDS]
        page_url = self.settings.get("KTAN_ROOT_URL", "") + ("/" if lang == self.settings.get("KTAN_MAIN_LANG", lang) else f"/{lang}/") + self.url
        writer.write_file(
            self.save_as,
            self.get_template("services/index"),
            self.context,
            relative_urls=False,
            services=listed,
            service_groups=model.directory_groups(listed, lang),
            service_kecamatans=model.kecamatans(listed),
            service_kinds=[group.kind for group in model.directory_groups(listed, lang)],
            service_offers=[offer for offer in model.OFFER_ORDER if any(offer in s.offers for s in listed)],
            services_json_ld=model.json_ld(listed, lang, page_url),
        )


def get_generators(pelican):
    return ServicesGenerator


def write_service_worker(pelican):
    settings = pelican.settings
    root = Path(settings.get("KTAN_ROOT_OUTPUT", settings["OUTPUT_PATH"]))
    prefix = urlsplit(settings.get("KTAN_ROOT_URL", "")).path.rstrip("/")
    langs = [settings.get("KTAN_MAIN_LANG", settings["DEFAULT_LANG"]), *settings.get("I18N_SUBSITES", {})]
    assets = plan_assets(Path(settings["THEME"]) / "static")
    css = [f"{prefix}/{assets[name][0]}" for name in ("site.css", "print.css") if name in assets]
    offline.write(root, prefix, langs, settings.get("KTAN_MAIN_LANG", "id"), css)


def register():
    signals.generator_init.connect(add_template_globals)
    signals.content_object_init.connect(use_help_template)
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(write_service_worker)
