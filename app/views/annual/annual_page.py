"""The year's cycle in the window: uppdrag with their status per period, the internkontrollplan
with its risk matrix and results, ekonomi (budget, utfall, prognos per nämnd, balanskrav, the
ekonomisystem's file) and the delårsrapport/årsredovisning with its people's text, written as
PDF or .docx off the GUI thread. Every edit is one undoable command; every panel follows the
change bus."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.commands import EditContext
from app.views.annual.assignments_panel import AssignmentDialog, AssignmentPanel, StatusDialog  # noqa: F401
from app.views.annual.control_panel import ControlPanel, ResultDialog, RiskDialog  # noqa: F401
from app.views.annual.finance_panel import FinancePanel
from app.views.annual.report_panel import ReportPanel
from app.views.governance.directives_page import scrollable
from app.views.lazy_page import LazyPage


class AnnualPage(LazyPage):
    """Uppdrag, internkontroll, ekonomi and reports as sub-tabs."""

    def __init__(self, context: EditContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("annualPage")

    def build(self) -> None:
        self.tabs = QTabWidget()
        self.tabs.setObjectName("annualTabs")
        self.assignments = AssignmentPanel(self.context, self)
        self.control = ControlPanel(self.context, self)
        self.finance = FinancePanel(self.context, self)
        self.reports = ReportPanel(self.context, self)
        self.tabs.addTab(self.reports, self.tr("Reports"))
        self.tabs.addTab(self.assignments, self.tr("Assignments"))
        self.tabs.addTab(scrollable(self.finance), self.tr("Finances"))
        self.tabs.addTab(self.control, self.tr("Internal control"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tabs)

    def title(self) -> str:
        return self.tr("Annual cycle")


