"""Session dialect(s) H: bold or ###### titles over a JSX row/col grid (cccagenda23, cccagenda24)."""

from __future__ import annotations

from roundup_editor.formats.dialects.base import Dialect

#: The recognisers this module contributes, tried in this order (see dialects/__init__.py).
DIALECTS: list[Dialect] = []
