"""The main window's pages, in tab order. A feature adds its page with one line in PAGES.

A page is a QWidget built as `factory(context, parent)`; it may offer `menu_actions()` (a list
of QActions for the window's menus) and `title()`.

Start-up (issue 14): the window started by the launcher imports only the pages it shows first;
the others are `PagePlaceholder`s until the window has been painted, then each page's module is
imported and the placeholder replaced (`MainWindow.load_deferred_pages`)."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.commands import EditContext

PageFactory = Callable[[EditContext, QWidget | None], QWidget]

# (module, class, the English title its title() translates: the placeholder shows the same tab text).
PAGES = [
    ("app.views.overview_page", "OverviewPage", "Overview"),
    ("app.views.structure_page", "StructurePage", "Goals and organisation"),
    ("app.views.followup.followup_page", "FollowUpPage", "Follow-up"),
    ("app.views.governance.directives_page", "DirectivesPage", "Directives"),
    ("app.views.governance.plans_page", "PlansPage", "Operational plans"),
    ("app.views.governance.annual_cycle_page", "AnnualCyclePage", "Annual cycle"),
    ("app.views.annual.annual_page", "AnnualPage", "Annual cycle"),
    ("app.views.exchange.exchange_page", "ExchangePage", "Import and export"),
    ("app.views.history.change_log_page", "ChangeLogPage", "Change log"),
]


def page_class(index: int) -> PageFactory:
    module, name, _title = PAGES[index]
    return getattr(importlib.import_module(module), name)


def page_factories() -> list[PageFactory]:
    # Imported here so that a page's heavy libraries load only when the window is built.
    return [page_class(index) for index in range(len(PAGES))]


class PagePlaceholder(QWidget):
    """Stands in a tab until its page is loaded; being shown loads it at once."""

    def __init__(self, index: int, context: EditContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.index = index
        self.load_requested: Callable[[], None] | None = None

    def title(self) -> str:
        _module, name, title = PAGES[self.index]
        return QCoreApplication.translate(name, title)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self.load_requested is not None:
            self.load_requested()


def deferred_factories(eager: set[int]) -> list[PageFactory]:
    """The pages in `eager` for real, the others as placeholders (nothing of theirs imported)."""
    return [page_class(index) if index in eager else
            (lambda context, parent, i=index: PagePlaceholder(i, context, parent))
            for index in range(len(PAGES))]
