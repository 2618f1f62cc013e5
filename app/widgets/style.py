"""The application's style: the platform's own (Fusion under X11/Xvfb), with one correction.

Why "Över tid" drew as "Over tid": Fusion lays out an *unselected* tab's text in a rectangle two
pixels shorter than a selected tab's (the label is shifted by PM_TabBarTabShiftVertical) and
clips the text to it. With the default 9 pt font at 96 dpi (12 px, DejaVu Sans) that rectangle is
12 px high while a line of text needs 14 px, so everything above the capitals (the dots of Å, Ä,
Ö) and below the baseline (g, j, p) is cut off — "Ändringar" reads "Andringar". The fix gives the
text rectangle at least the font's full line height, centred where the style put it."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle


class StyrkortStyle(QProxyStyle):
    def subElementRect(self, element, option, widget=None):  # noqa: N802 - Qt override
        rect = super().subElementRect(element, option, widget)
        if element == QStyle.SubElement.SE_TabBarTabText and option is not None:
            needed = option.fontMetrics.height()
            if rect.height() < needed:
                grow = needed - rect.height()
                rect = rect.adjusted(0, -(grow // 2), 0, grow - grow // 2)
        return rect


def install_style(app: QApplication) -> None:
    """Wrap the current style (kept as the base) in StyrkortStyle, once."""
    if not isinstance(app.style(), StyrkortStyle):
        app.setStyle(StyrkortStyle(app.style().name()))
