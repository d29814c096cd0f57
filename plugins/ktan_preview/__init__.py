"""Live preview: rebuild through the real pipeline on save, serve, reload the browser.

As a Pelican plugin (added to ``PLUGINS`` by the preview only) it reuses the
HTML of unchanged content pages between rebuilds (``render_cache``).
"""

from .render_cache import register  # noqa: F401
