"""The GUI entry point: arguments, QApplication, core objects, the main window.

``main(argv)`` builds Settings and the PostDocument and hands them to the window (no global
singletons). ``--screenshot OUT.png`` waits for the preview to finish loading (a signal), then
for the page's next painted frame, saves a picture of the window and exits.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path


def _parse(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="roundup-editor", description="Roundup Editor")
    parser.add_argument("path", nargs="?", help="a post folder or its index.md")
    parser.add_argument("--screenshot", metavar="OUT.png", help="save a window screenshot, exit")
    parser.add_argument(
        "--no-webengine", action="store_true", help="preview with QTextBrowser instead"
    )
    parser.add_argument("--size", default="1500x900", help="window size for screenshots")
    parser.add_argument("--quit-when-ready", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--session", type=int, default=0, metavar="N", help="select the Nth session at start"
    )
    return parser.parse_args(list(argv))


def _prepare_environment(screenshot: bool) -> None:
    """Set what WebEngine needs here, before Qt is imported (never overriding the user)."""
    flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
    if hasattr(os, "geteuid") and os.geteuid() == 0 and "--no-sandbox" not in flags:
        os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = (flags + " --no-sandbox").strip()
    if screenshot and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _software_quick() -> None:
    """Offscreen there is no OpenGL: let WebEngine's view composite in software (grab works)."""
    from PySide6.QtQuick import QQuickWindow, QSGRendererInterface

    QQuickWindow.setGraphicsApi(QSGRendererInterface.GraphicsApi.Software)


def main(argv: Sequence[str] | None = None) -> int:
    """Start the window; return the exit status."""
    args = _parse(sys.argv[1:] if argv is None else argv)
    # Start-up builds some hundred thousand long-lived objects (modules, Qt types, the post)
    # and no garbage worth a collector pass: the passes would cost about 30 ms. Collection
    # starts again once the window is ready, with the start-up objects frozen (never scanned).
    gc.disable()
    try:
        return _run(args)
    finally:
        _collect_again()


#: The garbage collector comes back this long after start-up even if the preview never loads.
_COLLECT_AGAIN_MS = 15000


