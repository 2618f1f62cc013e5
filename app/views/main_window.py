"""The main window: pages in tabs, menus with standard shortcuts, remembered geometry."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QWidget,
)
from shiboken6 import isValid

from app import APP_NAME, __version__
from app.commands import EditContext
from app.models.backup_files import backup_copy
from app.models.errors import StyrkortError
from app.models.store import Store
from app.views.i18n import current_language
from app.views.pages import PagePlaceholder, deferred_factories, page_class, page_factories
from app.views.settings_dialog import apply_user_name

MAX_RECENT = 8
DB_FILTER = "Styrkort-databas (*.styrkort *.sqlite *.db);;Alla filer (*)"


def recent_files() -> list[str]:
    value = QSettings().value("files/recent", [])
    if isinstance(value, str):
        value = [value]
    return [str(v) for v in (value or [])]


def remember_recent(path: str) -> None:
    files = [path, *[f for f in recent_files() if f != path]][:MAX_RECENT]
    QSettings().setValue("files/recent", files)


class MainWindow(QMainWindow):
    """One window per open database. Opening another file opens a new window and closes this one."""

    databaseRequested = Signal(str, bool)  # path, create new
    filesDropped = Signal(list)  # local paths dropped on the window (the import page opens them)
    restoreRequested = Signal(str)  # the backup to put in place of the open file

    def __init__(self, store: Store, parent: QWidget | None = None, *, defer_pages: bool = False) -> None:
        """`defer_pages` (the launcher's window): only the first page and the one last shown are
        imported and built now; the others after the first paint (`load_deferred_pages`)."""
        super().__init__(parent)
        self.store = store
        self.context = EditContext(store, self)
        apply_user_name()  # Inställningar's name for the change log
        self.setObjectName("mainWindow")
        self.setAcceptDrops(True)
        self.setAccessibleName(APP_NAME)
        self._update_title()
        self.pages = QTabWidget()
        self.pages.setObjectName("pages")
        self.pages.setDocumentMode(True)
        eager = {0, QSettings().value("window/page", 0, type=int)}
        for factory in deferred_factories(eager) if defer_pages else page_factories():
            page = factory(self.context, self)
            if isinstance(page, PagePlaceholder):
                page.load_requested = lambda index=self.pages.count(): self.load_page(index)
            self.pages.addTab(page, page.title())
        self.setCentralWidget(self.pages)
        from app.widgets.accessibility import name_controls

        name_controls(self.pages)  # pages built at once; lazy pages name theirs when built
        self._build_menus()
        self._build_status_bar()
        # One place for messages: refused edits and short confirmations go to the status bar.
        self.context.bus.refused.connect(self._show_refusal)
        self.context.bus.message.connect(lambda text: isValid(self) and self.statusBar().showMessage(text, 10000))
        # What other processes commit to the same file reaches every page through the bus too.
        self.context.watch_external()
        # The stack clears itself (emitting both signals) while the window is being destroyed.
        self.context.undo_stack.cleanChanged.connect(lambda _clean: isValid(self) and self._update_title())
        self.context.undo_stack.indexChanged.connect(lambda _index: isValid(self) and self._update_title())
        self._restore_state()
        if store.path is not None:
            remember_recent(str(store.path))
        # A regional database: others' commits reach every page within a second (LISTEN/NOTIFY).
        from app.commands.live import LiveRefresh

        self.live = LiveRefresh.attach(store, self.context.bus, self)

    # --- pages loaded after the first paint ---------------------------------------------------
    @property
    def structure(self) -> QWidget | None:
        """The goals and organisation page (loaded on first use, without switching to it)."""
        return self._loaded("structurePage")

    def _loaded(self, object_name: str) -> QWidget | None:
        for index in [i for i in self.deferred_pages() if self._placeholder_for(i, object_name)]:
            self.load_page(index)
        for index in range(self.pages.count()):
            if self.pages.widget(index).objectName() == object_name:
                return self.pages.widget(index)
        return None

    @staticmethod
    def _placeholder_for(index: int, object_name: str) -> bool:
        from app.views.pages import PAGES

        class_name = PAGES[index][1]
        return class_name[0].lower() + class_name[1:] == object_name or object_name == "*"

    def deferred_pages(self) -> list[int]:
        return [i for i in range(self.pages.count()) if isinstance(self.pages.widget(i), PagePlaceholder)]

    def load_page(self, index: int) -> None:
        """Import and build the page a placeholder stands for, in its place, with its menu actions."""
        holder = self.pages.widget(index)
        if not isinstance(holder, PagePlaceholder):
            return
        holder.load_requested = None
        page = page_class(index)(self.context, self)
        self.pages.insertTab(index, page, page.title())
        if self.pages.currentWidget() is holder:
            self.pages.setCurrentIndex(index)
        self.pages.removeTab(index + 1)
        holder.setParent(None)
        holder.deleteLater()
        for menu_name, action in getattr(page, "menu_actions", lambda: [])():
            {"file": self.file_menu, "edit": self.edit_menu}.get(menu_name, self.view_menu).addAction(action)

    def load_deferred_pages(self) -> None:
        for index in self.deferred_pages():
            self.load_page(index)

    # --- window state -------------------------------------------------------------------
    def _restore_state(self) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 800)
        state = settings.value("window/state")
        if state is not None:
            self.restoreState(state)
        tab = settings.value("window/page", 0, type=int)
        if 0 <= tab < self.pages.count():
            self.pages.setCurrentIndex(tab)

    def _show_refusal(self, error: StyrkortError) -> None:
        if isValid(self):
            self.statusBar().showMessage(error.message(current_language()), 15000)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.context.stop_watching()
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        settings.setValue("window/page", self.pages.currentIndex())
        for index in range(self.pages.count()):
            save = getattr(self.pages.widget(index), "save_state", None)
            if save:
                save()
        if self.live is not None:
            self.live.stop()
        super().closeEvent(event)

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt override
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.filesDropped.emit(paths)

    def _update_title(self) -> None:
        name = self.store.path.name if self.store.path else self.store.location
        readonly_text = self.tr("read-only")
        readonly = f" [{readonly_text}]" if self.store.readonly else ""
        self.setWindowTitle(f"{name}{readonly} – {APP_NAME}")

    # --- menus ----------------------------------------------------------------------------
    def _action(self, text: str, slot, shortcut=None, object_name: str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        if object_name:
            action.setObjectName(object_name)
        action.triggered.connect(slot)
        return action

    def _page_actions(self) -> dict[str, list[QAction]]:
        found: dict[str, list[QAction]] = {"file": [], "edit": [], "view": []}
        for index in range(self.pages.count()):
            for menu_name, action in getattr(self.pages.widget(index), "menu_actions", lambda: [])():
                found.get(menu_name, found["view"]).append(action)
        return found

    def _build_menus(self) -> None:
        """Arkiv in the usual order (Avsluta last); no key sequence bound to two actions the user
        can reach in one place (Ctrl+N is the goal tree's "Nytt mål bredvid", so a new database
        is Ctrl+Shift+N; F1 is help, "Varför denna status?" Shift+F1)."""
        page_actions = self._page_actions()
        bar = self.menuBar()
        self.file_menu = bar.addMenu(self.tr("&File"))
        self.file_menu.setObjectName("fileMenu")
        self.file_menu.addAction(self._action(self.tr("&New database…"), self.new_database,
                                              QKeySequence("Ctrl+Shift+N"), "actionNew"))
        self.file_menu.addAction(self._action(self.tr("&Open…"), self.open_database,
                                              QKeySequence.StandardKey.Open, "actionOpen"))
        self.file_menu.addAction(self._action(self.tr("Connect to the &regional database…"), self.connect_server,
                                              None, "actionConnectServer"))
        self.file_menu.addAction(self._action(self.tr("Cop&y the database to…"), self.copy_database,
                                              None, "actionCopyDatabase"))
        self.recent_menu = self.file_menu.addMenu(self.tr("Open &recent"))
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.file_menu.addAction(self._action(self.tr("Save a &copy as…"), self.save_copy,
                                              QKeySequence.StandardKey.SaveAs, "actionSaveCopy"))
        self.file_menu.addSeparator()
        for action in page_actions["file"]:
            self.file_menu.addAction(action)
        self.pack_action = self._action(self.tr("Review &pack…"), self.show_pack_dialog,
                                        QKeySequence.StandardKey.Print, "actionReviewPack")
        self.file_menu.addAction(self.pack_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self._action(self.tr("Restore from &backup…"), self.restore_from_backup,
                                              None, "actionRestoreBackup"))
        self.file_menu.addAction(self._action(self.tr("S&ynchronise…"), self.show_sync_dialog,  # offline checkouts
                                              None, "actionSync"))
        self.file_menu.addSeparator()
        self.file_menu.addAction(self._action(self.tr("&Settings…"), self.show_settings,
                                              QKeySequence.StandardKey.Preferences, "actionSettings"))
        self.file_menu.addSeparator()
        self.file_menu.addAction(self._action(self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit,
                                              "actionQuit"))

        self.edit_menu = bar.addMenu(self.tr("&Edit"))
        self.edit_menu.setObjectName("editMenu")
        self.undo_action = self.context.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.setObjectName("actionUndo")
        self.redo_action = self.context.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcuts([QKeySequence.StandardKey.Redo, QKeySequence("Ctrl+Y")])
        self.redo_action.setObjectName("actionRedo")
        self.edit_menu.addAction(self.undo_action)
        self.edit_menu.addAction(self.redo_action)
        for action in page_actions["edit"]:
            self.edit_menu.addAction(action)

        self.view_menu = bar.addMenu(self.tr("&View"))
        self.view_menu.setObjectName("viewMenu")
        for index in range(self.pages.count()):
            action = self._action(self.pages.tabText(index), lambda _=False, i=index: self.pages.setCurrentIndex(i),
                                  QKeySequence(f"Ctrl+{index + 1}") if index < 9 else None)
            self.view_menu.addAction(action)
        self.view_menu.addSeparator()
        for action in page_actions["view"]:
            self.view_menu.addAction(action)

        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.setObjectName("helpMenu")
        self.help_action = self._action(self.tr("&User guide"), self.show_help, QKeySequence.StandardKey.HelpContents,
                                        "actionHelp")
        help_menu.addAction(self.help_action)
        help_menu.addSeparator()
        help_menu.addAction(self._action(self.tr("&About Styrkort"), self.show_about, None, "actionAbout"))
        self._build_tool_bar()

    def _build_tool_bar(self) -> None:
        """The frequent actions, with icons from the bundled set (resources/icons)."""
        from app.widgets.icons import action_icon

        tools = self.addToolBar(self.tr("Tools"))
        tools.setObjectName("mainToolBar")
        tools.setMovable(False)
        tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        new_goal = QAction(self.tr("New goal"), self)
        new_goal.setObjectName("toolNewGoal")
        new_goal.setToolTip(self.tr("New goal beside the selected one (Ctrl+N in the goal tree)"))
        new_goal.triggered.connect(self.new_goal)
        find = QAction(self.tr("Find goal"), self)
        find.setObjectName("toolFindGoal")
        find.setToolTip(self.tr("Find a goal by code or title (Ctrl+F on the goal page)"))
        find.triggered.connect(self.find_goal)
        import_action = self.findChild(QAction, "actionImport")
        entries = [(new_goal, "new-goal"), (import_action, "import"), (self.pack_action, "pack"), None,
                   (self.undo_action, "undo"), (self.redo_action, "redo"), None, (find, "search"),
                   None, (self.help_action, "help")]
        for entry in entries:
            if entry is None:
                tools.addSeparator()
                continue
            action, icon = entry
            if action is None:
                continue
            action.setIcon(action_icon(icon))
            tools.addAction(action)
        self.tool_bar = tools

    def page(self, object_name: str) -> QWidget | None:
        """Show the page with this object name and return it (built, if it builds lazily; loaded
        first if it still waits behind a placeholder)."""
        if self._loaded(object_name) is None and self.deferred_pages():
            self._loaded("*")  # a page whose object name is not its class name's
        for index in range(self.pages.count()):
            if self.pages.widget(index).objectName() == object_name:
                self.pages.setCurrentIndex(index)
                page = self.pages.widget(index)
                if hasattr(page, "ensure_built"):
                    page.ensure_built()
                return page
        return None

    def new_goal(self) -> None:
        page = self.page("structurePage")
        if page is not None:
            page.trees.setCurrentIndex(0)
            page.goal_editor.create_sibling()

    def find_goal(self) -> None:
        page = self.page("structurePage")
        if page is not None:
            page.trees.setCurrentIndex(0)
            page.goal_editor.focus_search()

    def show_help(self) -> None:
        """The Swedish user guide (resources/help), at the section of the page in view."""
        from app.views.help_dialog import HelpDialog

        page = self.pages.currentWidget()
        if getattr(self, "help_dialog", None) is None or not isValid(self.help_dialog):
            self.help_dialog = HelpDialog(self)
        self.help_dialog.show_topic(page.objectName() if page is not None else "")
        self.help_dialog.show()
        self.help_dialog.raise_()

    def show_sync_dialog(self) -> None:
        """An offline checkout: synchronise it and decide its conflicts (docs/sync.md)."""
        from app.views.sync_dialog import SyncDialog

        SyncDialog(self.context, self).exec()

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in recent_files():
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _=False, p=path: self.databaseRequested.emit(p, False))
        if not self.recent_menu.actions():
            self.recent_menu.addAction(self.tr("(none)")).setEnabled(False)

    def _build_status_bar(self) -> None:
        self.location_label = QLabel(self.store.location)
        self.location_label.setObjectName("databaseLocation")
        self.location_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addPermanentWidget(self.location_label)
        if not self.store.is_sqlite:
            self._show_role()
        if self.store.backups_made:
            self.statusBar().showMessage(
                self.tr("The database was upgraded; a backup was saved as %1").replace(
                    "%1", self.store.backups_made[-1].name), 15000)
        else:
            self.statusBar().showMessage(self.tr("Ready"), 3000)

    def _show_role(self) -> None:
        """On a regional database: the user's role, and why some things are read-only."""
        access = self.context.access
        names = {None: self.tr("full access"), "planerare": self.tr("planner"),
                 "namndsekreterare": self.tr("committee secretary"), "rapportor": self.tr("reporter"),
                 "granskare": self.tr("auditor (read only)")}
        role = self.tr("Role: %1").replace("%1", names.get(access.role, access.role or ""))
        self.role_label = QLabel(role)
        self.role_label.setObjectName("databaseRole")
        self.role_label.setToolTip(access.reason(current_language() == "sv"))
        self.statusBar().addPermanentWidget(self.role_label)

    # --- file actions ---------------------------------------------------------------------
    def _start_dir(self) -> str:
        return str(self.store.path.parent) if self.store.path else str(Path.home())

    def new_database(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("New database"), self._start_dir(), DB_FILTER)
        if path:
            if not Path(path).suffix:
                path += ".styrkort"
            self.databaseRequested.emit(path, True)

    def open_database(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open database"), self._start_dir(), DB_FILTER)
        if path:
            self.databaseRequested.emit(path, False)

    def connect_server(self) -> None:
        from app.views.connect_dialog import ConnectDialog

        dialog = ConnectDialog(self)
        if dialog.exec():
            self.databaseRequested.emit(dialog.url(), False)

    def copy_database(self) -> None:
        from app.views.copy_dialog import CopyDialog

        CopyDialog(self.store, self).exec()

    def save_copy(self) -> None:
        if self.store.path is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save a copy as"), self._start_dir(), DB_FILTER)
        if not path:
            return
        if Path(path).resolve() == self.store.path.resolve():
            QMessageBox.warning(self, APP_NAME, self.tr("Choose another file than the open one."))
            return
        try:
            backup_copy(self.store.path, Path(path))
        except OSError as exc:
            QMessageBox.critical(self, APP_NAME, self.tr("The copy could not be saved: %1").replace("%1", str(exc)))
            return
        self.statusBar().showMessage(self.tr("A copy was saved as %1").replace("%1", path), 8000)

    def restore_from_backup(self) -> None:
        if self.store.path is None:
            return
        from app.views.reliability import RestoreDialog

        dialog = RestoreDialog(self.store.path, self.store, self)
        if dialog.exec() and dialog.selected_backup() is not None:
            self.restoreRequested.emit(str(dialog.selected_backup()))

    def show_settings(self) -> None:
        from app.views.settings_dialog import SettingsDialog

        SettingsDialog(self).exec()

    def show_pack_dialog(self) -> None:
        from app.views.packs.pack_dialog import PackRunner

        self.pack_runner = PackRunner(self.store, self)
        self.pack_runner.ask()

    def show_about(self) -> None:
        from html import escape

        from app.services.platform.about import about

        facts = about(self.store.path) if self.store.path is not None else None
        details = "<br>".join(escape(line) for line in (facts.lines(current_language())[1:] if facts else
                                                         [self.store.location]))
        QMessageBox.about(self, self.tr("About Styrkort"), self.tr(
            "<h3>Styrkort %1</h3><p>Goals, follow-up and directives for Swedish regions and "
            "municipalities.</p>").replace("%1", __version__) + f"<p>{details}</p>")

    def show_error(self, error: StyrkortError) -> None:
        QMessageBox.warning(self, APP_NAME, error.message(current_language()))
