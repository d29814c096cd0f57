from .events import clock_state, register  # noqa: F401  (clock_state: read by ktan_build.reuse)
