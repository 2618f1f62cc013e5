"""Excel exchange (issues 5 and 11): a 500 000-row long-format result file imported end to end
(read in the child process, recognise, parse, plan, write in one transaction), against the honest
floor measured in the same run — python-calamine reading the file plus plain
sqlite3.executemany into a table that has only the unique key (indicator, unit, period, gender),
one transaction — and against the pandas route (read_excel + to_sql) when pandas is installed.
The old "floor" (the same executemany into Styrkort's own result table, with its guards and
secondary indexes) is printed beside them: it shows what the schema itself costs.
Peak memory is each contender's own max RSS, measured in a fresh process. Export of the same
rows is timed against bare xlsxwriter writing them.

STYRKORT_BENCH_ROWS sets a smaller row count (a multiple of 500) on a shared machine.

Goals: import within 1.5× the floor, ≥ 3× faster than pandas, peak memory under 400 MB."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, heading, report

ROWS = int(os.environ.get("STYRKORT_BENCH_ROWS", "500000")) // 500 * 500 or 500
INDICATORS, YEARS = 50, 10
UNITS = ROWS // (INDICATORS * YEARS)  # 50 × 1000 × 10 = 500 000

PREPARE = """
import sqlalchemy as sa, sys
from app.models import Indicator, OrgUnit, UnitKind
from app.models.store import open_store
store = open_store(sys.argv[1])
with store.transaction() as s:
    s.execute(sa.insert(Indicator), [{"code": f"I{i:03d}", "name": f"Indikator {i}", "min_value": 0.0,
                                      "max_value": 1000.0} for i in range({n_ind})])
    s.execute(sa.insert(OrgUnit), [{"code": f"E{u:05d}", "name": f"Enhet {u}", "kind": UnitKind.UNIT}
                                   for u in range({n_units})])
"""

# Each contender prints {"seconds": …, "rows": …} and its peak RSS is read by the parent.
OURS = """
import json, sys, time
from app.models.store import open_store
from app.services.exchange.importing import run_import
store = open_store(sys.argv[1])
start = time.perf_counter()
plan = run_import(store, sys.argv[2])
assert plan.ok, [p.line() for p in plan.problems[:3]]
print(json.dumps({"seconds": time.perf_counter() - start, "rows": len(plan.new)}))
"""

FLOOR = """
import json, sqlite3, sys, time
import python_calamine
start = time.perf_counter()
rows = python_calamine.CalamineWorkbook.from_path(sys.argv[2]).get_sheet_by_index(0).to_python()
db = sqlite3.connect(sys.argv[1], isolation_level=None)
ind = dict(db.execute("select code, id from indicator"))
unit = dict(db.execute("select code, id from org_unit"))
periods = {float(year): n for n, year in enumerate(range(2016, 2026), 1)}
db.execute("create table floor_result (indicator_id integer, unit_id integer, period_id integer, gender text, "
           "value real, unique (indicator_id, unit_id, period_id, gender))")
db.execute("begin")
db.executemany("insert into floor_result values (?, ?, ?, ?, ?)",
               ((ind[r[0]], unit[r[1]], periods[r[2]], r[3], r[4]) for r in rows[1:]))
db.commit()
print(json.dumps({"seconds": time.perf_counter() - start, "rows": len(rows) - 1}))
"""

# The previous floor: the same executemany into Styrkort's own result table (its guards and its
# secondary indexes included) — shown for what the schema costs, not as the floor.
SCHEMA_FLOOR = """
import json, sqlite3, sys, time
import python_calamine
start = time.perf_counter()
rows = python_calamine.CalamineWorkbook.from_path(sys.argv[2]).get_sheet_by_index(0).to_python()
db = sqlite3.connect(sys.argv[1], isolation_level=None)
ind = dict(db.execute("select code, id from indicator"))
unit = dict(db.execute("select code, id from org_unit"))
periods = {}
for year in range(2016, 2026):
    db.execute("insert into period (code, kind, year, number, start_date, end_date, closed) "
               "values (?, 'year', ?, 1, ?, ?, 0)", (str(year), year, f"{year}-01-01", f"{year}-12-31"))
periods = {float(c): i for c, i in db.execute("select code, id from period")}
db.execute("begin")
db.executemany("insert into result (indicator_id, unit_id, period_id, gender, value, comment, late) "
               "values (?, ?, ?, ?, ?, '', 0)",
               ((ind[r[0]], unit[r[1]], periods[r[2]], r[3], r[4]) for r in rows[1:]))
db.commit()
print(json.dumps({"seconds": time.perf_counter() - start, "rows": len(rows) - 1}))
"""

PANDAS = """
import json, sqlite3, sys, time
import pandas
start = time.perf_counter()
frame = pandas.read_excel(sys.argv[2])
db = sqlite3.connect(sys.argv[1])
frame.to_sql("pandas_result", db, index=False)
db.commit()
print(json.dumps({"seconds": time.perf_counter() - start, "rows": len(frame)}))
"""

EXPORT = """
import json, sys, time
from app.models.store import open_store
from app.services.exchange.export import export_database
store = open_store(sys.argv[1])
start = time.perf_counter()
with store.session() as s:
    rows = export_database(s, sys.argv[2])
print(json.dumps({"seconds": time.perf_counter() - start, "rows": rows}))
"""

BARE_WRITE = """
import json, sqlite3, sys, time
import xlsxwriter
start = time.perf_counter()
db = sqlite3.connect(sys.argv[1])
book = xlsxwriter.Workbook(sys.argv[2], {"constant_memory": True})
sheet = book.add_worksheet()
query = ("select i.code, u.code, p.code, r.gender, r.value, r.comment, r.late from result r "
         "join indicator i on i.id = r.indicator_id join org_unit u on u.id = r.unit_id "
         "join period p on p.id = r.period_id")
