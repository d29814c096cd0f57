"""Pelican plugin: what every template needs (dates, asset URLs, language roots).

Registers Jinja filters and globals on each generator, compiles the gettext
catalogues, and writes the fingerprinted asset bundle once for both
language sub-sites.
"""

from __future__ import annotations

import logging
from pathlib import Path

from pelican import signals

from . import dates, render_once
from .assets import plan_assets, write_assets
from .catalogs import compile_catalogs

logger = logging.getLogger(__name__)

_ASSETS: dict = {}


def _assets_for(theme: str) -> dict:
    static = Path(theme) / "static"
    stamp = tuple((p.as_posix(), p.stat().st_mtime_ns) for p in sorted(static.rglob("*")) if p.is_file())
    cached = _ASSETS.get(theme)
    if cached is None or cached[0] != stamp:
        cached = (stamp, plan_assets(static))
        _ASSETS[theme] = cached
    return cached[1]


def prepare(pelican):
    """Record the main site's root (sub-sites copy these settings) and compile catalogues."""
    settings = pelican.settings
    settings.setdefault("KTAN_ROOT_URL", settings["SITEURL"])
    settings.setdefault("KTAN_ROOT_OUTPUT", settings["OUTPUT_PATH"])
    settings.setdefault("KTAN_MAIN_LANG", settings["DEFAULT_LANG"])
    compiled = compile_catalogs(Path(settings["THEME"]) / "translations")
    for path in compiled:
        logger.debug("ktan_theme: compiled %s", path)


def lang_root(settings, lang: str) -> str:
    """URL of a language's home, ending in '/': '/' for id, '/en/' for en."""
    root = settings["KTAN_ROOT_URL"]
    if lang == settings["KTAN_MAIN_LANG"]:
        return root + "/"
    return f"{root}/{lang}/"


def add_template_helpers(generator):
    settings = generator.settings
    lang = settings["DEFAULT_LANG"]
    assets = _assets_for(settings["THEME"])
    root = settings["KTAN_ROOT_URL"]

    def asset_url(name: str) -> str:
        return f"{root}/{assets[name][0]}"

    env = generator.env
    render_once.install(env)
    env.globals.update(
        asset_url=asset_url,
        lang_root=lambda other: lang_root(settings, other),
        site_langs=[settings["KTAN_MAIN_LANG"], *settings.get("I18N_SUBSITES", {})],
        current_lang=lang,
    )
    env.filters.update(
        long_date=lambda value: dates.long_date(value, lang),
        short_date=lambda value: dates.short_date(value, lang),
        time_wib=lambda value: dates.time_wib(value, lang),
        iso_datetime=dates.iso_datetime,
        in_lang=lambda value: value.get(lang) or value.get(settings["KTAN_MAIN_LANG"], "") if isinstance(value, dict) else value,
    )


def write_bundle(pelican):
    write_assets(_assets_for(pelican.settings["THEME"]), Path(pelican.settings["KTAN_ROOT_OUTPUT"]))


def register():
    signals.initialized.connect(prepare)
    signals.generator_init.connect(add_template_helpers)
    signals.finalized.connect(write_bundle)
