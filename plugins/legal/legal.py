"""Pelican plugin: legal provisions written once (content/hukum/), rendered everywhere.

- ``ktan_law`` in every template: ``ktan_law.many(ids)`` gives the provisions
  a page names (drug pages and pages by their ``law:`` field; the services
  lead by ids in its template); ``components/law-provisions.html`` renders them.
- ``LegalGenerator`` writes ``/hukum/`` (and ``/en/hukum/``): every provision
  with its status, summary, sources and check date.
- Unknown ids in content are rejected by the content check (``law`` is an
  ``IdList`` with ``refers_to="hukum"``); an unknown id in a template is
  logged as an ERROR, which fails the build.
- A provision checked more than ``LEGAL_STALE_AFTER_DAYS`` ago is a WARNING
  (the page still builds and shows "needs re-checking").
"""

from __future__ import annotations

import logging

from pelican import signals
from pelican.generators import Generator

from ktan_content.clock import build_now
from ktan_content.state import current_content

from . import model

logger = logging.getLogger(__name__)

TYPE_NAME = "hukum"
DEFAULTS = {
    "LEGAL_INDEX_URL": "hukum/",
    "LEGAL_STALE_AFTER_DAYS": 183,  # the law on drugs changed twice in 2026's first week: re-check twice a year
}


def setting(settings, name):
    return settings.get(name, DEFAULTS[name])


def load_provisions(settings) -> dict[str, model.Provision]:
    """The provisions of the current content set by id; stale ones are logged once per content set."""
    content = current_content(settings)
    today = build_now(settings).date()
    max_age = setting(settings, "LEGAL_STALE_AFTER_DAYS")
    provisions = {
        ident: model.from_fields(ident, item.path, item.fields, today, max_age)
        for ident, item in sorted(content.data(TYPE_NAME).items())
    }
    warned = content.__dict__.setdefault("legal_warned", set())  # both language sub-sites share this content set
    if (today, max_age) not in warned:
        warned.add((today, max_age))
        for p in provisions.values():
            if p.stale:
                logger.warning(
                    "legal: content/%s: verified_on %s lebih dari %d hari sebelum %s; periksa ulang pasal ini pada "
                    "sumbernya lalu perbarui tanggalnya. (EN) verified_on is more than %d days before the build date; "
                    "re-check the provision against its sources and update the date. Halaman menampilkan 'perlu diperiksa ulang'.",
                    p.path, p.verified_on.isoformat(), max_age, today.isoformat(), max_age,
                )
    return provisions


class TemplateLaw:
    """What templates see as ``ktan_law``."""

    def __init__(self, settings):
        self._settings = settings
        self._by_id = None

    @property
    def by_id(self) -> dict[str, model.Provision]:
        if self._by_id is None:
            self._by_id = load_provisions(self._settings)
        return self._by_id

    @property
    def index_url(self) -> str:
        return setting(self._settings, "LEGAL_INDEX_URL")

    def many(self, ids) -> list[model.Provision]:
        """The provisions named by ``ids``; an unknown id fails the build (a site without content/hukum/ has none)."""
        if not self.by_id:
            return []
        found, unknown = model.resolve(ids, self.by_id)
        for ident, guesses in unknown:
            logger.error(
                "legal: kode pasal '%s' tidak ada di content/hukum/ (dipakai di templat). (EN) Unknown provision id '%s' "
                "in a template.%s", ident, ident, f" Closest: {', '.join(guesses)}." if guesses else "",
            )
        return found

    def get(self, ident):
        found = self.many([ident])
        return found[0] if found else None


def add_template_globals(generator):
    generator.env.globals["ktan_law"] = TemplateLaw(generator.settings)


class LegalGenerator(Generator):
    """Writes the list of provisions of one language sub-site."""

    def generate_context(self):
        self.provisions = list(load_provisions(self.settings).values())

    def generate_output(self, writer):
        url = setting(self.settings, "LEGAL_INDEX_URL")
        writer.write_file(
            url + "index.html",
            self.get_template("hukum/index"),
            self.context,
            relative_urls=False,
            provision_groups=model.grouped(self.provisions),
        )


def get_generators(pelican):
    return LegalGenerator


def register():
    signals.generator_init.connect(add_template_globals)
    signals.get_generators.connect(get_generators)
