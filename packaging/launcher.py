"""Entry script of the frozen app: the same command line as ``roundup-editor``."""

import sys

from roundup_editor.cli import main

if __name__ == "__main__":
    sys.exit(main())
