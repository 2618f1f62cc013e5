"""The very first start: the planner chooses what to open instead of finding a demo she did not
ask for. Later starts open the last database (app.models.paths.last_database)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QCommandLinkButton, QDialog, QDialogButtonBox, QFileDialog, QLabel, QVBoxLayout

from app import APP_NAME
from app.models.paths import DB_SUFFIX, demo_db_path

OPEN_FILTER = f"Styrkort-databas (*{DB_SUFFIX} *.sqlite *.db);;Alla filer (*)"
NEW_FILTER = f"Styrkort-databas (*{DB_SUFFIX})"
MATRIX_FILTER = "Excel (*.xlsx *.xlsm *.ods);;CSV (*.csv);;Alla filer (*)"


@dataclass(frozen=True)
class StartChoice:
    path: Path
    create: bool = False  # a new, empty file
    demo: str | None = None  # "region" or "kommun": build that demo in it when it is new
    import_file: Path | None = None  # a goal matrix to import once the window is open


def documents_dir() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


def with_suffix(path: str) -> Path:
    return Path(path) if Path(path).suffix else Path(path + DB_SUFFIX)


class FirstStartDialog(QDialog):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("firstStartDialog")
        self.setWindowTitle(self.tr("Welcome to Styrkort"))
        self.choice: StartChoice | None = None
        intro = QLabel(self.tr("<h3>Welcome to Styrkort</h3><p>What would you like to open? You can open "
                               "another file or create a new one later in the File menu.</p>"))
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        options = [
            ("demoButton", self.tr("Open the demo region"),
             self.tr("Exempelregionen: goals, organisation, indicators and results to try everything with."),
             lambda: self.choose_demo("region")),
            ("demoKommunButton", self.tr("Open the demo municipality"),
             self.tr("Exempelkommunen: schools, elderly care and social services, in egen regi and by providers."),
             self.choose_demo_kommun),
            ("emptyButton", self.tr("Create an empty database…"),
             self.tr("Start your own region or municipality from scratch."), self.choose_empty),
            ("openButton", self.tr("Open an existing file…"),
             self.tr("A Styrkort database you or a colleague already has."), self.choose_existing),
            ("importButton", self.tr("Import a goal matrix from Excel…"),
             self.tr("Create a new database from your goals in a spreadsheet."), self.choose_import),
        ]
        for name, text, description, slot in options:
            button = QCommandLinkButton(text, description)
            button.setObjectName(name)
            button.clicked.connect(slot)
            layout.addWidget(button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())

    def _done(self, choice: StartChoice) -> None:
        self.choice = choice
        self.accept()

    def _new_file(self, title: str, name: str) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(self, title, str(documents_dir() / f"{name}{DB_SUFFIX}"), NEW_FILTER)
        return with_suffix(path) if path else None

    def choose_demo(self, kind: str = "region") -> None:
        path = demo_db_path(kind)
        self._done(StartChoice(path, create=not path.exists(), demo=kind if not path.exists() else None))

    def choose_demo_kommun(self) -> None:
        self.choose_demo("kommun")

    def choose_empty(self) -> None:
        path = self._new_file(self.tr("New database"), APP_NAME)
        if path is not None:
            self._done(StartChoice(path, create=True))

    def choose_existing(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open database"), str(documents_dir()), OPEN_FILTER)
        if path:
            self._done(StartChoice(Path(path)))

    def choose_import(self) -> None:
        matrix, _ = QFileDialog.getOpenFileName(self, self.tr("Goal matrix to import"), str(documents_dir()),
                                                MATRIX_FILTER)
        if not matrix:
            return
        path = self._new_file(self.tr("Save the new database as"), Path(matrix).stem)
        if path is not None:
            self._done(StartChoice(path, create=True, import_file=Path(matrix)))


def ask_first_start() -> StartChoice | None:
    dialog = FirstStartDialog()
    dialog.exec()
    return dialog.choice
