"""What a file says about the units and indicators it would create: Kolada KPI titles and
municipality names found beside it, provider types and organisation numbers."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

from app.models import (
    ProviderType,
    UnitKind,
)

Progress = Callable[[str, int, int], None]


PROVIDER_TYPES = {"kommunal": ProviderType.IN_HOUSE, "egen regi": ProviderType.IN_HOUSE,
                  "regional": ProviderType.IN_HOUSE, "offentlig": ProviderType.IN_HOUSE,
                  "enskild": ProviderType.EXTERNAL, "privat": ProviderType.EXTERNAL,
                  # A fristående skola is approved by Skolinspektionen, not contracted (KL 10 kap.).
                  "fristående": ProviderType.INDEPENDENT_SCHOOL, "fristående skola": ProviderType.INDEPENDENT_SCHOOL,
                  "extern utförare": ProviderType.EXTERNAL,
                  "idéburen": ProviderType.NON_PROFIT, "ideell": ProviderType.NON_PROFIT}


def _provider_type(text: str) -> ProviderType | None:
    if not text:
        return None
    found = PROVIDER_TYPES.get(text.strip().casefold())
    if found:
        return found
    try:
        return ProviderType.from_text(text)
    except ValueError:
        return None


def _org_number(text: str) -> str | None:
    # Checked (Luhn) and normalised where the row is read (`normalise_org_number`).
    return text[:11] or None


def unit_info(ref: str, info: dict | None, by_municipality: bool, names: dict[str, str]) -> dict:
    info = info or {}
    if by_municipality:
        return {"code": ref, "name": names.get(ref) or ("Riket" if ref == "0000" else f"Kommun {ref}"),
                "kind": UnitKind.REFERENCE, "municipality_code": ref}
    ptype = _provider_type(info.get("provider_type", ""))
    return {"code": ref, "name": info.get("unit_name") or ref, "kind": UnitKind.UNIT,
            "municipality_code": (info.get("municipality_code") or None),
            "provider_type": ptype, "provider_name": info.get("provider_name") or None,
            "org_number": _org_number(info.get("org_number", "")) if info.get("org_number") else None}


def _beside(path: Path, pattern: str) -> list[Path]:
    return sorted(path.parent.glob(pattern)) if path.parent.is_dir() else []


def kpi_metadata(path: Path) -> dict[str, dict]:
    """Kolada KPI titles found beside the imported file (ddf--concepts.csv or the API's JSON)."""
    found: dict[str, dict] = {}
    for concepts in _beside(path, "*concepts*.csv"):
        with concepts.open(encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh):
                if row.get("concept_type") == "measure" and row.get("name"):
                    found[row["concept"].upper()] = {"title": row["name"].replace("  ", " "),
                                                     "description": row.get("description") or "",
                                                     "operating_area": row.get("operating_area") or ""}
    for meta in _beside(path, "*kpi*.json"):
        try:
            doc = json.loads(meta.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        items = doc.get("values", []) if isinstance(doc, dict) else doc
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict) and item.get("id") and item.get("title"):
                found.setdefault(str(item["id"]).upper(), {
                    "title": item["title"], "description": item.get("description") or "",
                    "operating_area": item.get("operating_area") or ""})
    return found


def municipality_names(path: Path) -> dict[str, str]:
    names = {"0000": "Riket"}
    for table in _beside(path, "*kommun*.csv"):
        with table.open(encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh):
                if row.get("kommun") and row.get("name"):
                    names[row["kommun"].zfill(4)] = row["name"]
    return names


def indicator_info(ref: str, header: str | None, metadata: dict[str, dict]) -> dict:
    from app.services.exchange.shapes import KPI_ID

    kolada = ref.upper() if KPI_ID.match(ref) else None
    meta = metadata.get(kolada or "", {})
    name = meta.get("title") or header or ref
    percent = "(%)" in name or "andel" in name.casefold()
    return {"code": ref if not kolada else kolada, "name": name[:300], "kolada_kpi_id": kolada,
            "description": meta.get("description", ""), "unit_of_measure": "%" if percent else "",
            "min_value": 0.0 if percent else None, "max_value": 100.0 if percent else None,
            "source": "Kolada" if kolada else "", "service_area": meta.get("operating_area") or None}
