"""``python -m ui``: the same as the ``reflective-journal`` command."""

import sys

from ui.launch import main

sys.exit(main())
