"""Recognise (stage 2): what the database knows (indicators, units, periods) and the column
mapping to use for a sheet — the one given, the one saved for this kind of file, or a guess."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models import (
    ImportMapping,
    Indicator,
    OrgUnit,
    Period,
    UnitKind,
)
from app.models.errors import StyrkortError
from app.services.exchange.reading import FileData, SheetData
from app.services.exchange.shapes import (
    IndicatorIndex,
    Mapping,
    guess_mapping,
    source_key,
)
from app.services.followup.periods import parse_period

Progress = Callable[[str, int, int], None]


@dataclass
class Known:
    indicators: IndicatorIndex
    indicator_ranges: dict[int, tuple[float | None, float | None, str]]
    units_by_code: dict[str, int]
    units_by_ou: dict[str, int]
    municipalities: dict[str, int]
    periods: dict[str, tuple[int, bool]]  # code → (id, closed)
    # A unit merged into another: its results from the merge on belong to the successor (issue 13).
    merged_into: dict[int, tuple[dt.date, int]] = field(default_factory=dict)

    @classmethod
    def load(cls, session: Session) -> Known:
        index = IndicatorIndex()
        ranges = {}
        for ind_id, code, name, kolada, low, high in session.execute(sa.select(
                Indicator.id, Indicator.code, Indicator.name, Indicator.kolada_kpi_id,
                Indicator.min_value, Indicator.max_value)):
            index.by_code[code] = ind_id
            index.by_name[name.casefold().strip()] = ind_id
            if kolada:
                index.by_kolada[kolada.upper()] = ind_id
            ranges[ind_id] = (low, high, code)
        by_code, by_ou, munis = {}, {}, {}
        for unit_id, code, ou, muni, kind in session.execute(sa.select(
                OrgUnit.id, OrgUnit.code, OrgUnit.kolada_ou_id, OrgUnit.municipality_code, OrgUnit.kind)):
            by_code[code] = unit_id
            if ou:
                by_ou[ou] = unit_id
            if muni and kind is UnitKind.REFERENCE:
                munis[muni] = unit_id
        periods = {code: (pid, closed) for pid, code, closed in
                   session.execute(sa.select(Period.id, Period.code, Period.closed))}
        from app.services.organisation.reorganisation import merged_into

        return cls(index, ranges, by_code, by_ou, munis, periods, merged_into(session))

    def unit_code(self, unit_id: int) -> str:
        if not hasattr(self, "_codes"):
            self._codes = {i: c for c, i in self.units_by_code.items()}
        return self._codes.get(unit_id, str(unit_id))

    def unit(self, ref: str, by_municipality: bool, period: str | None = None) -> int | None:
        if by_municipality:
            return self.municipalities.get(ref)
        unit_id = self.units_by_code.get(ref)
        if unit_id is not None:
            return unit_id
        unit_id = self.units_by_ou.get(ref)
        forward = self.merged_into.get(unit_id) if period else None
        if forward is not None:
            with contextlib.suppress(ValueError, StyrkortError):
                # A Kolada id still published after a merge lands on the unit it merged into.
                if parse_period(period).start_date >= forward[0]:
                    return forward[1]
        return unit_id


def saved_mapping(session: Session, key: str) -> Mapping | None:
    text = session.execute(sa.select(ImportMapping.mapping_json).where(ImportMapping.source_key == key)).scalar()
    return Mapping.from_json(text) if text else None


def save_mapping(session: Session, key: str, mapping: Mapping) -> None:
    row = session.execute(sa.select(ImportMapping).where(ImportMapping.source_key == key)).scalar()
    now = dt.datetime.now().replace(microsecond=0)
    if row is None:
        session.add(ImportMapping(source_key=key, mapping_json=mapping.to_json(), saved_at=now))
    else:
        row.mapping_json, row.saved_at = mapping.to_json(), now
    session.flush()


def sheet_mapping(session: Session, data: FileData, sheet: SheetData,
                  given: Mapping | None = None) -> tuple[Mapping | None, str]:
    """The mapping to use: the one given, the one saved for this source, or a guess."""
    known = Known.load(session)
    guess = guess_mapping(sheet.rows, known.indicators)
    header = sheet.rows[guess.header_row] if guess else []
    key = source_key(data.kind, sheet.name, header)
    if given is not None:
        return given, source_key(data.kind, sheet.name, sheet.rows[given.header_row])
    # A saved mapping names its header row; look for a row above the data with that header.
    candidates = {source_key(data.kind, sheet.name, row): number for number, row in enumerate(sheet.rows[:30])}
    for found_key, text in session.execute(sa.select(ImportMapping.source_key, ImportMapping.mapping_json)
                                           .where(ImportMapping.source_key.in_(candidates))):
        mapping = Mapping.from_json(text)
        if mapping.header_row == candidates[found_key]:
            return mapping, found_key
    return guess, key
