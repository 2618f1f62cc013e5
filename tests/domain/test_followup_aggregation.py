"""The numbers a controller signs: aggregation per indicator, once per goal subtree, thresholds
from the steering settings, rounding half up, trend at shown precision, cumulative periods with
a full-year forecast. Every expected figure is worked out by hand in the comment beside it."""

from __future__ import annotations

import csv

import pytest
import sqlalchemy as sa

from app.models import (
    Direction,
    Gender,
    Goal,
    GoalIndicator,
    GoalLevel,
    Indicator,
    OrgUnit,
    Result,
    Status,
    UnitKind,
)
from app.models.enums import Aggregation, Forecast
from app.services.followup.aggregation import aggregate_pairs
from app.services.followup.forecast import explain_forecast, part_year_follow_up, project
from app.services.followup.periods import ensure_period
from app.services.followup.status import (
    RollupRule,
    Thresholds,
    Trend,
    combine,
    compute_follow_up,
    explain,
    set_thresholds,
    thresholds,
    trend,
)
from app.services.followup.targets import set_target
from app.services.platform import swedish

# Three vårdcentraler, Kolada-style: andel (%) with its nämnare (patients asked).
SHARES = [(80.0, 50.0), (90.0, 200.0), (70.0, 10.0)]


@pytest.mark.parametrize("rule, pairs, expected", [
    # (80·50 + 90·200 + 70·10) / (50 + 200 + 10) = (4000 + 18000 + 700) / 260 = 22700 / 260 = 87.3077
    (Aggregation.WEIGHTED, SHARES, 22700 / 260),
    # (80 + 90 + 70) / 3 = 80
    (Aggregation.MEAN, SHARES, 80.0),
    # antal besök: 1200 + 3400 + 560 = 5160
    (Aggregation.SUM, [(1200.0, None), (3400.0, None), (560.0, None)], 5160.0),
    # kr per invånare weighted by population: (5900·10000 + 6500·30000) / 40000 = 254e6 / 40000 = 6350
    (Aggregation.WEIGHTED, [(5900.0, 10000.0), (6500.0, 30000.0)], 6350.0),
    # one unit only, not aggregated: its own value
    (Aggregation.NONE, [(72.0, None)], 72.0),
    # several units, not aggregated: no value
    (Aggregation.NONE, [(72.0, None), (75.0, None)], None),
])
def test_each_rule_against_a_hand_calculation(rule, pairs, expected):
    got = aggregate_pairs(rule, pairs)
    assert got.value == pytest.approx(expected) if expected is not None else got.value is None
    assert got.reporting == len(pairs)


def test_weighted_without_denominators_is_the_mean_and_says_so():
    got = aggregate_pairs(Aggregation.WEIGHTED, [(80.0, 50.0), (90.0, None)])
    assert got.value == pytest.approx(85.0)
    assert got.fell_back and got.rule is Aggregation.MEAN


def test_weighted_share_of_real_skolverket_schools_by_number_of_pupils(shared_data):
    """Stockholm's schools (Skolverket 2024/25): the municipality's share is pupils-weighted."""
    path = shared_data / "skolverket" / "grundskola_slutbetyg_ak9_2024-25_skolenhet.csv"
    lines = path.read_text(encoding="utf-8-sig").splitlines()[5:]
    pairs = []
    for row in csv.DictReader(lines, delimiter=";"):
        if row.get("Kommun-kod") != "0180":
            continue
        share, pupils = row["Andel (%) elever som uppfyllt betygskriterierna i alla ämnen"], row["Antal elever"]
        try:
            pairs.append((float(share.replace(",", ".")), float(pupils)))
        except ValueError:
            continue  # '..', '.', '~100': suppressed or missing
    assert len(pairs) > 50
    weighted = aggregate_pairs(Aggregation.WEIGHTED, pairs)
    by_hand = sum(v * n for v, n in pairs) / sum(n for _, n in pairs)
    assert weighted.value == pytest.approx(by_hand)
    assert weighted.denominator == sum(n for _, n in pairs)
    assert abs(weighted.value - aggregate_pairs(Aggregation.MEAN, pairs).value) > 0.1


