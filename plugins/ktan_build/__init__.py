"""The one build pipeline: check -> Pelican (id + en) -> post-build -> release (atomic symlink switch)."""

from .pipeline import BuildFailed, BuildResult, build  # noqa: F401
