"""`tr()` with arguments. PySide6's `tr()` returns a plain `str` (no `.arg()` as in C++ Qt), so a
translated text with %1, %2 … placeholders is filled here — the one helper for it."""

from __future__ import annotations


def fmt(text: str, *args) -> str:
    """Fill Qt-style %1, %2 … placeholders, highest first (so %1 does not eat the start of %10)."""
    for number in range(len(args), 0, -1):
        text = text.replace(f"%{number}", str(args[number - 1]))
    return text
