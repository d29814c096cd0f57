from .stakeholders import register  # noqa: F401
