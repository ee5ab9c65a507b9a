"""Run image work off the GUI thread: batches of dropped images and thumbnail fetches.

:class:`ImageWork` belongs to one window. :meth:`ImageWork.process` runs images through the
pipeline with :class:`~roundup_editor.images.batch.ImageBatch` (worker processes for large drops,
a small thread pool for one or two images) and stores them in the post folder; a progress bar and
a Cancel button sit in the status bar meanwhile. When the batch ends the ``apply`` callback runs
on the GUI thread with the results, so the caller turns them into one undoable command.

Cancel keeps what is finished: images already stored when Cancel is pressed are returned (their
sessions are added), images still being processed are dropped and never written. So no file is
left in the folder without a block that shows it, and no block points to a missing file.

:meth:`ImageWork.fetch` fetches a session's thumbnail from its slides or video URL on a worker
thread (``images.fetch``) and stores it the same way. Results cross to the GUI thread through
queued signals: the event loop is never blocked waiting for a worker.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, SignalInstance
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from roundup_editor.core.document import PostDocument
from roundup_editor.core.errors import RoundupError

# ``roundup_editor.images`` (Pillow, multiprocessing, urllib) is imported on first use and by
# the warm-up thread once the preview has loaded, not while the window starts (issue 3).
if TYPE_CHECKING:
    from roundup_editor.gui.mainwindow import MainWindow
    from roundup_editor.images.batch import ImageBatch, JobResult
    from roundup_editor.images.fetch import ThumbnailFetcher
    from roundup_editor.images.pipeline import ImageOptions, ProcessedImage

#: Drops of more images than this run on worker processes; smaller ones on threads (no spawn).
PROCESS_THRESHOLD = 2

ApplyResults = Callable[[list["JobResult"], bool], None]
ApplyFetched = Callable[[str], None]


@dataclass
class BatchRun:
    """One running batch: what it works on and what to do with the results."""

    batch: ImageBatch
    document: PostDocument
    apply: ApplyResults
    label: str
    results: list[JobResult] = field(default_factory=list)


@dataclass
class FetchRun:
    """One running fetch of a session's thumbnail."""

    document: PostDocument
    folder: Path
    title: str
    apply: ApplyFetched
    image: ProcessedImage | None = None
    problem: str | None = None
    file: str | None = None


