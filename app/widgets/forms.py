"""One way to validate a form: the message appears under the field it concerns, in one style, the
form (or dialog) stays open and keeps everything the user typed. A dialog derives from
`ValidatedDialog`, names its fields with `add_field`, and answers `problems()` and (optionally)
`submit()` — the undoable command it pushes, whose refusal is shown the same way."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QVBoxLayout, QWidget

ERROR_STYLE = "color: #b00020"  # 7.0:1 on white (WCAG AA); the text says what is wrong, not the colour
GENERAL = ""  # the key of a problem that belongs to no single field


def error_label(object_name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(object_name)
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


class FieldErrors:
    """Error labels under the fields of a QFormLayout, and one general line at the end."""

    def __init__(self, form: QFormLayout) -> None:
        self.form = form
        self.fields: dict[str, tuple[QWidget, QLabel]] = {}
        self.general = error_label("error_general")

    def add_field(self, name: str, label: str, widget: QWidget) -> QWidget:
        """Add a row `label: widget` with its (hidden) error line under the widget."""
        holder = QWidget()
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(widget)
        error = error_label(f"error_{name}")
        box.addWidget(error)
        if not widget.accessibleName():
            widget.setAccessibleName(label.replace("&", ""))
        self.form.addRow(label, holder)
        self.fields[name] = (widget, error)
        return holder

    def add_general(self) -> None:
        self.form.addRow(self.general)

    def show(self, problems: dict[str, str]) -> bool:
        """Show `problems` (field name → message; GENERAL or an unknown name → the general line);
        focus the first field in trouble. True when there are none."""
        first = None
        for name, (widget, label) in self.fields.items():
            text = problems.get(name, "")
            label.setText(text)
            label.setVisible(bool(text))
            widget.setProperty("invalid", bool(text))
            widget.setAccessibleDescription(text)
            if text and first is None:
                first = widget
        general = [text for name, text in problems.items() if text and name not in self.fields]
        self.general.setText("\n".join(general))
        self.general.setVisible(bool(general))
        if first is not None:
            first.setFocus()
        return not any(problems.values())

    def clear(self) -> None:
        self.show({})

    def text(self, name: str) -> str:
        return self.fields[name][1].text() if name in self.fields else self.general.text()


class ValidatedDialog(QDialog):
    """A dialog whose OK checks `problems()`, then runs `submit()` (which returns None or the
    refusal's text, e.g. from EditContext.push); on any problem it stays open, input kept."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.errors = FieldErrors(self.form)
        self.submitter: Callable[[], str | None] | None = None
        self.refusal_field = GENERAL  # where a refused submit's message goes

    def add_field(self, name: str, label: str, widget: QWidget) -> QWidget:
        return self.errors.add_field(name, label, widget)

    def problems(self) -> dict[str, str]:
        """Field name → message for what must be corrected before OK (none by default)."""
        return {}

    def submit(self) -> str | None:
        return self.submitter() if self.submitter is not None else None

    def accept(self) -> None:
        problems = self.problems()
        if not any(problems.values()):
            refusal = self.submit()
            if refusal:
                problems = {self.refusal_field: refusal}
        if self.errors.show(problems):
            super().accept()
