from .substances import register  # noqa: F401