def test_rounding_is_half_up_as_in_swedish_reports():
    assert swedish.number(12.5) == "13"
    assert swedish.number(13.5) == "14"
    assert swedish.number(0.125, 2) == "0,13"
    assert swedish.number(2.675, 2) == "2,68"
    assert swedish.number(-12.5) == "\u221213"
    assert swedish.number(118670.0) == "118\u00a0670"


def test_trend_compares_the_values_as_shown():
    # 17,6 shows as 18 and 17,4 as 17: the reader sees a change, so it is one.
    assert trend(17.6, 17.4, Direction.HIGHER_BETTER, 0) is Trend.IMPROVING
    assert trend(17.4, 17.6, Direction.LOWER_BETTER, 0) is Trend.IMPROVING
    # 17,5 and 18,4 both show as 18.
    assert trend(18.4, 17.5, Direction.HIGHER_BETTER, 0) is Trend.UNCHANGED
    assert Trend.IMPROVING.label() == "Bättre" and Trend.WORSENING.arrow == "↓"


def test_thresholds_come_from_the_steering_settings(empty_store):
    inputs = [(Status.MET, 1.0), (Status.MET, 1.0), (Status.NOT_MET, 1.0)]  # score 2/3 = 0.667
    assert combine(inputs, RollupRule.WEIGHTED_SHARE)[0] is Status.PARTLY_MET  # 0.667 < 0.75
    with empty_store.transaction() as s:
        old = set_thresholds(s, Thresholds(met=0.6, partly=0.3))
        assert old == Thresholds()
    with empty_store.session() as s:
        chosen = thresholds(s)
        assert chosen == Thresholds(met=0.6, partly=0.3)
        assert combine(inputs, RollupRule.WEIGHTED_SHARE, chosen)[0] is Status.MET  # 0.667 ≥ 0.60


def test_thresholds_must_be_ordered(empty_store):
    from app.models.errors import RuleViolation

    with empty_store.transaction() as s, pytest.raises(RuleViolation):
        set_thresholds(s, Thresholds(met=0.3, partly=0.6))


def _organisation(s):
    council = OrgUnit(code="RF", name="Fullmäktige", kind=UnitKind.COUNCIL)
    committee = OrgUnit(code="HSN", name="Hälso- och sjukvårdsnämnden", kind=UnitKind.COMMITTEE, parent=council)
    units = [OrgUnit(code=f"VC{i}", name=f"Vårdcentral {i}", kind=UnitKind.UNIT, parent=committee)
             for i in range(3)]
    s.add_all([council, committee, *units])
    s.flush()
    return committee, units


def _indicator(s, code, aggregation, unit="%", direction=Direction.HIGHER_BETTER, decimals=1):
    ind = Indicator(code=code, name=code, unit_of_measure=unit, aggregation=aggregation, direction=direction,
                    decimals=decimals)
    s.add(ind)
    s.flush()
    return ind


def _result(s, ind, unit, period_code, value, count=None):
    period = ensure_period(s, period_code)
    s.add(Result(indicator_id=ind.id, unit_id=unit.id, period_id=period.id, gender=Gender.TOTAL,
                 value=value, count=count))
    s.flush()


def test_roll_up_uses_the_weighted_value_and_explains_it(empty_store):
    with empty_store.transaction() as s:
        committee, units = _organisation(s)
        ind = _indicator(s, "PV01", Aggregation.WEIGHTED)
        for unit, (value, count) in zip(units, SHARES, strict=True):
            _result(s, ind, unit, "2025", value, count)
        set_target(s, ind.id, "2025", None, 85.0)
        goal = Goal(level=GoalLevel.GOAL, title="Tillgänglig vård", code="1.1")
        s.add(goal)
        s.flush()
        s.add(GoalIndicator(goal_id=goal.id, indicator_id=ind.id))
    with empty_store.session() as s:
        follow_up = compute_follow_up(s, "2025", committee.id)
        outcome = follow_up.goals[goal.id].indicators[0]
        assert outcome.value == pytest.approx(87.3077, abs=1e-4)
        # The unweighted mean 80 would have been "ej uppfyllt" against 85; the weighted 87,3 is met.
        assert outcome.status is Status.MET
        lines = explain(follow_up, goal.id, {goal.id: "1.1 Tillgänglig vård"})
        assert "  PV01 PV01: 87,3 / 85,0 % → Uppfyllt (vägt med nämnaren, 3 enheter, nämnare 260)" in lines
        assert any("uppfyllt ≥ 75 %, delvis ≥ 40 %" in line for line in lines)