for n, row in enumerate(db.execute(query)):
    sheet.write_row(n, 0, row)
book.close()
print(json.dumps({"seconds": time.perf_counter() - start, "rows": n + 1}))
"""


def run(code: str, *args: str) -> tuple[float, float]:
    """(seconds the contender measured itself, its peak RSS in MB — the larger of the process and
    any child it ran, such as Styrkort's reading process), from a fresh interpreter."""
    wrapper = code + ("\nimport resource\nprint(max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "
                      "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))\n")
    out = subprocess.run([sys.executable, "-c", wrapper, *args], cwd=ROOT, capture_output=True,
                         text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-2000:])
    lines = out.stdout.strip().splitlines()
    result = json.loads(lines[-2])
    return result["seconds"], int(lines[-1]) / 1024


def generate(path: Path) -> None:
    """The sheet XML written directly: xlsxwriter needs minutes for 2.5 million cells on 2 cores,
    and the file's content (inline strings, numbers) is what any spreadsheet program writes."""
    import zipfile

    def row_xml(n: int, cells: list[object]) -> str:
        parts = []
        for col, value in enumerate(cells):
            ref = f"{'ABCDE'[col]}{n}"
            if isinstance(value, str):
                parts.append(f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>')
            else:
                parts.append(f'<c r="{ref}"><v>{value}</v></c>')
        return f'<row r="{n}">{"".join(parts)}</row>'

    main_ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel_ns = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
            '"/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.'
            'main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'))
        archive.writestr("_rels/.rels", (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'))
        archive.writestr("xl/workbook.xml", (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook {main_ns} {rel_ns}><sheets><sheet name="Utfall" '
            'sheetId="1" r:id="rId1"/></sheets></workbook>'))
        archive.writestr("xl/_rels/workbook.xml.rels", (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'))
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(f'<?xml version="1.0" encoding="UTF-8"?><worksheet {main_ns}><sheetData>'.encode())
            sheet.write(row_xml(1, ["Indikator", "Enhet", "År", "Kön", "Utfall"]).encode())
            n = 1
            for i in range(INDICATORS):
                chunk = []
                for u in range(UNITS):
                    for year in range(2016, 2016 + YEARS):
                        n += 1
                        chunk.append(row_xml(n, [f"I{i:03d}", f"E{u:05d}", year, "T",
                                                 (i * 7 + u * 13 + year) % 997 / 10]))
                sheet.write("".join(chunk).encode())
            sheet.write(b"</sheetData></worksheet>")


def fresh_db(template: Path, name: str) -> Path:
    target = template.with_name(name)
    shutil.copyfile(template, target)
    return target


def main() -> None:
    heading(f"Excel exchange (issues 5, 11): {ROWS:,} rows".replace(",", " "))
    tmp = Path(tempfile.mkdtemp(prefix="styrkort-bench-exchange-"))
    try:
        source = tmp / "utfall.xlsx"
        start = time.perf_counter()
        generate(source)
        print(f"  generated {source.name} ({source.stat().st_size / 2**20:.1f} MB) in "
              f"{time.perf_counter() - start:.1f} s", flush=True)
        template = tmp / "template.sqlite"
        subprocess.run([sys.executable, "-c", PREPARE.replace("{n_ind}", str(INDICATORS))
                        .replace("{n_units}", str(UNITS)), str(template)], cwd=ROOT, check=True,
                       env={**os.environ, "PYTHONPATH": str(ROOT)})
        floor, floor_mb = run(FLOOR, str(fresh_db(template, "floor.sqlite")), str(source))
        report("floor: calamine + executemany, table with the unique key", floor, "floor", floor)
        schema, _ = run(SCHEMA_FLOOR, str(fresh_db(template, "schema.sqlite")), str(source))
        report("  same executemany into Styrkort's result table", schema, "floor", floor)
        ours_db = fresh_db(template, "ours.sqlite")
        ours, ours_mb = run(OURS, str(ours_db), str(source))
        report("styrkort import end to end (child-process read, validate, write)", ours, "floor", floor, 1.5)
        print(f"  peak memory: styrkort import {ours_mb:.0f} MB (goal < 400 MB: "
              f"{'met' if ours_mb < 400 else 'NOT met'}), floor {floor_mb:.0f} MB", flush=True)
        try:
            import pandas  # noqa: F401
        except ImportError:
            print("  pandas route: skipped (pandas is not installed; it is not a Styrkort dependency)", flush=True)
        else:
            pandas_seconds, pandas_mb = run(PANDAS, str(fresh_db(template, "pandas.sqlite")), str(source))
            report("pandas.read_excel + DataFrame.to_sql", pandas_seconds, "floor", floor)
            print(f"  styrkort is {pandas_seconds / ours:.1f}× faster than the pandas route (goal ≥ 3×: "
                  f"{'met' if pandas_seconds / ours >= 3 else 'NOT met'}); pandas peak {pandas_mb:.0f} MB",
                  flush=True)
        bare, _ = run(BARE_WRITE, str(ours_db), str(tmp / "bare.xlsx"))
        report("export floor: bare xlsxwriter, same rows", bare, "bare write", bare)
        export, export_mb = run(EXPORT, str(ours_db), str(tmp / "export.xlsx"))
        report("styrkort export of the whole database (same rows)", export, "bare write", bare)
        print(f"  export peak memory {export_mb:.0f} MB", flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    main()
