"""ktan_theme.render_once: the same bytes as Jinja's own gettext and include, computed once."""

import gettext

import pytest
from jinja2 import DictLoader, Environment

from ktan_theme.render_once import PartialUsesPageVariables, install

TEMPLATES = {
    "page.html": (
        "{{ _('Hello') }}|{{ _('100%% sure') }}|{{ _('Call %(number)s', number=number) }}|"
        "{% for i in [1, 2] %}{{ _('Hello') }}{% endfor %}"
    ),
    "with-include.html": "<p>{{ page_path }}</p>\n{% include 'partials/bar.html' %}\n<b>end</b>\n",
    "with-shared.html": "<p>{{ page_path }}</p>\n{{ shared_partial('partials/bar.html') -}}\n<b>end</b>\n",
    "partials/bar.html": "<aside>{{ _('Hello') }} {{ site_word }}</aside>\n",
    "partials/reads-page.html": "<aside>{{ page_path }}</aside>",
    "uses-page.html": "{{ shared_partial('partials/reads-page.html') }}",
}


class Indonesian(gettext.NullTranslations):
    def gettext(self, message):
        return {"Hello": "Halo", "100%% sure": "100%% yakin", "Call %(number)s": "Telepon %(number)s"}.get(message, message)


def environment(fast: bool, translations=None) -> Environment:
    env = Environment(loader=DictLoader(TEMPLATES), extensions=["jinja2.ext.i18n"], trim_blocks=True,
                      lstrip_blocks=True)
    env.globals["site_word"] = "KTAN"
    if fast:
        install(env)
    env.install_gettext_translations(translations or Indonesian(), newstyle=True)  # as i18n_subsites does, later
    return env


def test_cached_gettext_gives_what_jinja_gives():
    expected = environment(fast=False).get_template("page.html").render(number="184")
    env = environment(fast=True)
    assert expected == "Halo|100% yakin|Telepon 184|HaloHalo"
    assert env.get_template("page.html").render(number="184") == expected
    assert env.get_template("page.html").render(number="110") == expected.replace("184", "110")


def test_cached_gettext_follows_a_newly_installed_catalogue():
    env = environment(fast=True)
    assert env.get_template("page.html").render(number="1").startswith("Halo|")
    env.install_gettext_translations(gettext.NullTranslations(), newstyle=True)
    assert env.get_template("page.html").render(number="1").startswith("Hello|100% sure|Call 1|")


def test_shared_partial_is_byte_for_byte_an_include():
    env = environment(fast=True)
    included = env.get_template("with-include.html").render(page_path="mitra/")
    assert included == "<p>mitra/</p>\n<aside>Halo KTAN</aside><b>end</b>"
    assert env.get_template("with-shared.html").render(page_path="mitra/") == included
    assert env.get_template("with-shared.html").render(page_path="x/") == included.replace("mitra/", "x/")


def test_a_partial_that_reads_the_page_cannot_be_shared():
    env = environment(fast=True)
    with pytest.raises(PartialUsesPageVariables, match="page_path"):
        env.get_template("uses-page.html").render(page_path="mitra/")


def test_templates_see_globals_added_after_they_were_loaded():
    env = environment(fast=True)
    template = env.get_template("with-include.html")
    env.globals["site_word"] = "Jember"  # e.g. gettext, installed by i18n_subsites after templates exist
    assert template.render(page_path="") == "<p></p>\n<aside>Halo Jember</aside><b>end</b>"
    assert env.get_template("partials/bar.html").globals is env.globals
