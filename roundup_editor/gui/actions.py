"""The window's actions: menus, toolbar and standard shortcuts in one place."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar

Key = QKeySequence.StandardKey


@dataclass
class Actions:
    """Every QAction of the main window, by name."""

    new: QAction
    open: QAction
    save: QAction
    save_as: QAction
    close: QAction
    quit: QAction
    undo: QAction
    redo: QAction
    add_session: QAction
    add_text: QAction
    delete: QAction
    move_up: QAction
    move_down: QAction
    settings: QAction
    page_tab: QAction
    markdown_tab: QAction
    excerpt_tab: QAction
    recent_menu: QMenu
    import_agenda: QAction | None = None
    export_site: QAction | None = None
    check: QAction | None = None
    directory: QAction | None = None


def _action(
    window: QMainWindow,
    text: str,
    slot: Callable[[], object],
    shortcut: QKeySequence.StandardKey | str | None = None,
) -> QAction:
    action = QAction(text, window)
    # Lists of key sequences: the overloads that take one sequence or a standard key would
    # build PySide6's Qt namespace to tell them apart (gui/lazy_qt.py).
    if isinstance(shortcut, QKeySequence.StandardKey):
        action.setShortcuts(QKeySequence.keyBindings(shortcut))
    elif shortcut:
        action.setShortcuts([QKeySequence.fromString(shortcut)])
    action.triggered.connect(lambda _checked=False: slot())
    return action


def build_actions(window: QMainWindow, slots: dict[str, Callable[[], object]]) -> Actions:
    """Create the actions, menus and toolbar of ``window`` calling ``slots[name]``."""
    a = Actions(
        new=_action(window, "&New", slots["new"], Key.New),
        open=_action(window, "&Open…", slots["open"], Key.Open),
        save=_action(window, "&Save", slots["save"], Key.Save),
        save_as=_action(window, "Save &As…", slots["save_as"], Key.SaveAs),
        close=_action(window, "&Close", slots["close"], Key.Close),
        quit=_action(window, "&Quit", slots["quit"], Key.Quit),
        undo=_action(window, "&Undo", slots["undo"], Key.Undo),
        redo=_action(window, "&Redo", slots["redo"], Key.Redo),
        add_session=_action(window, "Add &Session", slots["add_session"], "Ctrl+Return"),
        add_text=_action(window, "Add &Text Block", slots["add_text"], "Ctrl+Shift+Return"),
        delete=_action(window, "&Delete Part", slots["delete"], Key.Delete),
        move_up=_action(window, "Move &Up", slots["move_up"], "Alt+Up"),
        move_down=_action(window, "Move Do&wn", slots["move_down"], "Alt+Down"),
        settings=_action(window, "Se&ttings…", slots["settings"], Key.Preferences),
        page_tab=_action(window, "&Page Preview", slots["page_tab"], "Ctrl+1"),
        markdown_tab=_action(window, "&Markdown", slots["markdown_tab"], "Ctrl+2"),
        excerpt_tab=_action(window, "&Excerpt", slots["excerpt_tab"], "Ctrl+3"),
        recent_menu=QMenu("Open &Recent", window),
    )
    if "import_agenda" in slots:
        a.import_agenda = _action(window, "&Import Agenda…", slots["import_agenda"], "Ctrl+I")
        a.export_site = _action(window, "&Export to Site…", slots["export_site"], "Ctrl+E")
        a.check = _action(window, "C&heck", slots["check"], "F7")
        a.directory = _action(window, "&Directory…", slots["directory"])
    menus = window.menuBar()
    file_menu = menus.addMenu("&File")
    for action in (a.new, a.open):
        file_menu.addAction(action)
    file_menu.addMenu(a.recent_menu)
    file_menu.addSeparator()
    for extra in (a.import_agenda, a.export_site):
        if extra is not None:
            file_menu.addAction(extra)
    for action in (a.save, a.save_as, a.settings, a.close, a.quit):
        file_menu.addAction(action)
    edit_menu = menus.addMenu("&Edit")
    for action in (a.undo, a.redo):
        edit_menu.addAction(action)
    edit_menu.addSeparator()
    for action in (a.add_session, a.add_text, a.delete, a.move_up, a.move_down):
        edit_menu.addAction(action)
    view_menu = menus.addMenu("&View")
    for action in (a.page_tab, a.markdown_tab, a.excerpt_tab):
        view_menu.addAction(action)
    toolbar = QToolBar("Main", window)
    toolbar.setObjectName("main-toolbar")
    for action in (a.new, a.open, a.save):
        toolbar.addAction(action)
    toolbar.addSeparator()
    for action in (a.undo, a.redo):
        toolbar.addAction(action)
    toolbar.addSeparator()
    if a.import_agenda is not None and a.export_site is not None and a.check is not None:
        for action in (a.import_agenda, a.export_site, a.check):
            toolbar.addAction(action)
        tools_menu = menus.addMenu("&Tools")
        tools_menu.addAction(a.check)
        if a.directory is not None:
            tools_menu.addAction(a.directory)
    else:
        for action in (a.add_session, a.add_text):
            toolbar.addAction(action)
    window.addToolBar(toolbar)
    return a
