"""Exempelregionen is plausible: the sizes the brief asks for and values that make sense."""

from __future__ import annotations

import sqlalchemy as sa

from app.models import Goal, GoalLevel, Indicator, OrgUnit, ProviderType, Result, Target, UnitKind
from app.services.platform.audit_check import verify_chain


def count(session, query) -> int:
    return session.execute(query).scalar_one()


def test_demo_sizes(demo_store):
    with demo_store.session() as s:
        levels = dict(s.execute(sa.select(Goal.level, sa.func.count()).group_by(Goal.level)).all())
        assert levels[GoalLevel.VISION] == 1
        assert 4 <= levels[GoalLevel.GOAL_AREA] <= 6
        assert 25 <= levels[GoalLevel.GOAL] + levels[GoalLevel.SUB_GOAL] <= 35
        assert 35 <= count(s, sa.select(sa.func.count()).select_from(Indicator)) <= 45
        assert count(s, sa.select(sa.func.count()).where(Indicator.kolada_kpi_id.is_not(None))) >= 5
        committees = count(s, sa.select(sa.func.count()).where(OrgUnit.kind == UnitKind.COMMITTEE))
        assert committees == 3
        providers = s.execute(sa.select(OrgUnit.provider_type).where(OrgUnit.kind == UnitKind.UNIT)).scalars().all()
        assert 20 <= len(providers) <= 30
        outside = sum(p is not ProviderType.IN_HOUSE for p in providers)
        assert 0.25 <= outside / len(providers) <= 0.4


def test_demo_values_are_plausible(demo_store):
    with demo_store.session() as s:
        council = s.scalar(sa.select(OrgUnit.id).where(OrgUnit.kind == UnitKind.COUNCIL))
        for indicator in s.execute(sa.select(Indicator)).scalars():
            rows = s.execute(sa.select(Result.value, Result.unit_id).where(Result.indicator_id == indicator.id)).all()
            values = [value for value, _ in rows]
            # The financial goals are the organisation's, one value a year; others are per unit.
            organisation_wide = {unit for _, unit in rows} == {council}
            assert len(values) >= (4 if organisation_wide else 8), indicator.code
            assert all(indicator.min_value <= v <= indicator.max_value for v in values), indicator.code
            if indicator.unit_of_measure == "%" and indicator.min_value == 0 and indicator.max_value <= 100:
                assert all(0 <= v <= 100 for v in values)
            if indicator.unit_of_measure == "kr":
                assert min(values) > 1000, "costs in kr, not thousands"
            targets = s.execute(sa.select(Target.value).where(Target.indicator_id == indicator.id)).scalars().all()
            assert targets, indicator.code
        years = s.execute(sa.text("SELECT DISTINCT p.year FROM result r JOIN period p ON p.id = r.period_id")).scalars()
        assert sorted(years) == [2022, 2023, 2024, 2025]
        assert count(s, sa.text("SELECT count(*) FROM result r JOIN period p ON p.id = r.period_id "
                                "WHERE p.kind = 'tertial'")) > 500


def test_demo_audit_chain_is_intact(demo_store):
    with demo_store.session() as s:
        assert verify_chain(s) == []
