"""``python -m ktan_cms``: the editor's workspace (used by ``invoke edit``)."""

import sys

from .workspace import main

if __name__ == "__main__":
    sys.exit(main())
