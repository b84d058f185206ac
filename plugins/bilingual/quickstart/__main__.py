"""`python -m pelican.plugins.bilingual.quickstart FOLDER`: the quickstart, as the script."""

import sys

from .quickstart import main

sys.exit(main())
