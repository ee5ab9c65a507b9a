"""Start-up cost: the window's modules leave the image pipeline for later (issue 3 "Speed").

Pillow, multiprocessing and urllib cost ~100 ms to import; the window loads them on first use,
or on the warm-up thread once the preview has loaded, never while it starts.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from roundup_editor.app import CORE_MODULES, WINDOW_GUI_MODULES

from support.fresh import python_output, run_start_up

#: Modules that must not be imported for the window to start: the image pipeline, and the
#: dialogs, lint and importers that only a menu command opens.
LATE = (
    "PIL",
    "yaml",  # headers in the common forms are read without it (formats.yaml_subset)
    "multiprocessing",
    "urllib.request",
    "roundup_editor.images.batch",
    "roundup_editor.gui.dialogs.directory",
    "roundup_editor.gui.dialogs.export",
    "roundup_editor.gui.dialogs.import_agenda",
    "roundup_editor.export.site",
    "roundup_editor.lint",
    "roundup_editor.importers.build",
    # built when first shown or used (gui.form_pages, MainWindow.drops)
    "roundup_editor.gui.session_form",
    "roundup_editor.gui.sponsors_form",
    "roundup_editor.gui.people",
    "roundup_editor.gui.drops",
    "roundup_editor.importers",
    "uuid",
    "hashlib",  # the journal's folder name is worked out when it is first written
)


def _imported_after(modules: list[str]) -> set[str]:
    """Import ``modules`` in a fresh interpreter; return which of ``LATE`` it loaded."""
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        f"print(' '.join(name for name in {LATE!r} if name in sys.modules))\n"
    )
    return set(python_output(code, env=dict(os.environ, QT_QPA_PLATFORM="offscreen")).split())


def test_the_work_before_qt_loads_no_qt_and_nothing_the_window_can_wait_for() -> None:
    """app._run's Qt-free first part: core imports, the sample opened, its Markdown handed over."""
    code = (
        "import sys\n"
        "from roundup_editor.app import _import_core\n"
        "_import_core()\n"
        "from roundup_editor.resources import sample_document\n"
        "from roundup_editor.render.offload import start_conversion\n"
        "from roundup_editor.render.page import PageRenderer\n"
        "from roundup_editor.core.settings import Settings\n"
        "Settings.load()  # a first run: no settings file\n"
        "document = sample_document()\n"
        "renderer = PageRenderer()\n"
        "conversion = start_conversion(renderer.uncached_markdown(document.post))\n"
        "late = ['PySide6', 'yaml', 'hashlib', 'json', 'tomllib', 'PIL', 'markdown']\n"
        "print(' '.join(name for name in late if name in sys.modules))\n"
        "converted = conversion.result() if conversion else None\n"
        "print(len(converted or ()), len(renderer.uncached_markdown(document.post)))\n"
    )
    loaded, converted = python_output(code).splitlines()
    assert loaded.split() == []  # Python-Markdown runs in the helper process
    assert converted.split()[0] == converted.split()[1] != "0"  # every block of the sample


def test_window_modules_do_not_import_the_image_pipeline() -> None:
    """The main window and the core import no Pillow, PyYAML, multiprocessing or urllib."""
    modules = [
        *CORE_MODULES,
        *WINDOW_GUI_MODULES,
        "roundup_editor.gui.files",
        "roundup_editor.resources",
    ]
    assert _imported_after(modules) == set()


@pytest.mark.gui
def test_pipeline_warms_up_after_the_first_preview_load(make_window, post_folder, qtbot) -> None:  # type: ignore[no-untyped-def]
    """After the preview's first load the warm-up thread imports the pipeline, once."""
    window = make_window(post_folder)
    window.preview.ready.emit()  # the fallback preview may have loaded before the window showed
    qtbot.waitUntil(window.images.warmed.is_set)
    assert {"PIL.Image", "roundup_editor.images.batch", "roundup_editor.images.fetch"} <= set(
        sys.modules
    )
    window.images.warm_up()  # a second ready starts no second thread
    assert window.images._warming


@pytest.mark.gui
def test_fallback_window_warms_up_though_its_page_loaded_while_built(  # type: ignore[no-untyped-def]
    make_window, post_folder, qtbot
) -> None:
    """The QTextBrowser preview is ready before the window exists: the warm-up still starts."""
    window = make_window(post_folder)
    assert window.preview.has_loaded and not window.preview.uses_webengine
    qtbot.waitUntil(window.images.warmed.is_set, timeout=20000)


@pytest.mark.gui
def test_forms_are_built_when_first_shown(make_window, post_folder, qtbot) -> None:  # type: ignore[no-untyped-def]
    """A window builds the post details form; a session's form comes with its first selection."""
    window = make_window(post_folder)
    assert set(window.forms.built()) == {"post"}
    assert window.stack.count() == 1
    session = window.document.post.sessions()[0]
    window.select_block(session.id)
    form = window.forms.built()["session"]
    assert window.stack.currentWidget() is form
    assert form.session_title.text() == session.title
    # the speaker completer was installed on the new form's name field
    assert window.completion.speaker_completer.widget() is form.speaker_edits["name"]
    assert set(window.forms) == set(window.forms.built()) | {
        "header",
        "text",
        "button",
        "truncate",
        "sponsors",
        "people",
    }


