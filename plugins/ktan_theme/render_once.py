"""Work every page of a language repeats, done once per Jinja environment.

Each of the ~3,600 pages of a large site renders the same help bar, footer
and dozens of fixed UI strings; in Jinja every one of them is a chain of
context calls. Two helpers, both giving byte for byte what they replace:

- ``_`` (gettext) remembers a string's translation: Jinja's newstyle alias
  resolves ``gettext`` and makes two more context calls for every
  ``{{ _('…') }}`` (about 50 per page). Strings with ``%(name)s`` variables
  are formatted on each call, as Jinja does; only the translation is reused.
- ``shared_partial(name)``: a partial that uses Jinja globals only (the help
  bar, the footer, the skip link) rendered once per environment instead of
  included on every page. Whether a partial qualifies is checked, not
  assumed: one that reads any page variable (``page_path``, ``article``…)
  fails the build with a message naming the variables; include it instead.

Templates also read the environment's globals directly
(``share_environment_globals``), which halves the cost of each import and include.
"""

from __future__ import annotations

from jinja2 import Environment, meta, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

# Names the i18n extension provides at render time (installed after generator_init).
_I18N_NAMES = {"_", "gettext", "ngettext", "pgettext", "npgettext"}


class PartialUsesPageVariables(Exception):
    """A template asked to share a partial that depends on the page: a developer's mistake."""


@pass_context
def cached_gettext(context: Context, string: str, **variables):
    """Jinja's newstyle ``_``, remembering the result of calls without variables.

    The same value as Jinja's alias (which resolves ``gettext`` and calls it,
    which calls the catalogue, on every use): it is the installed ``gettext``'s
    own result, cached per gettext callable (the i18n sub-sites plugin installs
    one per language) and autoescape state. A call with ``%(name)s`` variables
    goes to ``gettext`` every time.
    """
    gettext = context.resolve("gettext")
    if variables:
        return context.call(gettext, string, **variables)
    cache = context.environment.__dict__.setdefault("_ktan_gettext_cache", {})
    key = (string, context.eval_ctx.autoescape)
    entry = cache.get(key)
    if entry is None or entry[0] is not gettext:
        entry = cache[key] = (gettext, context.call(gettext, string))
    return entry[1]


_UNDECLARED: dict[tuple[str, str], frozenset] = {}


def page_variables(env: Environment, name: str) -> set[str]:
    """The variables of template ``name`` that are neither Jinja globals nor gettext.

    Parsing is remembered by source text: Pelican makes an environment per
    generator and language, and they all parse the same partials alike.
    """
    source = env.loader.get_source(env, name)[0]
    undeclared = _UNDECLARED.get((name, source))
    if undeclared is None:
        undeclared = _UNDECLARED[name, source] = frozenset(meta.find_undeclared_variables(env.parse(source)))
    return set(undeclared) - set(env.globals) - _I18N_NAMES


def shared_partial_for(env: Environment):
    """``shared_partial(name)`` for templates rendered by ``env`` (see the module's docstring)."""
    rendered: dict = {}

    @pass_context
    def shared_partial(context: Context, name: str) -> Markup:
        key = (name, context.resolve("gettext"))
        html = rendered.get(key)
        if html is None:
            variables = page_variables(env, name)
            if variables:
                raise PartialUsesPageVariables(
                    f"{name} is rendered once per language (shared_partial) but reads {', '.join(sorted(variables))}: "
                    "include it with {% include %} instead, or make those Jinja globals."
                )
            html = rendered[key] = Markup(env.get_template(name).render())
        return html

    return shared_partial


def share_environment_globals(env: Environment) -> None:
    """Templates of ``env`` read the environment's globals dict itself, not a ChainMap over it.

    Jinja 3.1 gives each template ``ChainMap({}, env.globals)``; every
    ``{% from … import %}`` then compares the importer's global names with it
    key by key, and every include and import copies it into a dict, both
    through ChainMap's Python methods (about half of an import's cost: some
    17 µs, four to six imports per page). Pelican and our plugins never load
    a template with template-specific globals, so the ChainMap's first map is
    always empty and the dict shows the same names and values, and stays as
    live (Jinja 3.0 did the same). A template loaded *with* globals still
    gets Jinja's ChainMap.
    """
    jinja_make_globals = type(env).make_globals

    def make_globals(d):
        return env.globals if not d else jinja_make_globals(env, d)

    env.make_globals = make_globals


def install(env: Environment) -> None:
    share_environment_globals(env)
    env.globals["_"] = cached_gettext
    env.globals["shared_partial"] = shared_partial_for(env)
