"""``python -m roundup_editor``: the same as the ``roundup-editor`` command."""

import sys

from roundup_editor.cli import main

sys.exit(main())