def test_an_indicator_counts_once_per_goal_subtree(empty_store):
    with empty_store.transaction() as s:
        committee, units = _organisation(s)
        good = _indicator(s, "A", Aggregation.MEAN)
        bad = _indicator(s, "B", Aggregation.MEAN)
        for unit in units:
            _result(s, good, unit, "2025", 90.0)
            _result(s, bad, unit, "2025", 10.0)
        set_target(s, good.id, "2025", None, 80.0)
        set_target(s, bad.id, "2025", None, 80.0)
        goal = Goal(level=GoalLevel.GOAL, title="Mål", code="M")
        s.add(goal)
        s.flush()
        sub_a = Goal(level=GoalLevel.SUB_GOAL, title="Delmål A", code="M.a", parent_id=goal.id, position=0)
        sub_b = Goal(level=GoalLevel.SUB_GOAL, title="Delmål B", code="M.b", parent_id=goal.id, position=1)
        s.add_all([sub_a, sub_b])
        s.flush()
        s.add_all([GoalIndicator(goal_id=sub_a.id, indicator_id=good.id),
                   GoalIndicator(goal_id=sub_b.id, indicator_id=bad.id),
                   # B linked again at mål level: counted twice it would make the mål 1 of 3 met.
                   GoalIndicator(goal_id=goal.id, indicator_id=bad.id)])
    with empty_store.session() as s:
        follow_up = compute_follow_up(s, "2025")
        outcome = follow_up.goals[goal.id]
        # Once per subtree: delmål A met (1), delmål B not met (0) → 1/2 = 0.5 → delvis uppfyllt.
        # Twice it would be 1/3 = 0.33 → ej uppfyllt.
        assert outcome.score == pytest.approx(0.5)
        assert outcome.status is Status.PARTLY_MET
        assert outcome.counted_below == {bad.id}
        assert any("räknas inte två gånger" in line for line in explain(follow_up, goal.id, {}))


def test_linking_the_duplicate_warns(empty_store):
    from app.services.goals.editing import link_indicator

    with empty_store.transaction() as s:
        ind = _indicator(s, "A", Aggregation.MEAN)
        goal = Goal(level=GoalLevel.GOAL, title="Mål", code="M")
        s.add(goal)
        s.flush()
        sub = Goal(level=GoalLevel.SUB_GOAL, title="Delmål", code="M.a", parent_id=goal.id)
        s.add(sub)
        s.flush()
        assert link_indicator(s, sub.id, ind.id) is None
        warning = link_indicator(s, goal.id, ind.id)
        assert warning is not None and "M.a" in warning.sv and "en gång" in warning.sv


