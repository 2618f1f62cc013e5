"""Errors a user can act on. They carry the message in Swedish (the UI default) and in English,
because the domain cannot use Qt's translator and the command line speaks Swedish too."""

from __future__ import annotations


class StyrkortError(Exception):
    """An expected failure with a message meant for the user, not a traceback."""

    exit_code = 2

    def __init__(self, sv: str, en: str | None = None) -> None:
        super().__init__(sv)
        self.sv = sv
        self.en = en or sv

    def message(self, language: str = "sv") -> str:
        return self.sv if language == "sv" else self.en


class RuleViolation(StyrkortError):
    """A domain rule refused an operation (a move under a descendant, a missing justification …)."""
