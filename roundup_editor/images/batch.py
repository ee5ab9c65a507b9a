"""Process many dropped images at once: all cores, off the caller's thread, progress and cancel.

A batch runs its jobs on a pool of worker processes (spawned, one per core): Pillow holds the GIL
in parts of the work (colour counts, conversions), so with threads the caller's thread (the GUI)
stalled for up to ~90 ms; with processes it does not, and the batch is faster too. A thread pool
is available (``processes=False``). One coordinating thread, never the caller's, collects the
results, stores them through an :class:`ImageStore` and reports progress::

    batch = ImageBatch(jobs, store=ImageStore(folder), progress=on_progress)
    batch.start()          # returns at once
    ...
    batch.cancel()         # jobs not started yet are dropped
    results = batch.wait()

``progress(done, total, result)`` is called from the coordinating thread: a GUI forwards it to
its own thread (a queued signal) and never blocks in it.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import (
    FIRST_COMPLETED,
    Executor,
    Future,
    ProcessPoolExecutor,
    ThreadPoolExecutor,
    wait,
)
from dataclasses import dataclass, field
from pathlib import Path

from roundup_editor.core.errors import RoundupError
from roundup_editor.images.pdf import is_pdf, process_pdf
from roundup_editor.images.pipeline import ImageOptions, ProcessedImage, process_image
from roundup_editor.images.store import ImageStore


@dataclass
class ImageJob:
    """One image to process: a file (or its bytes) and the title its file name comes from."""

    source: Path | bytes
    title: str
    label: str | None = None


@dataclass
class JobResult:
    """What became of one job: the stored file name, or one sentence saying why not."""

    index: int
    job: ImageJob
    file: str | None = None
    image: ProcessedImage | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Tell whether the image was processed (and stored, when the batch has a store)."""
        return self.error is None


ProgressCallback = Callable[[int, int, JobResult], None]


def process_any(
    source: Path | bytes, options: ImageOptions, label: str | None = None
) -> ProcessedImage:
    """Process an image file or a PDF (its first page), told apart by content."""
    if isinstance(source, Path):
        if source.suffix.lower() == ".pdf":
            return process_pdf(source, options, label)
        try:
            with source.open("rb") as stream:
                head = stream.read(1024)
        except OSError:
            head = b""
        if is_pdf(head):
            return process_pdf(source, options, label)
        return process_image(source, options, label)
    if is_pdf(source[:1024]):
        return process_pdf(source, options, label)
    return process_image(source, options, label)


#: How much lower than the app's the workers' CPU priority is: the GUI thread wins the CPU.
WORKER_NICENESS = 3


def background_priority() -> None:
    """Lower the calling worker process's CPU priority (POSIX only; elsewhere a no-op)."""
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(WORKER_NICENESS)


class ImageBatch:
    """A set of image jobs run on a worker pool, with progress callbacks and cancel."""

    def __init__(
        self,
        jobs: Sequence[ImageJob],
        store: ImageStore | None = None,
        options: ImageOptions | None = None,
        progress: ProgressCallback | None = None,
        workers: int | None = None,
        processes: bool = True,
    ) -> None:
        self.jobs = list(jobs)
        self.store = store
        self.options = options or ImageOptions()
        self.progress = progress
        self.workers = max(1, workers or os.cpu_count() or 1)
        self.processes = processes
        self.results: list[JobResult] = []
        self._cancel = threading.Event()
        self._finished = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def cancelled(self) -> bool:
        """Tell whether :meth:`cancel` was called."""
        return self._cancel.is_set()

    @property
    def finished(self) -> bool:
        """Tell whether the batch has ended (all done, or cancelled and wound down)."""
        return self._finished.is_set()

    def start(self) -> None:
        """Run the batch on a background thread and return at once."""
        if self._thread is not None:
            raise RuntimeError("the batch was already started")
        self._thread = threading.Thread(target=self.run, name="image-batch", daemon=True)
        self._thread.start()

    def cancel(self) -> None:
        """Stop the batch: jobs not started are dropped; running ones finish but are not stored."""
        self._cancel.set()

    def wait(self, timeout: float | None = None) -> list[JobResult]:
        """Wait for the batch to end; return the results in job order."""
        self._finished.wait(timeout)
        return self.results

    def _executor(self) -> Executor:
        if self.processes:
            # spawn, never fork: forking a process that runs Qt (or any threads) is unsafe.
            context = multiprocessing.get_context("spawn")
            return ProcessPoolExecutor(
                max_workers=self.workers, mp_context=context, initializer=background_priority
            )
        return ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="image")

    def run(self) -> list[JobResult]:
        """Run every job (on the calling thread's watch); return the results in job order."""
        results: dict[int, JobResult] = {}
        total = len(self.jobs)
        executor = self._executor()
        pending: dict[Future[ProcessedImage], int] = {}
        next_job = 0
        done = 0
        try:
            while (next_job < total or pending) and not self._cancel.is_set():
                # Keep the pool busy but not flooded: memory stays bounded, cancel stays quick.
                while next_job < total and len(pending) < self.workers * 2:
                    job = self.jobs[next_job]
                    future = executor.submit(process_any, job.source, self.options, job.label)
                    pending[future] = next_job
                    next_job += 1
                finished, _running = wait(list(pending), timeout=0.1, return_when=FIRST_COMPLETED)
                for future in finished:
                    index = pending.pop(future)
                    result = self._collect(index, future)
                    results[index] = result
                    done += 1
                    if self.progress is not None:
                        self.progress(done, total, result)
        except Exception as error:  # the pool itself failed (cannot start workers...)
            for index, job in enumerate(self.jobs):
                if index not in results:
                    results[index] = JobResult(
                        index, job, error=f"the image workers failed: {error}"
                    )
        finally:
            executor.shutdown(wait=True, cancel_futures=True)
            self.results = [results[index] for index in sorted(results)]
            self._finished.set()
        return self.results

    def _collect(self, index: int, future: Future[ProcessedImage]) -> JobResult:
        job = self.jobs[index]
        result = JobResult(index, job)
        try:
            image = future.result()
        except RoundupError as error:
            result.error = str(error)
            return result
        except Exception as error:  # a worker must never take the batch down
            result.error = f"{job.label or job.title}: unexpected error ({error})"
            return result
        result.image = image
        result.warnings = list(image.warnings)
        if self.store is not None and not self._cancel.is_set():
            try:
                result.file = self.store.store(image, job.title)
            except RoundupError as error:
                result.error = str(error)
        return result
