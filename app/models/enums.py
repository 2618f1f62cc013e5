"""Domain vocabularies. Each member carries its Swedish term (the UI default, from the glossary)
and its English label, so that the domain, the command line, exports and packs can name
things without Qt."""

from __future__ import annotations

import enum


class LabelledEnum(enum.StrEnum):
    """A string enum whose stored value is the English identifier and that knows its labels."""

    sv: str
    en: str

    def __new__(cls, value: str, sv: str, en: str) -> LabelledEnum:
        member = str.__new__(cls, value)
        member._value_ = value
        member.sv = sv
        member.en = en
        return member

    def label(self, language: str = "sv") -> str:
        return self.sv if language == "sv" else self.en

    @classmethod
    def from_text(cls, text: str) -> LabelledEnum:
        """Accept the identifier or either label, case-insensitively (spreadsheets use labels)."""
        needle = text.strip().casefold()
        for member in cls:
            if needle in (member.value.casefold(), member.sv.casefold(), member.en.casefold()):
                return member
        raise ValueError(f"{text!r} is not one of {[m.sv for m in cls]}")


class UnitKind(LabelledEnum):
    COUNCIL = "council", "Fullmäktige", "Council"
    EXECUTIVE_BOARD = "executive_board", "Styrelse", "Executive board"
    COMMITTEE = "committee", "Nämnd", "Committee"
    ADMINISTRATION = "administration", "Förvaltning", "Administration"
    SERVICE_AREA = "service_area", "Verksamhet", "Service area"
    UNIT = "unit", "Enhet", "Unit"
    # Kolada's municipalities and Riket (0000): comparison values, not part of the organisation.
    REFERENCE = "reference", "Jämförelseområde", "Reference area"


class ProviderType(LabelledEnum):
    IN_HOUSE = "in_house", "Egen regi", "In-house"
    EXTERNAL = "external", "Extern utförare", "External provider"
    NON_PROFIT = "non_profit", "Idéburen utförare", "Non-profit provider"


class GoalLevel(LabelledEnum):
    VISION = "vision", "Vision", "Vision"
    GOAL_AREA = "goal_area", "Målområde", "Goal area"
    GOAL = "goal", "Mål", "Goal"
    SUB_GOAL = "sub_goal", "Delmål", "Sub-goal"


class Horizon(LabelledEnum):
    LONG = "long", "Långsiktigt", "Long term"
    SHORT = "short", "Kortsiktigt", "Short term"


class AdoptionState(LabelledEnum):
    DRAFT = "draft", "Utkast", "Draft"
    ADOPTED = "adopted", "Fastställd", "Adopted"


class Direction(LabelledEnum):
    HIGHER_BETTER = "higher_better", "Högre är bättre", "Higher is better"
    LOWER_BETTER = "lower_better", "Lägre är bättre", "Lower is better"


class ToleranceKind(LabelledEnum):
    ABSOLUTE = "absolute", "Absolut", "Absolute"
    PERCENT = "percent", "Procent", "Percent"


class PeriodKind(LabelledEnum):
    YEAR = "year", "År", "Year"
    TERTIAL = "tertial", "Tertial", "Tertial"
    QUARTER = "quarter", "Kvartal", "Quarter"
    MONTH = "month", "Månad", "Month"


class Gender(LabelledEnum):
    TOTAL = "T", "Totalt", "Total"
    WOMEN = "K", "Kvinnor", "Women"
    MEN = "M", "Män", "Men"


class Status(LabelledEnum):
    MET = "met", "Uppfyllt", "Met"
    PARTLY_MET = "partly_met", "Delvis uppfyllt", "Partly met"
    NOT_MET = "not_met", "Ej uppfyllt", "Not met"
    NOT_ASSESSED = "not_assessed", "Ej bedömt", "Not assessed"


