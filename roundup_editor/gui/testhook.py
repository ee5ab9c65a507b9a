"""A scripted test hook for the crash test: edits through the window's own commands.

Active only when ``ROUNDUP_EDITOR_TEST_HOOK`` names a folder holding ``script.json``::

    {"steps": [{"op": "type", "n": 1}, {"op": "add", "n": 2}, {"op": "save"},
               {"op": "batch", "n": 3, "files": ["/tmp/a.png", ...]}],
     "interval_ms": 40, "slow_io_s": 0.1, "answer": "recover"}

The recovery prompt is answered with ``answer``. Each step goes through what the widgets use:
``type`` appends `` q<n>z`` to the first session's abstract (a typing :class:`SetField`),
``add`` adds a session (``MainWindow.add_session``) titled ``Session q<n>z``, ``save`` is
File > Save, ``batch`` drops image files on the session list (the drop path). ``slow_io_s``
slows the fsync and rename of ``index.md`` so a kill can land in the middle of a save.

Every event is appended to ``report.jsonl`` in the same folder, one JSON object a line, written
at once (a SIGKILL loses nothing already reported): ``ready`` (the text and dirty state after
recovery, missing images), ``edit`` (``n`` and ``time`` after the edit is applied),
``save_start`` (the SHA-256 of the text being saved), ``save_done``, ``batch_start``,
``journal`` (each journal written) and ``done``.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from PySide6.QtCore import QMimeData, QObject, QTimer, QUrl
from PySide6.QtWidgets import QWidget

from roundup_editor.core.commands import SetField
from roundup_editor.core.post import Session
from roundup_editor.gui import recovery
from roundup_editor.gui.recovery import Choice, referenced_images

if TYPE_CHECKING:
    from roundup_editor.core.journal import JournalEntry
    from roundup_editor.gui.mainwindow import MainWindow

HOOK_VARIABLE = "ROUNDUP_EDITOR_TEST_HOOK"


def install_test_hook(window: MainWindow) -> TestHook | None:
    """Start the hook when ``ROUNDUP_EDITOR_TEST_HOOK`` is set; otherwise do nothing."""
    folder = os.environ.get(HOOK_VARIABLE)
    if not folder:
        return None
    hook = TestHook(window, Path(folder))
    window.test_hook = hook  # type: ignore[attr-defined]  # kept alive with the window
    QTimer.singleShot(0, hook.start)
    return hook


def _slow_io(delay: float) -> None:
    """Slow the fsync and rename of ``index.md`` (only in the hooked test process)."""
    real_fsync = os.fsync
    real_replace: Callable[..., None] = os.replace

    def fsync(fd: Any) -> None:
        number = fd if isinstance(fd, int) else fd.fileno()
        try:
            name = os.readlink(f"/proc/self/fd/{number}")
        except OSError:
            name = ""
        if ".index.md." in name:
            time.sleep(delay)
        real_fsync(fd)

    def replace(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
        if str(dst).endswith("index.md"):
            time.sleep(delay)
        real_replace(src, dst, *args, **kwargs)

    os.fsync = fsync
    os.replace = replace


class TestHook(QObject):
    """Runs a script of edits in the window and reports each one."""

    def __init__(self, window: MainWindow, folder: Path) -> None:
        """Read ``folder/script.json``; answer the recovery prompt as it says."""
        super().__init__(window)
        self.window = window
        self.script: dict[str, Any] = json.loads((folder / "script.json").read_text("utf-8"))
        self.report_file: IO[str] = (folder / "report.jsonl").open(
            "a", encoding="utf-8", buffering=1
        )
        self.steps: list[dict[str, Any]] = list(self.script.get("steps", []))
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(int(self.script.get("interval_ms", 40)))
        self.timer.timeout.connect(self._next)
        answer: Choice = self.script.get("answer", "recover")

        def ask(parent: QWidget, entry: JournalEntry) -> Choice:
            del parent, entry
            return answer

        recovery.ask_recovery = ask
        if self.script.get("slow_io_s"):
            _slow_io(float(self.script["slow_io_s"]))
        window.keeper.journalled.connect(lambda when: self.report("journal", when=when))

    def report(self, event: str, **values: Any) -> None:
        """Append one event to the report (line-buffered: it is in the file at once)."""
        values.setdefault("time", time.time())
        self.report_file.write(json.dumps({"event": event, **values}) + "\n")

    def start(self) -> None:
        """Report the state after recovery, then run the steps."""
        document = self.window.document
        folder = document.folder
        missing = [
            name
            for name in referenced_images(document.post)
            if folder is None or not (folder / name).is_file()
        ]
        self.report("ready", text=document.text(), dirty=document.dirty, missing=missing)
        self.timer.start()

    def _next(self) -> None:
        if not self.steps:
            self.report("done")
            return
        step = self.steps.pop(0)
        getattr(self, f"_op_{step['op']}")(step)

    def _continue(self) -> None:
        self.timer.start()

    def _ledger(self) -> Session:
        sessions = self.window.document.post.sessions()
        if sessions:
            return sessions[0]
        return self.window.add_session()

    def _op_type(self, step: dict[str, Any]) -> None:
        session = self._ledger()
        text = f"{session.abstract} q{step['n']}z".strip()
        self.window.push(SetField(session.id, "abstract", text, typing=True))
        self.report("edit", n=step["n"], kind="type")
        self._continue()

    def _op_add(self, step: dict[str, Any]) -> None:
        self.window.seal()
        session = self.window.add_session()
        self.window.push(SetField(session.id, "title", f"Session q{step['n']}z"))
        self.window.seal()
        self.report("edit", n=step["n"], kind="add")
        self._continue()

    def _op_save(self, step: dict[str, Any]) -> None:
        text = self.window.document.text().encode("utf-8")
        self.report("save_start", sha=hashlib.sha256(text).hexdigest(), tag=step.get("tag"))
        saved = self.window.files.save()
        self.report("save_done", ok=saved)
        self._continue()

    def _op_batch(self, step: dict[str, Any]) -> None:
        from roundup_editor.gui.outline import SESSIONS_GROUP

        marker = f"q{step['n']}z"
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(name) for name in step["files"]])
        self.report("batch_start", n=step["n"], tag=step.get("tag"))
        self.window.drops.drop_on_outline(mime, SESSIONS_GROUP)
        started = time.time()
        poll = QTimer(self)
        poll.setInterval(20)

        def check() -> None:
            titles = [s.title for s in self.window.document.post.sessions()]
            if any(marker in title.lower() for title in titles):
                poll.stop()
                self.report("edit", n=step["n"], kind="batch")
                self._continue()
            elif time.time() - started > 30:
                poll.stop()
                self.report("batch_failed", n=step["n"])
                self._continue()

        poll.timeout.connect(check)
        poll.start()
