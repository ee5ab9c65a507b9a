"""Fixtures of the recovery tests (see windows.py)."""

from recovery.windows import make_window, post_folder

__all__ = ["make_window", "post_folder"]
