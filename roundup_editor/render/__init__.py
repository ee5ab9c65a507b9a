"""Preview rendering, Qt-free.

``render.markdown``: Markdown -> HTML per block, with a cache; ``render.page``: the page shell;
``render.offload``: the start-up helper process. Nothing is imported here, so the helper process
loads Python-Markdown without the model and the dialects.
"""
