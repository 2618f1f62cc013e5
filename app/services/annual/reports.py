"""Writing a delårsrapport or årsredovisning: the one entry point for the command line and the
window. The file appears whole or not at all (written beside the target, then renamed)."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from app.models.errors import StyrkortError
from app.models.store import Store
from app.services.annual.report_content import ReportKind, build_report

FORMATS = (".pdf", ".docx")


@dataclass
class ReportResult:
    path: Path
    title: str
    scope_name: str
    period_text: str
    pages: int  # PDF pages, or chapters for .docx


def _check_target(path: Path) -> None:
    if path.suffix.lower() not in FORMATS:
        raise StyrkortError(f"{path.name}: skriv rapporten som .pdf eller .docx.",
                            f"{path.name}: write the report as .pdf or .docx.")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise StyrkortError(f"{path}: mappen {folder} finns inte.", f"{path}: the folder {folder} does not exist.")
    if path.is_dir():
        raise StyrkortError(f"{path} är en mapp; ange ett filnamn.", f"{path} is a folder; give a file name.")
    if not os.access(folder, os.W_OK):
        raise StyrkortError(f"{path}: mappen {folder} går inte att skriva i.", f"{path}: {folder} is not writable.")


def write_report(store: Store, kind: ReportKind | str, period_code: str, scope_code: str | None, target: Path,
                 generated_on: dt.date | None = None) -> ReportResult:
    """Build the report from the database and write it as PDF or .docx (by the file's extension)."""
    from app.services.annual.report_docx import render_report_docx
    from app.services.annual.report_pdf import render_report_pdf

    target = Path(target)
    _check_target(target)
    with store.session() as session:
        report = build_report(session, kind, period_code, scope_code, generated_on)
    render = render_report_pdf if target.suffix.lower() == ".pdf" else render_report_docx
    fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent or ".")
    os.close(fd)
    try:
        pages = render(report, Path(temporary))
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise StyrkortError(f"{target} kunde inte skrivas ({exc.strerror or exc}); inget sparades.",
                            f"{target} could not be written ({exc.strerror or exc}).") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return ReportResult(target, report.title, report.scope_name, report.period_text, pages)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
