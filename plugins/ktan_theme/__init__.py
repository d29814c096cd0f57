from .ktan_theme import register  # noqa: F401
