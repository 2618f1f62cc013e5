"""The domain's entities. Importing this package registers every table on `Base.metadata`."""

from app.models import guards  # noqa: E402,F401,I001 - registers the SQLite triggers on the tables
from app.models.annual import (
    Assignment,
    AssignmentReport,
    BalanceEntry,
    ControlPoint,
    ControlResult,
    ControlRisk,
    FinancialFigure,
    GoalSdg,
    InternalControlPlan,
    ReportText,
    goal_sdg,
)
from app.models.audit import AuditEntry, ImportMapping
from app.models.base import Base
from app.models.directives import DelegationDecision, DelegationItem, Directive, directive_goal
from app.models.enums import (
    ActivityState,
    AdoptionState,
    AssignmentSource,
    AssignmentState,
    AuditAction,
    BalanceItem,
    Direction,
    DirectiveState,
    DirectiveType,
    FinanceKind,
    FinanceMeasure,
    Gender,
    GoalLevel,
    Horizon,
    LabelledEnum,
    PeriodKind,
    ProviderType,
    ReportSection,
    Status,
    ToleranceKind,
    UnitKind,
)
from app.models.followup import (
    Assessment,
    DialogueMeeting,
    GoalIndicator,
    ImportBatch,
    ImportChange,
    Indicator,
    Period,
    Result,
    Target,
    assessment_meeting,
    dialogue_meeting_goal,
)
from app.models.goals import Goal
from app.models.organisation import OrgUnit
from app.models.plans import Activity, Milestone, OperationalPlan, activity_goal
from app.models.settings import DbSetting

__all__ = [
    "Assignment", "AssignmentReport", "AssignmentSource", "AssignmentState", "BalanceEntry", "BalanceItem",
    "ControlPoint", "ControlResult", "ControlRisk", "FinanceKind", "FinanceMeasure", "FinancialFigure", "GoalSdg",
    "InternalControlPlan", "ReportSection", "ReportText", "goal_sdg",
    "Activity", "ActivityState", "AdoptionState", "Assessment", "AuditAction", "AuditEntry", "Base",
    "DbSetting", "DelegationDecision", "DelegationItem", "DialogueMeeting", "Direction", "Directive",
    "DirectiveState", "DirectiveType", "Gender", "Goal", "GoalIndicator", "GoalLevel", "Horizon",
    "ImportBatch", "ImportChange", "ImportMapping", "Indicator", "LabelledEnum", "Milestone", "OperationalPlan",
    "OrgUnit", "Period", "PeriodKind", "ProviderType", "Result", "Status", "Target", "ToleranceKind",
    "UnitKind", "activity_goal", "assessment_meeting", "dialogue_meeting_goal", "directive_goal",
]
