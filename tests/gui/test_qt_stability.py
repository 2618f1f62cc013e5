"""Regression: PySide6 6.12.0 on CPython 3.11 aborted the process (none_dealloc) after about
200 000 Qt calls. We pin below 6.12; this test makes that many calls so a bad upgrade fails here."""

from PySide6 import __version__ as pyside_version
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QLabel


def test_pyside_is_pinned_below_6_12():
    major, minor = (int(x) for x in pyside_version.split(".")[:2])
    assert (major, minor) < (6, 12)


def test_many_qt_calls_survive(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    for i in range(200_000):
        label.setText(str(i))
    assert label.text() == "199999"
    model = QStandardItemModel()
    for i in range(10_000):
        model.appendRow(QStandardItem(f"rad {i}"))
    assert model.rowCount() == 10_000
