from .services import register  # noqa: F401
