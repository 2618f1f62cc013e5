"""One Swedish number format for packs, charts, the results grid and "why this status"."""

from __future__ import annotations

import re

import sqlalchemy as sa

from app.models import Goal, Indicator
from app.services.followup.chart_data import provider_comparison
from app.services.followup.status import compute_follow_up, explain
from app.services.packs import format as fmt
from app.services.platform.swedish import number


def test_the_swedish_number_format():
    assert number(1234567.891, 1) == "1\u00a0234\u00a0567,9"
    assert number(-5.5, 1) == "\u22125,5"
    assert number(-0.04, 1) == "0,0"  # no sign the digits do not have
    assert number(None) == "–"


def test_charts_and_packs_write_a_value_alike(demo_store):
    with demo_store.session() as s:
        indicator = s.execute(sa.select(Indicator.id).where(Indicator.code == "OM01")).scalar_one()
        data = provider_comparison(s, indicator, "2025")
    bar = data.bars[0]
    assert data.format(bar.value) == fmt.number(bar.value, data.decimals) == number(bar.value, data.decimals)
    assert data.format(12345.0) == "12\u00a0345" + ("," + "0" * data.decimals if data.decimals else "")


def test_why_this_status_uses_a_decimal_comma_in_swedish(demo_store):
    with demo_store.session() as s:
        goal = s.execute(sa.select(Goal.id).where(Goal.code == "2.1")).scalar_one()
        follow_up = compute_follow_up(s, "2025")
        swedish = "\n".join(explain(follow_up, goal, {}, "sv"))
        english = "\n".join(explain(follow_up, goal, {}, "en"))
    assert re.search(r"\d,\d", swedish) and not re.search(r"\d\.\d", swedish)
    assert re.search(r"\d\.\d", english)


def test_shortest_keeps_the_decimals_a_value_has():
    from app.services.platform.swedish import shortest

    assert shortest(72.2) == "72,2"
    assert shortest(91.0) == "91"
    assert shortest(1234.25) == "1\u00a0234,25"
    assert shortest(-3.5) == "\u22123,5"
    assert shortest(None) == "–"
