"""Session dialect(s) B C D: ## / ### headings with thumbnails or iframes (csiug24, ccc23, csiug23)."""

from __future__ import annotations

from roundup_editor.formats.dialects.base import Dialect

#: The recognisers this module contributes, tried in this order (see dialects/__init__.py).
DIALECTS: list[Dialect] = []
