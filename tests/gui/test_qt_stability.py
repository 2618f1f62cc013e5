"""Regression: PySide6 6.12.0 on CPython 3.11 aborted the process (none_dealloc) after about
200 000 Qt calls. pyproject.toml pins below 6.12; this test makes that many calls so that an
upgrade with the fault fails here, whatever version number it carries."""

import pytest
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QLabel


@pytest.mark.slow
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
