"""Session dialect(s) E: the whole title is a link, then **Session description:** (cseug23)."""

from __future__ import annotations

from roundup_editor.formats.dialects.base import Dialect

#: The recognisers this module contributes, tried in this order (see dialects/__init__.py).
DIALECTS: list[Dialect] = []
