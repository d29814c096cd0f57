from .ktan_content import register  # noqa: F401
