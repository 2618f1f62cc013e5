"""Accessible names for controls: a screen reader reads a field's name from its label. Qt links a
label and its field only through `setBuddy`; this gives every input a name from the label beside
it (a QFormLayout row, a buddy, or a placeholder), so that no page leaves a control unnamed."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QBoxLayout,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

INPUTS = (QLineEdit, QComboBox, QAbstractSpinBox, QPlainTextEdit, QTextEdit, QAbstractItemView, QAbstractButton)


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip().rstrip(":")


def name_controls(root: QWidget) -> int:
    """Name unnamed inputs under `root` from their labels; returns how many were named."""
    named = 0
    for label in root.findChildren(QLabel):
        buddy = label.buddy()
        if buddy is not None and not buddy.accessibleName() and label.text():
            buddy.setAccessibleName(_plain(label.text()))
            named += 1
    for form in root.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            label_item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field_item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if label_item is None or field_item is None:
                continue
            label, field = label_item.widget(), field_item.widget()
            if not isinstance(label, QLabel) or field is None:
                continue
            targets = [field] if isinstance(field, INPUTS) else field.findChildren(QWidget)
            for target in targets:
                if isinstance(target, INPUTS) and not target.accessibleName():
                    target.setAccessibleName(_plain(label.text()))
                    named += 1
                    break
    # A label just before a field in a row or column names it (and becomes its buddy: Alt+letter).
    for layout in root.findChildren(QBoxLayout):
        widgets = [layout.itemAt(i).widget() for i in range(layout.count())]
        for before, field in zip(widgets, widgets[1:], strict=False):
            if not isinstance(field, INPUTS) or isinstance(field, QAbstractButton) or field.accessibleName():
                continue
            if isinstance(before, QLabel) and before.text():
                field.setAccessibleName(_plain(before.text()))
                if before.buddy() is None:
                    before.setBuddy(field)
                named += 1
            elif isinstance(before, QAbstractButton) and before.text():  # "☐ Från [datum]"
                field.setAccessibleName(_plain(before.text()))
                named += 1
    # A group box around one list or view names it.
    for box in root.findChildren(QGroupBox):
        inputs = [w for w in box.findChildren(QWidget) if isinstance(w, INPUTS) and not isinstance(w, QHeaderView)
                  and not isinstance(w, QAbstractButton)]
        if len(inputs) == 1 and not inputs[0].accessibleName() and box.title():
            inputs[0].setAccessibleName(_plain(box.title()))
            named += 1
    # A filter combo box without a label is named by its tooltip, else by its first entry
    # ("Alla ändringar"), which is what it filters.
    for combo in root.findChildren(QComboBox):
        if not combo.accessibleName() and (combo.toolTip() or combo.count()):
            combo.setAccessibleName(combo.toolTip() or combo.itemText(0))
            named += 1
    for edit in root.findChildren(QLineEdit):
        if not edit.accessibleName() and edit.placeholderText():
            edit.setAccessibleName(edit.placeholderText())
            named += 1
    return named


def unnamed_controls(root: QWidget) -> list[QWidget]:
    """Inputs a screen reader could not name: no accessible name, and (buttons) no text."""
    found = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INPUTS) or isinstance(widget, QHeaderView) or not widget.isVisibleTo(root):
            continue
        if widget.objectName() == "qt_tableview_cornerbutton":
            continue
        if isinstance(widget, QAbstractButton) and (widget.text() or widget.toolTip()):
            continue
        if isinstance(widget.parent(), (QComboBox, QAbstractSpinBox)):
            continue  # the line edit inside a combo box or spin box
        if not widget.accessibleName():
            found.append(widget)
    return found
