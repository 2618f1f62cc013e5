"""Every string the UI shows has a Swedish translation, and the compiled catalogue is used."""

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
import i18n  # noqa: E402


def test_every_ui_string_is_translated_to_swedish():
    missing = i18n.missing()
    assert missing == [], "run `python tools/i18n.py missing` and add Swedish for:\n" + "\n".join(
        f"{c}\t{s}" for c, s, _ in missing)


def test_swedish_catalogue_is_installed(qapp):
    from app.views.i18n import install_translators

    install_translators(qapp, "sv")
    assert QCoreApplication.translate("MainWindow", "&File") == "&Arkiv"
    install_translators(qapp, "en")
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"
    install_translators(qapp, "sv")
