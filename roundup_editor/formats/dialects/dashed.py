"""Session dialect(s) F: ##### Title - Speaker, Role at Org (csiug25, cseug25)."""

from __future__ import annotations

from roundup_editor.formats.dialects.base import Dialect

#: The recognisers this module contributes, tried in this order (see dialects/__init__.py).
DIALECTS: list[Dialect] = []
