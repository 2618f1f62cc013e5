"""Language: Swedish by default through Qt's translator (resources/translations/*.qm);
English on request. Domain terms come from the enums' own labels (see app/models/enums.py)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app.models.paths import resource_path
from app.widgets.i18n import LANGUAGES, current_language, term  # noqa: F401 - the views import them from here

_installed: list[QTranslator] = []


def install_translators(app: QCoreApplication, language: str | None = None) -> str:
    """Install Styrkort's and Qt's own translations (buttons in standard dialogs)."""
    language = language or current_language()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
        return language
    QLocale.setDefault(QLocale(QLocale.Language.Swedish, QLocale.Country.Sweden))
    ours = QTranslator(app)
    if ours.load(str(resource_path("translations", f"styrkort_{language}.qm"))):
        app.installTranslator(ours)
        _installed.append(ours)
    qt_base = QTranslator(app)
    if qt_base.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_base)
        _installed.append(qt_base)
    return language
