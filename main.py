"""Start Styrkort: `python main.py [--db PATH]`, the same as the `styrkort` command."""

import sys

from app.launcher import main

if __name__ == "__main__":
    sys.exit(main())