def _collect_again() -> None:
    """Turn the garbage collector back on (once), leaving the start-up objects out of it."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def _run(args: argparse.Namespace) -> int:
    """Build the application and the window for ``args``; run it; return the exit status."""
    _prepare_environment(bool(args.screenshot))
    _import_core()
    from roundup_editor.core.document import PostDocument
    from roundup_editor.core.errors import RoundupError
    from roundup_editor.core.settings import Settings
    from roundup_editor.render.offload import start_conversion
    from roundup_editor.render.page import PageRenderer
    from roundup_editor.resources import sample_document

    settings = Settings.load()
    try:
        document = PostDocument.open(Path(args.path)) if args.path else sample_document()
    except RoundupError as error:
        print(f"roundup-editor: {error}", file=sys.stderr)
        return 2
    renderer = PageRenderer()
    # The first page's Markdown converts in a helper process while PySide6 is imported here.
    conversion = start_conversion(renderer.uncached_markdown(document.post))
    from roundup_editor.gui.preview import webengine_available

    use_webengine = webengine_available() and not args.no_webengine
    if use_webengine:
        if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
            _software_quick()
        import PySide6.QtWebEngineWidgets  # noqa: F401  (must come before QApplication)
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from roundup_editor.gui.compat import protect_none, skip_feature_scan

    protect_none()
    skip_feature_scan()
    app = QApplication.instance() or QApplication([sys.argv[0]])
    if conversion is not None:
        renderer.cache.update(conversion.result() or {})  # else the window converts here
    if use_webengine:  # Chromium loads the first page while the window's modules are imported
        from roundup_editor.gui.preview.warm import preload, start_engine

        rendered = renderer.blocks(document.post)
        first_page = renderer.page(document.post, document.folder, rendered=rendered)
        start_engine(first_page, document.folder)
        preload(WINDOW_GUI_MODULES)
    from roundup_editor.gui.icons import APP_ID, app_icon
    from roundup_editor.gui.mainwindow import MainWindow

    app.setApplicationName("Roundup Editor")
    app.setOrganizationName("roundup-editor")
    QApplication.setDesktopFileName(APP_ID)
    QApplication.setWindowIcon(app_icon())
    window = MainWindow(settings, document, use_webengine=use_webengine, renderer=renderer)
    if document.folder is not None and args.path:
        settings.add_recent(document.folder)
    if not args.path:
        window.status("This is a sample post: drop slide images on a session, or open your own")
    window.preview.ready.connect(_collect_again)
    QTimer.singleShot(_COLLECT_AGAIN_MS, _collect_again)  # should the page never be ready
    sessions = document.post.sessions()
    if 0 < args.session <= len(sessions):
        window.select_block(sessions[args.session - 1].id)
    if args.screenshot:
        width, _, height = args.size.partition("x")
        window.resize(int(width), int(height))
        return _screenshot(app, window, Path(args.screenshot))
    if args.quit_when_ready:  # startup benchmark
        _report_when_ready(window)
    else:
        _offer_recovery(window)
    window.show()
    return int(app.exec())


#: The Qt-free modules the window needs (the dialects, the model, the page shell). Python-Markdown
#: loads in the start-up helper process and, in this one, on the preview thread once the page has
#: loaded; PyYAML, the image pipeline, the directory and lint load later, on first use or on a
#: worker thread.
CORE_MODULES = (
    "roundup_editor.formats.writer",
    "roundup_editor.formats.reader",
    "roundup_editor.render.page",
    "roundup_editor.render.offload",
    "roundup_editor.core.commands",
    "roundup_editor.core.document",
    "roundup_editor.core.settings",
    "roundup_editor.resources",
)

#: The window's modules, imported on a worker while Chromium loads the first page.
WINDOW_GUI_MODULES = (
    "roundup_editor.gui.mainwindow",
    "roundup_editor.gui.icons",
    "roundup_editor.gui.preview.web",  # the WebEngine view (the preview imports it when built)
)


def _import_core() -> None:
    """Import the core before PySide6 (``_run`` then opens and renders the post, still Qt-free).

    PySide6 hooks ``import`` and reads the source of every module imported after it, looking
    for users of its ``__feature__`` switches. The core is some 100 modules; imported first,
    they skip that check.
    """
    import importlib

    for name in CORE_MODULES:
        importlib.import_module(name)


def _report_when_ready(window: object) -> None:
    """Print "ready" and quit once the preview's page has loaded (the start-up benchmark).

    The bare window the benchmark compares with is timed to its page's ``loadFinished`` in the
    same way. The fallback view loads while the window is built: then "ready" comes on the
    first event-loop turn, once the window shows.
    """
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from roundup_editor.gui.mainwindow import MainWindow

    assert isinstance(window, MainWindow)

    def report() -> None:
        print("ready", flush=True)
        QApplication.quit()

    if window.preview.has_loaded:
        QTimer.singleShot(0, report)
    else:
        window.preview.ready.connect(report)


def _offer_recovery(window: object) -> None:
    """Once the window runs: offer unsaved work left by a crash; then start a test hook, if any."""
    from PySide6.QtCore import QTimer

    from roundup_editor.gui.mainwindow import MainWindow
    from roundup_editor.gui.recovery import offer_recovery
    from roundup_editor.gui.testhook import install_test_hook

    assert isinstance(window, MainWindow)
    QTimer.singleShot(0, lambda: offer_recovery(window))
    install_test_hook(window)  # only with ROUNDUP_EDITOR_TEST_HOOK set (the crash test)


def _screenshot(app: object, window: object, out: Path) -> int:
    """Show the window, wait for the preview and the first lint, save a picture, return 0."""
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from roundup_editor.gui.mainwindow import MainWindow

    assert isinstance(app, QApplication) and isinstance(window, MainWindow)
    result = {"status": 1}

    def save() -> None:
        out.parent.mkdir(parents=True, exist_ok=True)
        saved = window.grab().save(str(out))
        result["status"] = 0 if saved else 1
        if not saved:
            print(f"roundup-editor: cannot write {out}", file=sys.stderr)
        app.quit()

    def grab() -> None:  # once settled: the problems list (built after the first page) linted
        window.finish_start_up()  # (done already, unless the page loaded within a turn)
        problems = window.problems
        if problems.revision == window.document.revision:
            save()
        else:
            problems.updated.connect(
                lambda _findings: save(), Qt.ConnectionType.SingleShotConnection
            )

    preview = window.preview
    if preview.uses_webengine:
        from roundup_editor.gui.preview.web import WebPageView

        view = preview.view
        assert isinstance(view, WebPageView)
        # The compositor hands the painted frame to the widget shortly after the page paints it.
        view.page.frame.connect(lambda _token: QTimer.singleShot(400, grab))
        preview.ready.connect(lambda: view.run("rb.painted('screenshot')"))
    else:
        preview.ready.connect(lambda: QTimer.singleShot(0, grab))
    QTimer.singleShot(60000, app.quit)  # never hang a script: give up after a minute
    window.show()
    window.preview.reload()
    app.exec()
    return result["status"]


if __name__ == "__main__":
    sys.exit(main())