class DirectiveType(LabelledEnum):
    POLICY = "policy", "Policy", "Policy"
    RULES_OF_PROCEDURE = "rules_of_procedure", "Reglemente", "Rules of procedure"
    GUIDELINE = "guideline", "Riktlinje", "Guideline"
    PROGRAMME = "programme", "Program", "Programme"
    PLAN = "plan", "Plan", "Plan"
    ACTION_PLAN = "action_plan", "Handlingsplan", "Action plan"
    DELEGATION_ORDER = "delegation_order", "Delegationsordning", "Delegation order"


class DirectiveState(LabelledEnum):
    DRAFT = "draft", "Utkast", "Draft"
    CONSULTATION = "consultation", "Remiss", "Consultation"
    ADOPTED = "adopted", "Fastställd", "Adopted"
    REPEALED = "repealed", "Upphävd", "Repealed"


class ActivityState(LabelledEnum):
    PLANNED = "planned", "Planerad", "Planned"
    ONGOING = "ongoing", "Pågår", "Ongoing"
    DONE = "done", "Genomförd", "Done"
    CANCELLED = "cancelled", "Avbruten", "Cancelled"


class AuditAction(LabelledEnum):
    CREATE = "create", "Skapad", "Created"
    UPDATE = "update", "Ändrad", "Updated"
    DELETE = "delete", "Borttagen", "Deleted"
    MOVE = "move", "Flyttad", "Moved"
    IMPORT = "import", "Importerad", "Imported"


class AssignmentState(LabelledEnum):
    """Status of an uppdrag from fullmäktige or the styrelse."""

    NOT_STARTED = "not_started", "Ej påbörjat", "Not started"
    IN_PROGRESS = "in_progress", "Pågår", "In progress"
    DONE = "done", "Genomfört", "Done"
    CLOSED_NOT_DONE = "closed_not_done", "Avslutat ej genomfört", "Closed, not done"


class AssignmentSource(LabelledEnum):
    BUDGET = "budget", "Mål och budget", "Budget"
    DECISION = "decision", "Särskilt beslut", "Separate decision"


class FinanceKind(LabelledEnum):
    OPERATING = "operating", "Drift", "Operating"
    INVESTMENT = "investment", "Investering", "Investment"


class FinanceMeasure(LabelledEnum):
    BUDGET = "budget", "Budget", "Budget"
    OUTCOME = "outcome", "Utfall", "Outcome"
    FORECAST = "forecast", "Prognos", "Forecast"


class BalanceItem(LabelledEnum):
    """The lines of the balanskravsutredning (KL 11 kap., LKBR), in the order they are shown."""

    RESULT = "result", "Årets resultat", "Result for the year"
    REALISED_GAINS = "realised_gains", "Samtliga realisationsvinster", "All realised gains"
    GAINS_EXCEPTION = ("gains_exception", "Realisationsvinster enligt undantagsmöjlighet",
                       "Realised gains under the exception")
    LOSSES_EXCEPTION = ("losses_exception", "Realisationsförluster enligt undantagsmöjlighet",
                        "Realised losses under the exception")
    UNREALISED_LOSSES = ("unrealised_losses", "Orealiserade förluster i värdepapper",
                         "Unrealised losses on securities")
    UNREALISED_REVERSAL = ("unrealised_reversal", "Återföring av orealiserade förluster i värdepapper",
                           "Reversal of unrealised losses on securities")
    TO_RESERVE = "to_reserve", "Medel till resultatutjämningsreserv", "Transfer to the equalisation reserve"
    FROM_RESERVE = "from_reserve", "Medel från resultatutjämningsreserv", "Use of the equalisation reserve"


class ReportSection(LabelledEnum):
    """People's text in a delårsrapport or årsredovisning, per scope and period."""

    SUMMARY = "summary", "Sammanfattning", "Summary"
    EVENTS = "events", "Viktiga händelser", "Important events"
    ECONOMY = "economy", "Ekonomi – kommentar", "Finances – comment"
    PERSONNEL = "personnel", "Personal – kommentar", "Staff – comment"
    FUTURE = "future", "Framtid", "Outlook"
