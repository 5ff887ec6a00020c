"""``python -m vizkit``: the same as the ``vizkit`` command."""

import sys

from vizkit.cli import main

sys.exit(main())
