"""Session dialect(s) G, I: agenda lines with times, bold or plain (agenda24, cseug23pre)."""

from __future__ import annotations

from roundup_editor.formats.dialects.base import Dialect

#: The recognisers this module contributes, tried in this order (see dialects/__init__.py).
DIALECTS: list[Dialect] = []
