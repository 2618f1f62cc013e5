"""Styrdokument, delegation and plans on a register grown to a large region's size: 1 500
documents (300 with three versions each), a delegation order with 200 items and 20 000 decisions.
Baseline: reading the same rows with one plain SELECT, in the same run."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
import tempfile
from pathlib import Path

from common import heading, median_seconds, report

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _grow(store) -> int:
    import sqlalchemy as sa

    from app.models import (
        DelegationDecision,
        DelegationItem,
        Directive,
        DirectiveState,
        DirectiveType,
        OrgUnit,
    )

    with store.transaction() as s:
        owners = s.execute(sa.select(OrgUnit.id).where(OrgUnit.code.in_(("RS", "HSN", "UN", "ON")))).scalars().all()
        types = list(DirectiveType)
        for n in range(1200):
            s.add(Directive(title=f"Riktlinje {n}", doc_type=types[n % len(types)], case_number=f"X {n}",
                            owner_unit_id=owners[n % 4], state=DirectiveState.ADOPTED,
                            review_due=dt.date(2026, 1, 1) + dt.timedelta(days=n % 900)))
        for n in range(300):
            previous = None
            for version in (1, 2, 3):
                d = Directive(title=f"Policy {n}", doc_type=DirectiveType.POLICY, case_number=f"P {n}",
                              owner_unit_id=owners[n % 4], version_no=version,
                              state=DirectiveState.ADOPTED if version == 3 else DirectiveState.REPEALED,
                              previous_version_id=previous, review_due=dt.date(2027, 1, 1))
                s.add(d)
                s.flush()
                previous = d.id
        order = Directive(title="Stor delegationsordning", doc_type=DirectiveType.DELEGATION_ORDER,
                          owner_unit_id=owners[0], state=DirectiveState.ADOPTED)
        s.add(order)
        s.flush()
        items = [DelegationItem(directive_id=order.id, chapter=f"{n // 20} Kapitel", number=str(n), matter="Ärende",
                                delegate="Förvaltningschef", position=n) for n in range(200)]
        s.add_all(items)
        s.flush()
        s.execute(DelegationDecision.__table__.insert(), [
            {"item_id": items[n % 200].id, "decided_on": dt.date(2026, 1, 1) + dt.timedelta(days=n % 300),
             "decided_by": "Delegat", "summary": f"Beslut {n}", "case_number": f"D {n}",
             "reported_on": None if n % 10 == 0 else dt.date(2026, 11, 1)} for n in range(20000)])
        return order.id


def main() -> None:
    heading("Styrdokument and delegation (issue 6)")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import sqlalchemy as sa

    from app.models import DelegationDecision, Directive
    from app.models.store import open_store
    from app.services.demo.builder import build_demo
    from app.services.governance import directives, programme
    from app.services.governance.register_export import register_sheets, write_xlsx

    folder = Path(tempfile.mkdtemp(prefix="styrkort-bench-"))
    store = open_store(folder / "big.sqlite")
    with store.transaction() as s:
        build_demo(s)
    order = _grow(store)
    today = dt.date(2026, 11, 27)
    with store.session() as s:
        plain = median_seconds(lambda: s.execute(sa.select(Directive)).scalars().all())
        report("plain SELECT of all 2 117 directive rows", plain, "select", plain)
        report("register: current versions with owners and review status",
               median_seconds(lambda: directives.register(s, today)), "select", plain)
        report("Att revidera list", median_seconds(lambda: directives.due_for_review(s, today)), "select", plain)
        decisions = median_seconds(lambda: s.execute(sa.select(DelegationDecision)).scalars().all())
        report("plain SELECT of 20 000 decisions", decisions, "select decisions", decisions)
        report("unreported decisions of the order (2 000)",
               median_seconds(lambda: directives.unreported_decisions(s, order)), "select decisions", decisions)
        report("items of a 200-item order with decision counts",
               median_seconds(lambda: directives.items(s, order)), "select decisions", decisions)
        report("programme for providers generated from the demo",
               median_seconds(lambda: programme.generate(s, 2023)), "select", plain)
        report("register workbook (6 sheets, 22 000 rows) written to .xlsx",
               median_seconds(lambda: write_xlsx(folder / "register.xlsx", register_sheets(s)), repeat=3),
               "select", plain)
    store.close()
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
