"""Entry script of the frozen app: the same command line as ``roundup-editor``."""

import multiprocessing
import sys

from roundup_editor.cli import main

if __name__ == "__main__":
    # Image batches run on spawned worker processes; a frozen app must let them start.
    multiprocessing.freeze_support()
    sys.exit(main())
