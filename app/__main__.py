"""`python -m app` runs brum-config, as the `brum-config` command does."""

import sys

from app.cli import main

sys.exit(main())
