"""The law a delegationsordning answers to: lagrum with act and SFS number, how decisions are
reported (KL 6 kap. 40 §), verkställighet apart, and what may not be delegated (KL 6 kap. 38 §).

A lagrum names its act and SFS number on the item ("Socialtjänstlagen", "2025:400"), so a new
act (socialtjänstlagen 2025:400 replaced 2001:453 on 1 July 2025) is a change of data, not code.
"""

from __future__ import annotations

import re

from app.models.enums import ReportingMode
from app.models.errors import RuleViolation

# The acts a kommun's or region's delegationsordning most often cites: short name → (name, SFS).
ACTS = {
    "KL": ("Kommunallagen", "2017:725"),
    "FL": ("Förvaltningslagen", "2017:900"),
    "SoL": ("Socialtjänstlagen", "2025:400"),
    "OSL": ("Offentlighets- och sekretesslagen", "2009:400"),
    "LOU": ("Lagen om offentlig upphandling", "2016:1145"),
    "LOV": ("Lagen om valfrihetssystem", "2008:962"),
    "LAS": ("Lagen om anställningsskydd", "2022:836"),
    "HSL": ("Hälso- och sjukvårdslagen", "2017:30"),
    "SkolL": ("Skollagen", "2010:800"),
}
# Old acts whose references must not appear on decisions taken after the new act applies.
REPEALED = {"2001:453": ("Socialtjänstlagen (2001:453)", "2025-07-01", "2025:400")}


def lagrum_text(reference: str, act: str = "", sfs_number: str = "") -> str:
    """ "SoL 11 kap. 1 §" with its act and SFS number: "11 kap. 1 § socialtjänstlagen (2025:400)"."""
    reference = reference.strip()
    if not (act or sfs_number):
        return reference
    short = reference.split(" ", 1)
    body = short[1] if len(short) == 2 and short[0] in ACTS else reference
    if body in ACTS or not body:
        body = ""
    act_text = act[:1].lower() + act[1:] if act else ""
    tail = f"{act_text} ({sfs_number})".strip() if sfs_number else act_text
    return f"{body} {tail}".strip()


# KL 6 kap. 38 §: what a nämnd may not delegate. Each rule: (pattern on the ärende, the ground).
_NOT_DELEGABLE = [
    (re.compile(r"verksamhetens\s+(mål|inriktning|omfattning|kvalitet)", re.I),
     "ärenden som avser verksamhetens mål, inriktning, omfattning eller kvalitet (1 p.)"),
    (re.compile(r"(framställning|yttrande)\w*\s+till\s+(kommun|region)?fullmäktige", re.I),
     "framställningar eller yttranden till fullmäktige (2 p.)"),
    (re.compile(r"fullmäktiges\s+beslut\s+(har\s+)?överklaga", re.I),
     "beslut med anledning av att fullmäktiges beslut har överklagats (2 p.)"),
    (re.compile(r"överklag\w*\s+(av\s+)?nämndens\s+(egna\s+)?beslut|nämndens\s+(egna\s+)?beslut\s+(har\s+)?"
                r"överklaga|nämnde(n|ns)\b[^.]*\bi\s+dess\s+helhet", re.I),
     "yttranden med anledning av att nämndens beslut i dess helhet har överklagats (3 p.)"),
    (re.compile(r"principiell\s+beskaffenhet|av\s+större\s+vikt", re.I),
     "myndighetsutövning av principiell beskaffenhet eller annars av större vikt (4 p.)"),
]


def non_delegable_ground(matter: str) -> str | None:
    """The ground in KL 6 kap. 38 § that forbids delegating this ärende, or None."""
    for pattern, ground in _NOT_DELEGABLE:
        if pattern.search(matter or ""):
            return ground
    return None


def check_delegable(matter: str, reporting: ReportingMode | str | None = None) -> None:
    """Refuse an item that KL 6 kap. 38 § keeps with the nämnd (verkställighet is no delegation,
    so the rule does not apply to it)."""
    if reporting is not None and ReportingMode(reporting) is ReportingMode.ENFORCEMENT:
        return
    ground = non_delegable_ground(matter)
    if ground:
        raise RuleViolation(
            f"Får inte delegeras enligt kommunallagen 6 kap. 38 §: {ground}. Nämnden beslutar själv.",
            f"May not be delegated under the Local Government Act, chapter 6 section 38: {ground}. "
            "The committee decides itself.")


def reporting_of(values: dict, current: ReportingMode | None = None) -> dict:
    """Keep `reporting` and the older yes/no `report_required` in step: verkställighet is the
    only kind of item whose decisions are not reported. A plain "reported: yes" keeps a list
    mode already chosen."""
    values = dict(values)
    if values.get("reporting") is not None:
        mode = ReportingMode(values["reporting"])
        values["reporting"] = mode
        values["report_required"] = mode is not ReportingMode.ENFORCEMENT
    elif "report_required" in values:
        if not values["report_required"]:
            values["reporting"] = ReportingMode.ENFORCEMENT
        elif current is None or current is ReportingMode.ENFORCEMENT:
            values["reporting"] = ReportingMode.INDIVIDUAL
    return values
