"""Cells as people write them, and the shapes of the files they send."""

from __future__ import annotations

import datetime as dt

import pytest

from app.services.exchange.reading import ErrorCell, FormulaCell
from app.services.exchange.shapes import LONG, WIDE_INDICATOR, WIDE_PERIOD, IndicatorIndex, guess_mapping
from app.services.exchange.values import (
    CellError,
    code_text,
    parse_date,
    parse_number,
    parse_value,
    period_text,
)
from app.services.exchange.writing import safe_sheet_name


@pytest.mark.parametrize("cell, expected", [
    ("12,5", 12.5), ("1 234,5", 1234.5), ("1\u00a0234,5", 1234.5), ("1\u202f234", 1234.0), ("45 %", 45.0),
    ("\u22123,2", -3.2), ("1.234,5", 1234.5), ("1,234.5", 1234.5), ("7", 7.0), (7, 7.0), (2.5, 2.5),
    ("..", None), ("-", None), ("–", None), ("", None), (None, None), ("  ", None),
])
def test_numbers_as_people_write_them(cell, expected):
    assert parse_number(cell) == expected


@pytest.mark.parametrize("cell", ["abc", "12,5,3", True, dt.date(2025, 1, 1), ErrorCell("#DIV/0!"),
                                  FormulaCell("=A1/B1")])
def test_what_is_not_a_number_is_refused_with_a_reason(cell):
    with pytest.raises(CellError) as caught:
        parse_number(cell)
    assert caught.value.args[0] and caught.value.args[-1]


def test_error_and_formula_cells_are_not_taken_for_empty():
    with pytest.raises(CellError, match="#DIV/0!"):
        parse_number(ErrorCell("#DIV/0!"))
    with pytest.raises(CellError, match="formel"):
        parse_number(FormulaCell("=A1"))


def test_suppression_codes_are_kept_not_turned_into_zero():
    assert parse_value("~100") == (None, "~100")
    assert parse_value("..") == (None, "..")
    assert parse_value(".") == (None, ".")
    assert parse_value("91,5") == (91.5, None)


def test_codes_stay_text_and_get_their_zeros_back():
    assert code_text("0180", 4) == "0180"
    assert code_text(180.0, 4) == "0180"
    assert code_text(48000763.0) == "48000763"


def test_periods_and_dates():
    assert period_text(2025.0) == "2025"
    assert period_text("2024/25") == "2025"
    assert period_text(dt.datetime(2025, 3, 1)) == "2025-03"
    assert parse_date(45658) == dt.date(2025, 1, 1)  # an Excel date serial
    assert parse_date("2025-06-30") == dt.date(2025, 6, 30)


def test_sheet_names_are_made_legal_and_unique():
    used: set[str] = set()
    first = safe_sheet_name("Uppföljning/Hälso- och sjukvårdsnämnden 2025T2", used)
    second = safe_sheet_name("Uppföljning/Hälso- och sjukvårdsnämnden 2025T2", used)
    assert len(first) <= 31 and "/" not in first
    assert len(second) <= 31 and second != first


def test_shapes_are_recognised_under_title_rows():
    index = IndicatorIndex(by_code={"UB01": 1}, by_kolada={"N15419": 1})
    long_rows = [["Rapport från utföraren"], [], ["Nyckeltal", "Enhet", "År", "Utfall", "Kommentar"],
                 ["UB01", "GR01", 2025.0, "81,5", ""]]
    mapping = guess_mapping(long_rows, index)
    assert (mapping.header_row, mapping.shape) == (2, LONG)
    wide_period = [["Indikator", "Enhet", "2024", "2025T1", "2025T2"], ["UB01", "GR01", 1, 2, 3]]
    mapping = guess_mapping(wide_period, index)
    assert mapping.shape == WIDE_PERIOD and sorted(mapping.period_columns.values()) == ["2024", "2025T1", "2025T2"]
    wide_indicator = [["Valt läsår: 2024/25"], ["Skola", "Skol-enhetskod", "Kommun-kod", "N15419", "UB01"]]
    mapping = guess_mapping(wide_indicator, index)
    assert mapping.shape == WIDE_INDICATOR and mapping.fixed_period == "2025"
    assert mapping.columns[1] == "unit" and mapping.columns[0] == "unit_name"
