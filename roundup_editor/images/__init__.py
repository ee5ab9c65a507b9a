"""Images, Qt-free: the pipeline, safe storage, PDF pages, thumbnail fetching and batches."""
