"""PySide6's Qt namespace is built after start-up, and the window is the same without it.

The window's start-up names no ``Qt`` enum (``gui/lazy_qt.py``): these tests check that it
indeed leaves the namespace unbuilt until its first page is up, and that each setting made
another way (a property set by the enum key's name, a default left out) is the one the enum
would have made.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QCompleter, QLabel

import roundup_editor.gui
from roundup_editor.gui.lazy_qt import Qt as LazyQt
from roundup_editor.gui.lazy_qt import set_enum_property
from roundup_editor.gui.outline import BLOCK_ROLE

from support.fresh import run_start_up
from support.posts import invented_post_text

GUI = Path(roundup_editor.gui.__file__).parent


def test_gui_modules_take_qt_from_the_lazy_stand_in() -> None:
    """No GUI module imports ``Qt`` from PySide6 itself (but the stand-in's own module)."""
    direct = re.compile(r"^\s*from PySide6\.QtCore import [^\n]*\bQt\b", re.MULTILINE)
    offenders = [
        str(path.relative_to(GUI))
        for path in GUI.rglob("*.py")
        if path.name != "lazy_qt.py" and direct.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_stand_in_gives_the_real_namespace_s_values(qapp: object) -> None:
    """``lazy_qt.Qt.X`` is ``PySide6.QtCore.Qt.X``."""
    assert LazyQt.ItemDataRole is Qt.ItemDataRole
    assert LazyQt.AlignmentFlag.AlignCenter is Qt.AlignmentFlag.AlignCenter
    with pytest.raises(AttributeError):
        LazyQt.NoSuchEnum  # noqa: B018


def test_block_role_is_the_first_role_after_qts_user_role() -> None:
    """The outline's role is written as a number so that importing it builds nothing."""
    assert Qt.ItemDataRole.UserRole + 1 == BLOCK_ROLE


def test_an_enum_property_is_set_by_its_key_and_a_wrong_key_is_refused(qapp: object) -> None:
    """set_enum_property does what the setter with the enum does, and says when it cannot."""
    label = QLabel()
    set_enum_property(label, "textFormat", "PlainText")
    assert label.textFormat() == Qt.TextFormat.PlainText
    completer = QCompleter()
    set_enum_property(completer, "caseSensitivity", "CaseInsensitive")
    assert completer.caseSensitivity() == Qt.CaseSensitivity.CaseInsensitive
    with pytest.raises(ValueError, match="textFormat = NoSuchFormat"):
        set_enum_property(label, "textFormat", "NoSuchFormat")
    assert label.textFormat() == Qt.TextFormat.PlainText  # unchanged
    with pytest.raises(ValueError, match="noSuchProperty"):
        set_enum_property(label, "noSuchProperty", "PlainText")


@pytest.mark.gui
def test_the_window_s_settings_made_without_enums_are_the_ones_meant(  # type: ignore[no-untyped-def]
    make_window,
) -> None:
    """Splitter, shortcuts, their contexts, completers and the banner, as the enums set them."""
    window = make_window()
    assert window.splitter.orientation() == Qt.Orientation.Horizontal
    assert window.acts.delete.shortcutContext() == Qt.ShortcutContext.WidgetShortcut
    assert window.acts.save.shortcuts() == QKeySequence.keyBindings(QKeySequence.StandardKey.Save)
    assert window.acts.undo.shortcuts() == QKeySequence.keyBindings(QKeySequence.StandardKey.Undo)
    assert window.acts.add_session.shortcuts() == [QKeySequence("Ctrl+Return")]
    for completer in (window.completion.authors_completer, window.completion.tags_completer):
        assert completer.caseSensitivity() == Qt.CaseSensitivity.CaseInsensitive
    assert window.completion.speaker_completer.caseSensitivity() == (
        Qt.CaseSensitivity.CaseInsensitive
    )
    banner = window.watch.banner
    assert banner.label.textFormat() == Qt.TextFormat.PlainText
    assert window.toolBarArea(banner) == Qt.ToolBarArea.TopToolBarArea
    assert window.toolBarBreak(banner)  # a row of its own


_REPORT = """
import sys
from roundup_editor import app


def qt_namespace_built():
    return "Qt" in vars(sys.modules["PySide6.QtCore"])  # PySide6 adds it once built


def report(window):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def after():
        print("after", qt_namespace_built(), window._built("problems"), flush=True)
        QApplication.quit()

    def ready():
        print("ready", qt_namespace_built(), window._built("problems"), flush=True)
        QTimer.singleShot(0, lambda: QTimer.singleShot(0, after))

    if window.preview.has_loaded:
        ready()
    else:
        window.preview.ready.connect(ready)


app._report_when_ready = report
sys.exit(app.main(sys.argv[1:]))
"""


@pytest.mark.gui
@pytest.mark.parametrize("preview", ["webengine", "fallback"])
def test_start_up_leaves_the_qt_namespace_until_the_first_page_is_up(
    preview: str, tmp_path: Path
) -> None:
    """The real start-up (app.main): no Qt namespace at ready, built an event-loop turn later."""
    done = run_start_up(["-c", _REPORT], preview, tmp_path / "home")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["ready False False", "after True True"]


_SCREENSHOT = """
import sys
from roundup_editor import app
from roundup_editor.gui.mainwindow import MainWindow

grab = MainWindow.grab


def grab_reporting(self, *args):
    linted = self._built("problems") and self.problems.revision == self.document.revision
    print("linted", linted, flush=True)
    return grab(self, *args)


MainWindow.grab = grab_reporting
sys.exit(app.main(sys.argv[1:]))
"""


@pytest.mark.gui
def test_a_screenshot_waits_for_the_first_lint(tmp_path: Path) -> None:
    """The problems list comes after the first page; ``--screenshot`` still shows its result."""
    folder = tmp_path / "2025-05-17-fifty"
    folder.mkdir()
    (folder / "index.md").write_text(invented_post_text(50), encoding="utf-8")
    out = tmp_path / "shot.png"
    arguments = ["-c", _SCREENSHOT, "--screenshot", str(out), str(folder)]
    done = run_start_up(arguments, "webengine", tmp_path / "home")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["linted True"]
    assert out.stat().st_size > 0
