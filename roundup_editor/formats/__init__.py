"""Formats package of Roundup Editor (Qt-free)."""
