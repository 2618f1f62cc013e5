"""Chart data and the matplotlib renderers: the right bars, target and reference lines, and
valid PNG/SVG/PDF files read back."""

import io
import xml.etree.ElementTree as ET

import pytest
import sqlalchemy as sa

from app.models import Direction, Indicator, OrgUnit, ProviderType
from app.services.followup import chart_render
from app.services.followup.chart_data import provider_comparison, quartiles, time_series
from app.services.platform.swedish import number


def ids(s, model, code):
    return s.execute(sa.select(model.id).where(model.code == code)).scalar_one()


def test_provider_comparison_sorted_with_target_and_riket(demo_store):
    with demo_store.session() as s:
        data = provider_comparison(s, ids(s, Indicator, "OM01"), "2025")
        assert data.direction is Direction.HIGHER_BETTER and data.target is not None
        values = [b.value for b in data.bars]
        assert values == sorted(values, reverse=True) and len(values) >= 4
        assert {b.provider_type for b in data.bars} >= {ProviderType.IN_HOUSE, ProviderType.EXTERNAL}
        assert data.references[0].label == "Riket"
        assert data.references[-1].label == "Medel utförare"
        assert data.references[-1].value == pytest.approx(sum(values) / len(values))
        lower = provider_comparison(s, ids(s, Indicator, "OM02"), "2025T1")
        assert [b.value for b in lower.bars] == sorted(b.value for b in lower.bars)


def test_time_series_follows_the_period_kind(demo_store):
    with demo_store.session() as s:
        units = [ids(s, OrgUnit, "HT01"), ids(s, OrgUnit, "HT04")]
        data = time_series(s, ids(s, Indicator, "OM02"), units, "2025T2")
        assert data.period_codes[:4] == ["2022T2", "2023T2", "2024T2", "2025T2"]
        assert [series.unit_id for series in data.series] == units
        assert all(v is not None for _, v in data.series[0].points[:3])


def test_swedish_number_format_and_quartiles():
    assert number(1234567.891, 1) == "1\u00a0234\u00a0567,9"
    assert number(None, 1) == "–"
    assert quartiles([1, 2, 3, 4, 5]) == (2, 3, 4)


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_renderers_write_valid_files(demo_store, tmp_path, fmt):
    with demo_store.session() as s:
        data = provider_comparison(s, ids(s, Indicator, "OM01"), "2025")
        series = time_series(s, ids(s, Indicator, "OM01"), [b.unit_id for b in data.bars[:3]], "2025")
    path = tmp_path / f"comparison.{fmt}"
    chart_render.render_provider_comparison(data, path)
    raw = path.read_bytes()
    if fmt == "png":
        assert raw.startswith(b"\x89PNG\r\n\x1a\n")
    elif fmt == "pdf":
        assert raw.startswith(b"%PDF-") and raw.rstrip().endswith(b"%%EOF")
    else:
        root = ET.fromstring(raw)
        assert root.tag.endswith("svg")
        assert data.bars[0].name in raw.decode()
    buffer = io.BytesIO()
    chart_render.render_time_series(series, buffer, fmt)
    chart_render.render_spread(data, data.bars[0].unit_id, tmp_path / f"spread.{fmt}")
    assert buffer.getvalue() and (tmp_path / f"spread.{fmt}").stat().st_size > 500
