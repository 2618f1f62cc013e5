"""Review packs (uppföljningsrapport): content.py decides what a pack says, charts.py draws its
charts, pdf.py lays it out. `generate` is the one entry point for the command line and the GUI."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from app.models.store import Store
from app.services.packs.content import Pack, PackCancelled, PackOptions, PackState, build_pack

__all__ = ["Pack", "PackCancelled", "PackOptions", "PackResult", "PackState", "build_pack", "generate"]


@dataclass
class PackResult:
    path: Path | None
    pages: int
    goals: int
    charts: int
    scope_name: str
    period_code: str


def generate(store: Store, options: PackOptions, target: Path | io.BytesIO,
             state: PackState | None = None) -> PackResult:
    """Build and write a pack: a plain function (Orange's run(data, state)) that reports progress
    through `state` and stops with PackCancelled when asked to; safe to run off the GUI thread,
    because it opens its own session. A file target is written only when generation finished."""
    from app.services.packs.pdf import render_pdf

    state = state or PackState()
    with store.session() as session:
        pack = build_pack(session, options, state)
    buffer = io.BytesIO()
    pages = render_pdf(pack, buffer, state, progress=(0.35, 0.63))
    state.check(0.99, "Sparar")
    if isinstance(target, io.BytesIO):
        target.write(buffer.getvalue())
        path = None
    else:
        path = Path(target)
        path.write_bytes(buffer.getvalue())
    state.set_progress(1.0, "Klar")
    return PackResult(path, pages, len(pack.goals()), pack.chart_count(), pack.scope_name, pack.period_code)
