from .ktan_cache import register  # noqa: F401
