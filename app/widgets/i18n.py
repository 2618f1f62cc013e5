"""The UI language and domain terms, for widgets and views alike (app.views.i18n re-exports them
and installs the translators)."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from app.models.enums import LabelledEnum

LANGUAGES = {"sv": "Svenska", "en": "English"}


def current_language() -> str:
    language = str(QSettings().value("ui/language", "sv"))
    return language if language in LANGUAGES else "sv"


def term(member: LabelledEnum | None) -> str:
    """A domain term in the UI's language, exactly as the glossary spells it."""
    if member is None:
        return ""
    return member.label(current_language())
