"""The region's own steering model: what its goal levels are called (Swedish and English), how
deep the hierarchy goes, and which levels are adopted politically and which by the förvaltning.

The goal tree stores four structural levels (vision → målområde → mål → delmål, `GoalLevel`);
the model names them as the region does and may stop earlier (depth 3: no delmål). SKR's model
is the default. Stored as JSON in the database's settings, so it travels with the file."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from sqlalchemy.orm import Session

from app.models import AuditAction, GoalLevel
from app.models.errors import RuleViolation
from app.services.platform import audit
from app.services.platform.settings import get_setting, set_setting

SETTING = "steering_model"
POLITICAL, ADMINISTRATION = "political", "administration"
ADOPTERS = {POLITICAL: ("Politiskt (fullmäktige/nämnd)", "Political (council/committee)"),
            ADMINISTRATION: ("Förvaltningen", "The administration")}
LEVELS = list(GoalLevel)


@dataclass(frozen=True)
class SteeringLevel:
    level: str        # the structural GoalLevel value
    sv: str
    en: str
    adopted_by: str   # POLITICAL or ADMINISTRATION

    def label(self, language: str = "sv") -> str:
        return self.sv if language == "sv" else self.en


@dataclass(frozen=True)
class SteeringModel:
    name: str
    levels: tuple[SteeringLevel, ...]

    @property
    def depth(self) -> int:
        return len(self.levels)

    def level(self, level: GoalLevel | str) -> SteeringLevel | None:
        value = GoalLevel(level).value
        return next((lv for lv in self.levels if lv.level == value), None)

    def label(self, level: GoalLevel | str, language: str = "sv") -> str:
        found = self.level(level)
        return found.label(language) if found else GoalLevel(level).label(language)

    def deepest(self) -> GoalLevel:
        return GoalLevel(self.levels[-1].level)


SKR_DEFAULT = SteeringModel("SKR", (
    SteeringLevel(GoalLevel.VISION.value, "Vision", "Vision", POLITICAL),
    SteeringLevel(GoalLevel.GOAL_AREA.value, "Målområde", "Goal area", POLITICAL),
    SteeringLevel(GoalLevel.GOAL.value, "Mål", "Goal", POLITICAL),
    SteeringLevel(GoalLevel.SUB_GOAL.value, "Delmål", "Sub-goal", ADMINISTRATION),
))


def steering_model(session: Session) -> SteeringModel:
    """The database's model, or SKR's default when none is set."""
    text = get_setting(session, SETTING)
    if not text:
        return SKR_DEFAULT
    data = json.loads(text)
    return SteeringModel(data.get("name", ""), tuple(SteeringLevel(**lv) for lv in data["levels"]))


def parse_model(data: dict) -> SteeringModel:
    """A model from plain data ({"name", "levels": [{"sv", "en", "adopted_by"}, …]}), levels from the
    top; refused with a reason when it does not fit the goal tree."""
    levels = data.get("levels") or []
    if not 3 <= len(levels) <= len(LEVELS):
        raise RuleViolation(f"Styrmodellen ska ha 3–{len(LEVELS)} nivåer, inte {len(levels)}.",
                            f"The steering model must have 3–{len(LEVELS)} levels, not {len(levels)}.")
    parsed = []
    for structural, level in zip(LEVELS, levels, strict=False):
        sv, en = str(level.get("sv", "")).strip(), str(level.get("en", "")).strip() or str(level.get("sv", "")).strip()
        adopted_by = level.get("adopted_by", POLITICAL)
        if not sv:
            raise RuleViolation(f"Nivå {len(parsed) + 1} saknar svenskt namn.", f"Level {len(parsed) + 1} has no Swedish name.")
        if adopted_by not in ADOPTERS:
            raise RuleViolation(f"”{adopted_by}” är inget giltigt värde; välj {POLITICAL} eller {ADMINISTRATION}.",
                                f"“{adopted_by}” is not valid; choose {POLITICAL} or {ADMINISTRATION}.")
        parsed.append(SteeringLevel(structural.value, sv, en, adopted_by))
    return SteeringModel(str(data.get("name", "")).strip(), tuple(parsed))


def set_steering_model(session: Session, model: SteeringModel) -> SteeringModel:
    """Store the model (audited); returns the previous one. Refuses a depth that would leave goals
    below the deepest level."""
    from app.models import Goal

    old = steering_model(session)
    deeper = LEVELS[model.depth:]
    if deeper:
        import sqlalchemy as sa

        used = session.execute(sa.select(sa.func.count()).where(Goal.level.in_(deeper))).scalar_one()
        if used:
            raise RuleViolation(
                f"Det finns {used} mål på nivåer under {model.levels[-1].sv.lower()}; flytta eller ta bort dem först.",
                f"There are {used} goals below {model.levels[-1].en.lower()}; move or delete them first.")
    set_setting(session, SETTING, json.dumps({"name": model.name, "levels": [asdict(lv) for lv in model.levels]},
                                             ensure_ascii=False))
    audit.record(session, AuditAction.UPDATE, "setting", None, field=SETTING,
                 old=" → ".join(lv.sv for lv in old.levels), new=" → ".join(lv.sv for lv in model.levels),
                 summary="Styrmodellen ändrad")
    return old