@pytest.mark.gui
@pytest.mark.parametrize("webengine", [False, True])
def test_image_work_and_problems_come_once_the_first_page_is_up(  # type: ignore[no-untyped-def]
    make_window, post_folder, qtbot, webengine
) -> None:
    """The progress panel and the problems list are built after the first page, then lint runs."""
    window = make_window(post_folder, webengine=webengine)
    qtbot.waitUntil(lambda: window._built("images") and window._built("problems"))
    bar = window.statusBar()
    assert window.images.panel.parent() is bar and window.problems.status_button.parent() is bar
    qtbot.waitUntil(lambda: window.problems.revision == window.document.revision, timeout=20000)


@pytest.mark.gui
def test_a_window_closed_before_its_first_page_starts_nothing_more(  # type: ignore[no-untyped-def]
    post_folder, qtbot
) -> None:
    """finish_start_up, still queued when the window closes, builds no lint for a closed window."""
    from roundup_editor.core.document import PostDocument
    from roundup_editor.core.settings import Settings
    from roundup_editor.gui.mainwindow import MainWindow

    window = MainWindow(Settings(), PostDocument.open(post_folder), use_webengine=False)
    assert window.preview.has_loaded and not window._built("problems")  # queued, not run yet
    assert window.close()
    window.finish_start_up()  # what the queued turn (or the 5 s timer) calls
    assert not window._built("problems") and not window._built("images")
    window.deleteLater()


def test_pyside_is_spared_reading_the_sources_of_the_start_up_modules() -> None:
    """compat.skip_feature_scan writes the answers PySide6's import hook would have found."""
    code = (
        "import importlib, sys\n"
        "import roundup_editor.core.post\n"
        "import PySide6.QtCore\n"
        "from roundup_editor.gui.compat import skip_feature_scan\n"
        "feature = sys.modules.get('shibokensupport.feature')\n"
        "table = getattr(feature, 'pyside_feature_dict', None)\n"
        "if table is None:\n"
        "    print('none'); raise SystemExit\n"
        "before = dict(table)\n"
        "written = skip_feature_scan()\n"
        "ours = {name: answer for name, answer in table.items() if name not in before}\n"
        "wrong = []\n"
        "for name, answer in ours.items():\n"
        "    module = importlib.import_module(name)\n"
        "    if answer != (0 if feature._mod_uses_pyside(module) else -1):\n"
        "        wrong.append(name)\n"
        "print(written == len(ours), len(ours), ours.get('json'), ours.get('markdown.core'),\n"
        "      ours.get('roundup_editor.core.post'), ours.get('roundup_editor.gui.mainwindow'),\n"
        "      ours.get('roundup_editor.gui.preview.chunks'), wrong)\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    printed = python_output(code, env=env).split(maxsplit=7)
    if printed == ["none"]:
        pytest.skip("this PySide6 keeps no table of __feature__ users")
    assert printed[0] == "True" and int(printed[1]) > 100
    # not PySide6 users: the stdlib, Markdown, the core, a GUI module that does not import Qt
    assert printed[2:7] == ["-1", "-1", "-1", "0", "-1"]
    assert printed[7].strip() == "[]"  # every answer is the one the hook itself gives


def test_collector_comes_back_once_with_the_start_up_objects_frozen() -> None:
    """app.main runs start-up with the garbage collector off; _collect_again turns it back on."""
    import gc

    from roundup_editor.app import _collect_again

    gc.disable()
    try:
        _collect_again()
        assert gc.isenabled()
        frozen = gc.get_freeze_count()
        assert frozen > 0
        _collect_again()  # a later ready (another post opened) changes nothing
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
        gc.enable()


@pytest.mark.gui
def test_preview_thread_builds_its_converter_once_the_page_has_loaded(  # type: ignore[no-untyped-def]
    make_window, post_folder, qtbot
) -> None:
    """The first page may come from the start-up helper: the preview thread warms Markdown up."""
    from roundup_editor.render import markdown as converters

    window = make_window(post_folder)
    qtbot.waitUntil(lambda: window.preview.has_loaded)
    pool = window.preview._pool  # one worker: this runs after the warm-up queued at the load
    built = pool.submit(lambda: dict(getattr(converters._local, "converters", {}))).result(30)
    assert False in built  # the converter for text without a fence


@pytest.mark.gui
@pytest.mark.parametrize("preview", ["webengine", "fallback"])
def test_the_start_up_benchmark_hook_reports_ready_once_and_quits(
    preview: str, tmp_path: Path
) -> None:
    """``--quit-when-ready`` prints "ready" once the preview's page has loaded, then quits."""
    done = run_start_up(["-m", "roundup_editor.app"], preview, tmp_path / "home")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["ready"]
