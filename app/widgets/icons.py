"""Small icons drawn at run time: one colour and letter per goal level and unit kind, so the
trees read at a glance without shipping image files."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

# Okabe–Ito colours: distinguishable for colour-blind users; the letter carries the meaning too.
KIND_STYLE: dict[str, tuple[str, str]] = {
    "vision": ("#0072B2", "V"),
    "goal_area": ("#56B4E9", "O"),
    "goal": ("#009E73", "M"),
    "sub_goal": ("#8FBF5A", "D"),
    "council": ("#CC79A7", "F"),
    "executive_board": ("#CC79A7", "S"),
    "committee": ("#D55E00", "N"),
    "administration": ("#E69F00", "Fö"),
    "service_area": ("#F0E442", "V"),
    "unit": ("#999999", "E"),
    "reference": ("#666666", "R"),
}


@cache
def kind_icon(kind: str, size: int = 16) -> QIcon:
    colour, letter = KIND_STYLE.get(kind, ("#999999", "?"))
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(colour))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawRoundedRect(QRectF(0.5, 0.5, size - 1, size - 1), 3, 3)
    font = QFont()
    font.setPixelSize(int(size * (0.55 if len(letter) > 1 else 0.7)))
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("#000000") if colour in ("#F0E442", "#8FBF5A", "#56B4E9", "#E69F00") else QColor("#FFFFFF"))
    painter.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, letter)
    painter.end()
    return QIcon(pixmap)


@cache
def action_icon(name: str) -> QIcon:
    """A toolbar/menu/tab icon from the bundled set (resources/icons/actions, Material Design
    Icons as SVG; tools/make_icons.py writes them). An unknown name gives an empty icon."""
    from app.models.paths import resource_path

    path = resource_path("icons", "actions", f"{name}.svg")
    return QIcon(str(path)) if path.exists() else QIcon()
