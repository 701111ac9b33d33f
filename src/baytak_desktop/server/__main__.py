"""``python -m baytak_desktop.server [--data DIR] [--database-url URL] [--host H] [--port P]``."""

import sys

from baytak_desktop.server.commands import main

sys.exit(main())
