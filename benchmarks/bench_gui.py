"""Editor window figures: keystroke-to-preview latency, frames, full re-render and startup.

* ``keystroke_p95_ms_50`` / ``_6``: a key typed in a session's abstract (a real key event on the
  form's editor) until the WebEngine page's DOM is patched (the ``runJavaScript`` callback of the
  patch has returned), on a 50- and a 6-session post.
* ``full_rerender_ms_50``: rendering the whole 50-session page afresh (empty block cache) and
  loading it into the view, measured in the same run.
* ``frame_p95_ms_50``: keystroke until the first ``requestAnimationFrame`` after the patch;
  ``frame_floor_p95_ms``: the same for a bare QWebEngineView patching one constant paragraph.
* ``startup_s``: launch until the window shows the sample post with its preview loaded;
  ``startup_bare_s``: launch until a bare PySide6 window with a QWebEngineView has loaded a page.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from figures import Figure

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox --disable-gpu")

BARE_STARTUP = """
import sys
from PySide6.QtQuick import QQuickWindow, QSGRendererInterface
QQuickWindow.setGraphicsApi(QSGRendererInterface.GraphicsApi.Software)
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
view = QWebEngineView()
window.setCentralWidget(view)
view.loadFinished.connect(app.quit)
view.setHtml("<h1>Bare window</h1><p>One paragraph.</p>")
window.resize(1500, 900)
window.show()
app.exec()
"""


def _p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1] if len(samples) > 1 else samples[0]


def _wait(app: Any, done: Callable[[], bool], timeout: float = 20.0) -> None:
    """Process events until ``done()`` (a signal handler set it) or the timeout."""
    deadline = time.perf_counter() + timeout
    while not done():
        if time.perf_counter() > deadline:
            raise TimeoutError("the preview did not answer")
        app.processEvents()


def _window(folder: Path) -> Any:
    from roundup_editor.core.document import PostDocument
    from roundup_editor.core.settings import Settings
    from roundup_editor.gui.mainwindow import MainWindow

    window = MainWindow(Settings(), PostDocument.open(folder), use_webengine=True)
    window.resize(1500, 900)
    window.show()
    return window


def _post_folder(base: Path, sessions: int) -> Path:
    from support.posts import invented_post_text

    folder = base / f"2025-05-17-bench-{sessions}"
    folder.mkdir()
    (folder / "index.md").write_text(invented_post_text(sessions), encoding="utf-8")
    return folder


def _keystrokes(app: Any, window: Any, count: int) -> tuple[list[float], list[float]]:
    """Type ``count`` keys in the middle session's abstract; return patch and frame latencies."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    preview = window.preview
    _wait(app, lambda: not preview._loading, 60)
    sessions = window.document.post.sessions()
    window.select_block(sessions[len(sessions) // 2].id)
    editor = window.forms["session"].abstract
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    patched: list[int] = []
    frames: list[str] = []
    preview.patched.connect(patched.append)
    preview.view.page.frame.connect(frames.append)
    patch_ms: list[float] = []
    frame_ms: list[float] = []
    warmup = 10  # the first keystrokes warm Chromium and Python caches up; not counted
    for index in range(count + warmup):
        key = Qt.Key.Key_Space if index % 6 == 5 else Qt.Key.Key_A
        patched.clear()
        start = time.perf_counter()
        QTest.keyClick(editor, key)
        preview.flush()  # the change is queued for this event-loop turn; send it now
        preview.view.run(f"rb.frame('{index}')")
        _wait(app, lambda: bool(patched))
        patch = (time.perf_counter() - start) * 1000
        _wait(app, lambda i=index: str(i) in frames)
        if index >= warmup:
            patch_ms.append(patch)
            frame_ms.append((time.perf_counter() - start) * 1000)
    return patch_ms, frame_ms


def _floor(app: Any, count: int) -> list[float]:
    """A bare view patching one constant paragraph: latency to its next animation frame."""
    from PySide6.QtWebEngineWidgets import QWebEngineView

    from roundup_editor.gui.preview.web import PreviewPage

    view = QWebEngineView()
    page = PreviewPage(view)
    view.setPage(page)
    view.resize(700, 900)
    loaded: list[bool] = []
    page.loadFinished.connect(loaded.append)
    page.setHtml("<p id='p'>constant</p>")
    view.show()
    _wait(app, lambda: bool(loaded), 60)
    frames: list[str] = []
    page.frame.connect(frames.append)
    samples = []
    for index in range(count):
        start = time.perf_counter()
        page.runJavaScript(
            "document.getElementById('p').textContent = 'constant';"
            f"requestAnimationFrame(function () {{ console.log('rb-frame:{index}'); }});",
            0,
        )
        _wait(app, lambda i=index: str(i) in frames)
        samples.append((time.perf_counter() - start) * 1000)
    view.close()
    return samples


def _full_rerender(app: Any, window: Any, repeat: int) -> float:
    from roundup_editor.render import PageRenderer

    samples = []
    preview = window.preview
    loaded: list[bool] = []
    preview.ready.connect(lambda: loaded.append(True))
    for _ in range(repeat):
        loaded.clear()
        start = time.perf_counter()
        preview.renderer = PageRenderer()  # empty cache: every block converted again
        preview.reload()
        _wait(app, lambda: bool(loaded), 60)
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def _startup(args: list[str], repeat: int) -> float:
    env = dict(os.environ)
    samples = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as home:
            env["ROUNDUP_EDITOR_HOME"] = home
            start = time.perf_counter()
            subprocess.run(args, env=env, check=True, capture_output=True, timeout=120)
            samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def run(quick: bool) -> list[Figure]:
    """Measure the editor window's figures (WebEngine, offscreen)."""
    from PySide6.QtQuick import QQuickWindow, QSGRendererInterface

    QQuickWindow.setGraphicsApi(QSGRendererInterface.GraphicsApi.Software)
    import PySide6.QtWebEngineWidgets  # noqa: F401
    from PySide6.QtWidgets import QApplication

    from roundup_editor.gui.compat import protect_none

    protect_none()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    count = 40 if quick else 200
    with tempfile.TemporaryDirectory() as temp:
        os.environ["ROUNDUP_EDITOR_HOME"] = str(Path(temp) / "home")
        base = Path(temp)
        window_6 = _window(_post_folder(base, 6))
        patch_6, _frames_6 = _keystrokes(app, window_6, count)
        window_6.bridge.mark_saved()
        window_6.close()
        window_50 = _window(_post_folder(base, 50))
        patch_50, frames_50 = _keystrokes(app, window_50, count)
        full_ms = _full_rerender(app, window_50, 3 if quick else 10)
        window_50.bridge.mark_saved()
        window_50.close()
        floor = _floor(app, count)
    repeat = 1 if quick else 3
    python = sys.executable
    startup = _startup([python, "-m", "roundup_editor.app", "--quit-when-ready"], repeat)
    bare = _startup([python, "-c", BARE_STARTUP], repeat)
    return [
        Figure("keystroke_p95_ms_50", _p95(patch_50), "ms", "keystroke_p95_ms_6", 16, 1.3),
        Figure("keystroke_p95_ms_6", _p95(patch_6), "ms", target_max=16),
        Figure("full_rerender_ms_50", full_ms, "ms", note="whole page, empty cache, loaded"),
        Figure(
            "frame_p95_ms_50",
            _p95(frames_50),
            "ms",
            "frame_floor_p95_ms",
            target_max=_p95(floor) + 5,
            note="keystroke to first requestAnimationFrame after the patch",
        ),
        Figure("frame_floor_p95_ms", _p95(floor), "ms", note="bare view, constant paragraph"),
        Figure("startup_s", startup, "s", "startup_bare_s", ratio_max=1.5),
        Figure("startup_bare_s", bare, "s"),
    ]