def test_cumulative_period_uses_the_yearly_target_for_a_share_and_forecasts_the_year(empty_store):
    with empty_store.transaction() as s:
        committee, units = _organisation(s)
        share = _indicator(s, "SH", Aggregation.WEIGHTED)
        visits = _indicator(s, "VIS", Aggregation.SUM, unit="st", decimals=0)
        for unit, (value, count) in zip(units, SHARES, strict=True):
            _result(s, share, unit, "2025A8", value, count)
        for unit, value in zip(units, [2000.0, 3000.0, 1000.0], strict=True):
            _result(s, visits, unit, "2025A8", value)
        set_target(s, share.id, "2025", None, 85.0)
        set_target(s, visits.id, "2025", None, 10000.0)
        goal = Goal(level=GoalLevel.GOAL, title="Mål", code="M")
        s.add(goal)
        s.flush()
        s.add_all([GoalIndicator(goal_id=goal.id, indicator_id=share.id, position=0),
                   GoalIndicator(goal_id=goal.id, indicator_id=visits.id, position=1)])
    with empty_store.session() as s:
        report = part_year_follow_up(s, "2025A8")
        assert report.label == "jan–aug 2025" and report.months == 8
        so_far = {o.code: o for o in report.follow_up.goals[goal.id].indicators}
        # The share holds for part of the year: 87,3 against the yearly 85 → met so far.
        assert so_far["SH"].target == 85.0 and so_far["SH"].status is Status.MET
        # A sum has no part-year target: the yearly 10 000 visits does not apply to 8 months.
        assert so_far["VIS"].target is None and so_far["VIS"].status is Status.NOT_ASSESSED
        forecast = {f.code: f for f in report.forecasts[goal.id].indicators}
        # 6 000 visits in 8 months → 6 000 × 12 / 8 = 9 000 a year, below 10 000 → not met.
        assert forecast["VIS"].projected == pytest.approx(9000.0)
        assert forecast["VIS"].forecast is Forecast.NOT_MET
        assert forecast["SH"].projected == pytest.approx(87.3077, abs=1e-4)
        assert forecast["SH"].forecast is Forecast.MET
        # 1 met + 1 not met → score ½ → "bedöms delvis uppfyllas".
        assert report.forecasts[goal.id].forecast is Forecast.PARTLY_MET
        assert report.forecasts[goal.id].status_so_far is Status.MET
        lines = explain_forecast(report, goal.id)
        assert lines[0] == "Prognos för helåret (jan–aug 2025, 8 månader): Bedöms delvis uppfyllas"
        assert "  VIS: 9\u00a0000 / 10\u00a0000 → Bedöms inte uppfyllas" in lines


def test_a_part_year_target_for_a_sum_is_used(empty_store):
    with empty_store.transaction() as s:
        _committee, units = _organisation(s)
        visits = _indicator(s, "VIS", Aggregation.SUM, unit="st", decimals=0)
        _result(s, visits, units[0], "2025A4", 3000.0)
        set_target(s, visits.id, "2025A4", None, 3200.0)
        set_target(s, visits.id, "2025", None, 9000.0)
        goal = Goal(level=GoalLevel.GOAL, title="Mål", code="M")
        s.add(goal)
        s.flush()
        s.add(GoalIndicator(goal_id=goal.id, indicator_id=visits.id))
    with empty_store.session() as s:
        report = part_year_follow_up(s, "2025A4")
        outcome = report.follow_up.goals[goal.id].indicators[0]
        assert outcome.target == 3200.0 and outcome.status is Status.NOT_MET
        # 3 000 in four months → 9 000 for the year: the yearly target is met.
        assert report.forecasts[goal.id].forecast is Forecast.MET


def test_projection_rules():
    assert project(6000.0, Aggregation.SUM, 8) == pytest.approx(9000.0)
    assert project(87.0, Aggregation.WEIGHTED, 8) == 87.0
    assert project(None, Aggregation.SUM, 8) is None


def test_demo_counts_no_indicator_twice(demo_store):
    with demo_store.session() as s:
        follow_up = compute_follow_up(s, "2025")
        links = s.execute(sa.select(GoalIndicator.goal_id, GoalIndicator.indicator_id)).all()
        assert links
        for outcome in follow_up.goals.values():
            counted = [o.indicator_id for o in outcome.indicators if o.indicator_id not in outcome.counted_below]
            assert len(counted) == len(set(counted))


def test_the_demo_reports_jan_aug_with_a_forecast(demo_path, tmp_path, capsys):
    from pypdf import PdfReader

    from app.cli import main

    assert main(["status", "2025A8", "--db", str(demo_path)]) == 0
    out = capsys.readouterr().out
    assert "; helår: bedöms" in out and out.splitlines()[-1].startswith("Prognos helår bedöms uppfyllas:")
    pdf = tmp_path / "delar.pdf"
    assert main(["pack", str(pdf), "--db", str(demo_path), "--period", "2025A8", "--date", "2025-09-20"]) == 0
    cover = PdfReader(pdf).pages[0].extract_text().replace("\xa0", " ")
    assert "Period: Delår jan–aug 2025 (2025-01-01 – 2025-08-31)" in cover
