"""Agenda 2030: goals tagged with the seventeen global goals, so that reports can be grouped by
them."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models import AuditAction, GoalSdg
from app.models.errors import RuleViolation
from app.services.platform import audit

SDG_NAMES = {
    1: "Ingen fattigdom", 2: "Ingen hunger", 3: "Hälsa och välbefinnande", 4: "God utbildning för alla",
    5: "Jämställdhet", 6: "Rent vatten och sanitet för alla", 7: "Hållbar energi för alla",
    8: "Anständiga arbetsvillkor och ekonomisk tillväxt", 9: "Hållbar industri, innovationer och infrastruktur",
    10: "Minskad ojämlikhet", 11: "Hållbara städer och samhällen", 12: "Hållbar konsumtion och produktion",
    13: "Bekämpa klimatförändringarna", 14: "Hav och marina resurser", 15: "Ekosystem och biologisk mångfald",
    16: "Fredliga och inkluderande samhällen", 17: "Genomförande och globalt partnerskap",
}


def goal_sdgs(session: Session, goal_id: int) -> list[int]:
    return list(session.scalars(sa.select(GoalSdg.sdg).where(GoalSdg.goal_id == goal_id).order_by(GoalSdg.sdg)))


def set_goal_sdgs(session: Session, goal_id: int, sdgs: list[int]) -> list[int]:
    """Replace a goal's global goals; returns the previous ones (for undo), audited as one change."""
    wanted = sorted(set(sdgs))
    bad = [n for n in wanted if n not in SDG_NAMES]
    if bad:
        raise RuleViolation(f"Agenda 2030 har globala mål 1–17, inte {', '.join(map(str, bad))}.",
                            f"Agenda 2030 has global goals 1–17, not {', '.join(map(str, bad))}.")
    old = goal_sdgs(session, goal_id)
    if old == wanted:
        return old
    session.execute(sa.delete(GoalSdg).where(GoalSdg.goal_id == goal_id))
    for sdg in wanted:
        session.add(GoalSdg(goal_id=goal_id, sdg=sdg))
    session.flush()
    audit.record(session, AuditAction.UPDATE, "goal", goal_id, field="Agenda 2030",
                 old=", ".join(map(str, old)) or None, new=", ".join(map(str, wanted)) or None)
    return old
