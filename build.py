#!/usr/bin/env python3
"""casecast entry point: `python build.py --help`."""

import sys

from casecast.cli import main

if __name__ == "__main__":
    sys.exit(main())
