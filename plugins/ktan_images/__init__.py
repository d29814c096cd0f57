from .ktan_images import register  # noqa: F401
