"""Roundup Editor: write event roundup posts for Docusaurus blogs."""

__version__ = "0.1.0"
