"""Dialogs, one per module; they collect values and return them, leaving the model alone."""
