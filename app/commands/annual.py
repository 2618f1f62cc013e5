"""Undoable edits of the year's cycle: uppdrag and their status, internkontroll, finances and
the people's text of the delårsrapport and årsredovisning. Each command holds ids and plain
values, calls one service operation forwards and its inverse backwards."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from sqlalchemy.orm import Session

from app.commands import Change, EditContext, StoreCommand
from app.models import AssignmentState, BalanceItem, ReportSection
from app.services.annual import assignments, finances, internal_control
from app.services.annual.report_content import set_report_text


class CreateAssignmentCommand(StoreCommand):
    def __init__(self, context: EditContext, values: dict) -> None:
        super().__init__(context, QCoreApplication.translate("AnnualCommands", "New assignment"))
        self.values, self.assignment_id = dict(values), None

    def apply(self, session: Session) -> Change:
        self.assignment_id = assignments.create_assignment(session, self.values)
        return Change("assignment", frozenset({self.assignment_id}), structure=True)

    def revert(self, session: Session) -> Change:
        assignments.delete_assignment(session, self.assignment_id)
        return Change("assignment", frozenset({self.assignment_id}), structure=True)


class UpdateAssignmentCommand(StoreCommand):
    def __init__(self, context: EditContext, assignment_id: int, values: dict) -> None:
        super().__init__(context, QCoreApplication.translate("AnnualCommands", "Edit assignment"))
        self.assignment_id, self.values, self.old = assignment_id, dict(values), {}

    def apply(self, session: Session) -> Change:
        self.old = assignments.update_assignment(session, self.assignment_id, self.values)
        return Change("assignment", frozenset({self.assignment_id}))

    def revert(self, session: Session) -> Change:
        assignments.update_assignment(session, self.assignment_id, self.old)
        return Change("assignment", frozenset({self.assignment_id}))


class DeleteAssignmentCommand(StoreCommand):
    """Delete an uppdrag; undo brings it back with its values (its status reports are listed
    before the delete is confirmed, and restored too)."""

    def __init__(self, context: EditContext, assignment_id: int) -> None:
        super().__init__(context, QCoreApplication.translate("AnnualCommands", "Delete assignment"))
        self.assignment_id, self.values, self.reports = assignment_id, {}, []

    def apply(self, session: Session) -> Change:
        self.values = assignments.assignment_values(session, self.assignment_id)
        self.reports = assignments.assignment_reports(session, self.assignment_id)
        assignments.delete_assignment(session, self.assignment_id)
        return Change("assignment", frozenset({self.assignment_id}), structure=True)

    def revert(self, session: Session) -> Change:
        self.assignment_id = assignments.create_assignment(session, self.values)
        for period_code, state, comment in self.reports:
            assignments.report_assignment(session, self.assignment_id, period_code, state, comment)
        return Change("assignment", frozenset({self.assignment_id}), structure=True)


class ReportAssignmentCommand(StoreCommand):
    def __init__(self, context: EditContext, assignment_id: int, period_code: str, state: AssignmentState,
                 comment: str) -> None:
        super().__init__(context, QCoreApplication.translate("AnnualCommands", "Report assignment status"))
        self.assignment_id, self.period_code, self.state, self.comment = assignment_id, period_code, state, comment
        self.previous: tuple[AssignmentState, str] | None = None

    def apply(self, session: Session) -> Change:
        self.previous = assignments.report_assignment(session, self.assignment_id, self.period_code, self.state,
                                                      self.comment)
        return Change("assignment", frozenset({self.assignment_id}))

    def revert(self, session: Session) -> Change:
        if self.previous is None:
            assignments.clear_assignment_report(session, self.assignment_id, self.period_code)
        else:
            assignments.report_assignment(session, self.assignment_id, self.period_code, *self.previous)
        return Change("assignment", frozenset({self.assignment_id}))


class SetReportTextCommand(StoreCommand):
    """One section's text for a scope and period. Typing in the same section merges into one step."""

    ID = 2001

    def __init__(self, context: EditContext, unit_id: int | None, period_code: str, section: ReportSection,
                 text: str) -> None:
        super().__init__(context, QCoreApplication.translate("AnnualCommands", "Edit report text"))
        self.unit_id, self.period_code, self.section, self.text = unit_id, period_code, section, text
        self.old: str | None = None
        self.first = True

    def id(self) -> int:  # noqa: A003 - Qt's name
        return self.ID

    def mergeWith(self, other) -> bool:  # noqa: N802 - Qt override
        if (other.unit_id, other.period_code, other.section) != (self.unit_id, self.period_code, self.section):
            return False
        self.text = other.text
        return True

    def apply(self, session: Session) -> Change:
        old = set_report_text(session, self.unit_id, self.period_code, self.section, self.text)
        if self.first:
            self.old, self.first = old, False
        return Change("report_text")

    def revert(self, session: Session) -> Change:
        set_report_text(session, self.unit_id, self.period_code, self.section, self.old or "")
        return Change("report_text")


