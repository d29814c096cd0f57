from .ktan_feeds import register  # noqa: F401
