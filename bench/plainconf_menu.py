"""The earlier baseline: plain Pelican with the default theme's menu of all pages, no pagination.

Kept as a labelled second row of the benchmark so results before issue 17
stay comparable; not the baseline the targets refer to (``plainconf.py`` says why).
"""

import runpy
from pathlib import Path

globals().update({k: v for k, v in runpy.run_path(str(Path(__file__).with_name("plainconf.py"))).items() if k.isupper()})
DEFAULT_PAGINATION = False
DISPLAY_PAGES_ON_MENU = True
