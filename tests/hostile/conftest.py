"""Fixtures of the hostile-input window tests (shared with tests/recovery)."""

from recovery.windows import make_window, post_folder

__all__ = ["make_window", "post_folder"]
