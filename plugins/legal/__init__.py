from .legal import register  # noqa: F401
