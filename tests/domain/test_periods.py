import datetime as dt

import pytest

from app.models import PeriodKind
from app.models.errors import StyrkortError
from app.services.followup.periods import ensure_period, parse_period, previous_comparable


@pytest.mark.parametrize(
    "text, code, kind, start, end",
    [
        ("2025", "2025", PeriodKind.YEAR, dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
        ("2025T1", "2025T1", PeriodKind.TERTIAL, dt.date(2025, 1, 1), dt.date(2025, 4, 30)),
        ("2025 t2", "2025T2", PeriodKind.TERTIAL, dt.date(2025, 5, 1), dt.date(2025, 8, 31)),
        ("2025K4", "2025K4", PeriodKind.QUARTER, dt.date(2025, 10, 1), dt.date(2025, 12, 31)),
        ("2024-02", "2024-02", PeriodKind.MONTH, dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        ("2025.0", "2025", PeriodKind.YEAR, dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
    ],
)
def test_period_codes(text, code, kind, start, end):
    spec = parse_period(text)
    assert (spec.code, spec.kind, spec.start_date, spec.end_date) == (code, kind, start, end)


@pytest.mark.parametrize("text", ["2025T4", "2025K5", "2025-13", "tjugo", "", "25"])
def test_bad_period_codes_are_explained(text):
    with pytest.raises(StyrkortError) as info:
        parse_period(text)
    assert "2025T1" in str(info.value)


def test_previous_comparable_period():
    assert previous_comparable(parse_period("2025T2")).code == "2024T2"
    assert previous_comparable(parse_period("2025")).code == "2024"


def test_ensure_period_is_idempotent(empty_store):
    with empty_store.transaction() as session:
        first = ensure_period(session, "2025T1")
        again = ensure_period(session, "2025t1")
        assert first.id == again.id