class ProgressPanel(QWidget):
    """The status bar's progress bar and Cancel button, shown while a batch runs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        """Build the (hidden) panel."""
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel("Processing images")
        self.bar = QProgressBar()
        self.bar.setAccessibleName("Image processing progress")
        self.bar.setMaximumWidth(200)
        self.bar.setTextVisible(True)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Cancel image processing")
        for widget in (self.label, self.bar, self.cancel_button):
            layout.addWidget(widget)
        self.hide()

    def begin(self, text: str, total: int) -> None:
        """Show the panel for ``total`` images."""
        self.label.setText(text)
        self.bar.setRange(0, total)
        self.bar.setValue(0)
        self.cancel_button.setEnabled(True)
        self.show()


class ImageWork(QObject):
    """Image batches and thumbnail fetches for one window, off its GUI thread.

    Signals:
        progressed: (done, total) after each image of the running batch (GUI thread).
        finished: after a batch's results were applied (or it was dropped); carries the list of
            :class:`JobResult` and whether it was cancelled.
        fetch_finished: after a fetch was applied; carries the status message shown.
    """

    progressed = Signal(int, int)
    finished = Signal(list, bool)
    fetch_finished = Signal(str)
    _batch_progress = Signal(int, int)
    _batch_done = Signal(object)
    _fetch_done = Signal(object)

    def __init__(self, window: MainWindow) -> None:
        """Work for ``window``; the progress panel goes into its status bar."""
        super().__init__(window)
        self.window = window
        self.panel = ProgressPanel()
        window.statusBar().addPermanentWidget(self.panel)
        self.panel.cancel_button.clicked.connect(self.cancel)
        self._fetcher: ThumbnailFetcher | None = None
        self.running: BatchRun | None = None
        self.fetching: FetchRun | None = None
        self._batch_progress.connect(self._on_progress)
        self._batch_done.connect(self._on_batch_done)
        self._fetch_done.connect(self._on_fetch_done)
        self.warmed = threading.Event()
        self._warming = False
        # Warm up after the preview's first load (an event-loop turn later, so a start-up
        # benchmark quitting on ``ready`` never starts it): it would compete with Chromium.
        window.preview.after_first_load(self.warm_up)

    def warm_up(self) -> None:
        """Start loading the image modules and Pillow's plugins on a thread (once)."""
        if self._warming:
            return
        self._warming = True
        threading.Thread(target=self._warm, name="pillow-warm-up", daemon=True).start()

    def _warm(self) -> None:
        """Import the pipeline and load Pillow's format plugins off the GUI thread (~100 ms).

        A failure is ignored here (say, the app quits meanwhile): the first use imports again
        on its own thread and reports it there.
        """
        try:
            with contextlib.suppress(Exception):
                from PIL import Image

                import roundup_editor.images.batch
                import roundup_editor.images.fetch  # noqa: F401

                Image.preinit()
                Image.init()
        finally:
            self.warmed.set()

    @property
    def fetcher(self) -> ThumbnailFetcher:
        """The thumbnail fetcher (made on first use: it imports urllib)."""
        if self._fetcher is None:
            from roundup_editor.images.fetch import ThumbnailFetcher

            self._fetcher = ThumbnailFetcher()
        return self._fetcher

    @fetcher.setter
    def fetcher(self, fetcher: ThumbnailFetcher) -> None:
        self._fetcher = fetcher

    # --- batches --------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        """Tell whether a batch is running."""
        return self.running is not None

    def options(self, width: int | None = None) -> ImageOptions:
        """Return the pipeline options: the settings' thumbnail width unless told otherwise."""
        from roundup_editor.images.pipeline import ImageOptions

        return ImageOptions(width=width or self.window.settings.thumbnail_width)

    def process(
        self,
        sources: Sequence[Path | bytes],
        titles: Sequence[str],
        apply: ApplyResults,
        width: int | None = None,
        label: str = "Processing images",
    ) -> bool:
        """Process and store images off the GUI thread; call ``apply`` with the results.

        Returns False (and says why) when nothing was started: no post folder, or a batch is
        already running.
        """
        folder = self.window.post_folder()
        if folder is None:
            self.window.status("Save the post first: images are stored in its folder")
            return False
        if self.running is not None:
            self.window.status("Images are still being processed: wait, or press Cancel")
            return False
        from roundup_editor.images.batch import ImageBatch, ImageJob
        from roundup_editor.images.store import ImageStore

        jobs = [
            ImageJob(source, title, _label(source, number))
            for number, (source, title) in enumerate(zip(sources, titles, strict=True), 1)
        ]
        many = len(jobs) > PROCESS_THRESHOLD
        batch = ImageBatch(
            jobs,
            store=ImageStore(folder),
            options=self.options(width),
            progress=lambda done, total, _result: self._emit(self._batch_progress, done, total),
            workers=None if many else len(jobs),
            processes=many,
        )
        run = BatchRun(batch, self.window.document, apply, label)
        self.running = run
        self.panel.begin(f"{label} ({len(jobs)})", len(jobs))
        thread = threading.Thread(target=self._work, args=(run,), name="image-work", daemon=True)
        thread.start()
        return True

    def _work(self, run: BatchRun) -> None:
        """Run the batch on this worker thread, then hand it to the GUI thread."""
        run.results = run.batch.run()
        self._emit(self._batch_done, run)

    @staticmethod
    def _emit(signal: SignalInstance, *args: object) -> None:
        """Emit from a worker thread; the window may have been closed and deleted meanwhile."""
        with contextlib.suppress(RuntimeError):
            signal.emit(*args)

    def cancel(self) -> None:
        """Cancel the running batch: finished images are kept, the others dropped."""
        if self.running is not None:
            self.running.batch.cancel()
            self.panel.cancel_button.setEnabled(False)
            self.panel.label.setText("Cancelling…")

    def _on_progress(self, done: int, total: int) -> None:
        if self.running is not None:
            self.panel.bar.setValue(done)
        self.progressed.emit(done, total)

    def _on_batch_done(self, run: BatchRun) -> None:
        if run is not self.running:
            return
        self.running = None
        self.panel.hide()
        cancelled = run.batch.cancelled
        if not self.window.isVisible():
            pass  # the window was closed meanwhile: nothing to add the images to
        elif run.document is not self.window.document:
            self.window.status("Another post was opened: the processed images were not added")
        else:
            run.apply(run.results, cancelled)
        self.finished.emit(run.results, cancelled)

    def wait(self, timeout: float | None = None) -> None:
        """Block until the running batch's workers end (for closing the window; not in tests)."""
        if self.running is not None:
            self.running.batch.wait(timeout)

    # --- fetching a thumbnail -------------------------------------------------------------

    def fetch(self, url: str, title: str, apply: ApplyFetched) -> bool:
        """Fetch the thumbnail for ``url`` off the GUI thread; ``apply(file name)`` when stored."""
        folder = self.window.post_folder()
        if folder is None:
            self.window.status("Save the post first: images are stored in its folder")
            return False
        if self.fetching is not None:
            self.window.status("A thumbnail is already being fetched")
            return False
        from roundup_editor.images.fetch import fetch_in_background
        from roundup_editor.images.store import ImageStore

        run = FetchRun(self.window.document, folder, title, apply)
        self.fetching = run

        def done(image: ProcessedImage | None, problem: str | None) -> None:
            # On the fetch thread: the file is written there too, never on the GUI thread.
            run.image, run.problem = image, problem
            if image is not None:
                try:
                    run.file = ImageStore(run.folder).store(image, run.title)
                except RoundupError as error:
                    run.problem = f"cannot store it: {error}"
            self._emit(self._fetch_done, run)

        self.window.status(f"Fetching a thumbnail from {url}…", 0)
        fetch_in_background(url, done, self.fetcher, self.options())
        return True

    def _on_fetch_done(self, run: FetchRun) -> None:
        self.fetching = None
        message: str
        if run.file is None:
            message = f"Cannot fetch a thumbnail: {run.problem}"
        elif run.document is not self.window.document or not self.window.isVisible():
            message = f"The post was closed: the fetched {run.file} was not added"
        else:
            run.apply(run.file)
            message = f"Fetched thumbnail {run.file}"
        self.window.status(message)
        self.fetch_finished.emit(message)


def _label(source: Path | bytes, number: int) -> str:
    return source.name if isinstance(source, Path) else f"dropped image {number}"


def outcome_message(results: list[JobResult], cancelled: bool, added: str) -> str:
    """Return one status-bar sentence for a batch: what was added, skipped or cancelled."""
    parts = [added] if added else []
    failed = [result for result in results if result.error is not None]
    if failed:
        first = failed[0].error or ""
        more = f" (and {len(failed) - 1} more)" if len(failed) > 1 else ""
        parts.append(f"Not added: {first}{more}")
    warnings = [warning for result in results for warning in result.warnings]
    if warnings:
        parts.append(warnings[0])
    if cancelled:
        parts.append("Cancelled: the images not finished were not added")
    return ". ".join(parts) if parts else "Nothing was added"
