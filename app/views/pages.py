"""The main window's pages, in tab order. A feature adds its page with one line here.

A page is a QWidget built as `factory(context, parent)`; it may offer `menu_actions()` (a list
of QActions for the window's menus) and `title()`."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from app.commands import EditContext

PageFactory = Callable[[EditContext, QWidget | None], QWidget]


def page_factories() -> list[PageFactory]:
    # Imported here so that a page's heavy libraries load only when the window is built.
    from app.views.annual.annual_page import AnnualPage
    from app.views.exchange.exchange_page import ExchangePage
    from app.views.followup.followup_page import FollowUpPage
    from app.views.goals.structure_page import StructurePage
    from app.views.governance.annual_cycle_page import AnnualCyclePage
    from app.views.governance.directives_page import DirectivesPage
    from app.views.governance.plans_page import PlansPage
    from app.views.history.change_log_page import ChangeLogPage
    from app.views.overview_page import OverviewPage

    return [OverviewPage, StructurePage, FollowUpPage, DirectivesPage, PlansPage, AnnualCyclePage, AnnualPage,
            ExchangePage, ChangeLogPage]
