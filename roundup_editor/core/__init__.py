"""Core package of Roundup Editor (Qt-free)."""
