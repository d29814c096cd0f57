from .ktan_images import register  # noqa: F401


def system_inputs(settings) -> list[str]:
    """Folders outside the project that a build reads (``ktan_build.reuse``): the share cards' fonts."""
    from .card import FONT_DIRS

    return list(FONT_DIRS)