class SetBalanceEntryCommand(StoreCommand):
    def __init__(self, context: EditContext, year: int, item: BalanceItem, amount: float | None) -> None:
        super().__init__(context, QCoreApplication.translate("AnnualCommands", "Edit balance requirement"))
        self.year, self.item, self.amount, self.old = year, item, amount, None

    def apply(self, session: Session) -> Change:
        self.old = finances.set_balance_entry(session, self.year, self.item, self.amount)
        return Change("balance_entry")

    def revert(self, session: Session) -> Change:
        finances.set_balance_entry(session, self.year, self.item, self.old)
        return Change("balance_entry")


class ApplyFiguresCommand(StoreCommand):
    """A checked finance import (or any set of figures) as one step; undo restores every amount."""

    def __init__(self, context: EditContext, figures: dict, text: str | None = None) -> None:
        super().__init__(context, text or QCoreApplication.translate("AnnualCommands", "Import finances"))
        self.figures, self.previous = dict(figures), {}

    def apply(self, session: Session) -> Change:
        self.previous = finances.apply_figures(session, self.figures)
        return Change("financial_figure", structure=True)

    def revert(self, session: Session) -> Change:
        finances.apply_figures(session, self.previous)
        return Change("financial_figure", structure=True)


class AddRiskCommand(StoreCommand):
    def __init__(self, context: EditContext, plan_id: int, title: str, likelihood: int, consequence: int,
                 control: dict | None = None) -> None:
        super().__init__(context, QCoreApplication.translate("AnnualCommands", "New risk"))
        self.plan_id, self.title, self.likelihood, self.consequence = plan_id, title, likelihood, consequence
        self.control, self.risk_id = control, None

    def apply(self, session: Session) -> Change:
        self.risk_id = internal_control.add_risk(session, self.plan_id, self.title, self.likelihood,
                                                 self.consequence)
        if self.control and self.control.get("title"):
            internal_control.add_control(session, self.risk_id, **self.control)
        return Change("control_risk", frozenset({self.risk_id}), structure=True)

    def revert(self, session: Session) -> Change:
        internal_control.delete_risk(session, self.risk_id)
        return Change("control_risk", frozenset({self.risk_id}), structure=True)


class RecordControlResultCommand(StoreCommand):
    def __init__(self, context: EditContext, control_id: int, period_code: str, deviation: bool, finding: str,
                 actions: str) -> None:
        super().__init__(context, QCoreApplication.translate("AnnualCommands", "Record control result"))
        self.args = (control_id, period_code, deviation, finding, actions)
        self.previous: dict | None = None

    def apply(self, session: Session) -> Change:
        self.previous = internal_control.record_result(session, *self.args)
        return Change("control_point", frozenset({self.args[0]}))

    def revert(self, session: Session) -> Change:
        control_id, period_code = self.args[:2]
        if self.previous is None:
            internal_control.clear_result(session, control_id, period_code)
        else:
            internal_control.record_result(session, control_id, period_code, self.previous["deviation"],
                                           self.previous["finding"], self.previous["actions"])
        return Change("control_point", frozenset({control_id}))
