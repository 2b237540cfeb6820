"""Entry point for `python -m compare`."""

import sys

from compare.cli import main

sys.exit(main())
