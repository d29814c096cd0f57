"""The one build pipeline: check -> Pelican (id + en) -> post-build -> swap into place."""

from .pipeline import BuildFailed, build  # noqa: F401
