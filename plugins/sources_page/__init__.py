from .sources_page import register  # noqa: F401
