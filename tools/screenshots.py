"""Screenshots of every page for docs/screenshots/: run under a real X server (Xvfb with openbox),
with Exempelregionen, at the sizes given.

    Xvfb :99 -screen 0 1920x1080x24 & DISPLAY=:99 openbox &
    DISPLAY=:99 .venv/bin/python tools/screenshots.py 1024x700 1920x1080

With QT_SCALE_FACTOR=1.5 set, the files are named <size>-scale1.5-…; e.g. 1280x720 at 1.5 fills
a 1920×1080 screen. Each page is saved as docs/screenshots/<size>-<nn>-<page>.png (the window as the user sees it,
menus and toolbar included; the window manager's frame is not part of the picture)."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("STYRKORT_DATA_DIR", tempfile.mkdtemp(prefix="styrkort-shots-"))


def main(sizes: list[str]) -> None:
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from app.models.store import open_store
    from app.services.demo.builder import build_demo
    from app.views.application import make_application
    from app.views.main_window import MainWindow

    app = make_application()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    folder = Path(tempfile.mkdtemp())
    template = folder / "template.sqlite"
    store = open_store(template)
    with store.transaction() as session:
        build_demo(session)
    store.close()
    out = ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    names = {"overviewPage": "oversikt", "structurePage": "mal", "followUpPage": "uppfoljning",
             "directivesPage": "styrdokument", "plansPage": "planer", "annualCyclePage": "arshjul",
             "exchangePage": "import-export", "annualPage": "delar-och-arsredovisning",
             "changeLogPage": "andringslogg"}
    for size in sizes:
        width, height = (int(v) for v in size.split("x"))
        path = folder / f"demo-{size}.sqlite"
        shutil.copyfile(template, path)
        window = MainWindow(open_store(path))
        window.resize(width, height)
        window.show()
        for _ in range(20):
            app.processEvents()
        for index in range(window.pages.count()):
            window.pages.setCurrentIndex(index)
            page = window.pages.currentWidget()
            for _ in range(30):
                app.processEvents()
            name = names.get(page.objectName(), page.objectName())
            scale = os.environ.get("QT_SCALE_FACTOR")
            prefix = f"{size}-scale{scale}" if scale else size
            window.grab().save(str(out / f"{prefix}-{index + 1:02d}-{name}.png"))
            if page.objectName() == "followUpPage":
                for tab in range(1, page.tabs.count()):
                    page.tabs.setCurrentIndex(tab)
                    for _ in range(30):
                        app.processEvents()
                    window.grab().save(str(out / f"{prefix}-{index + 1:02d}-{name}-{tab + 1}.png"))
                page.tabs.setCurrentIndex(0)
        window.context.stop_watching()
        window.close()
        window.store.close()
    QTimer.singleShot(0, app.quit)
    app.exec()


if __name__ == "__main__":
    main(sys.argv[1:] or ["1024x700", "1920x1080"])
