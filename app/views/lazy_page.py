"""A page (or panel) that builds its content the first time it is shown, so that opening the
main window costs only the page the planner looks at."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.commands import EditContext


class LazyPage(QWidget):
    """Subclasses put their widgets and change-bus connections in `build()`."""

    def __init__(self, context: EditContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.built = False
        self._when_shown: dict[str, object] = {}

    def build(self) -> None:
        raise NotImplementedError

    def ensure_built(self) -> None:
        if not self.built:
            self.built = True
            self.build()
            from app.widgets.accessibility import name_controls

            name_controls(self)  # every control named from its label, for screen readers

    def when_shown(self, refresh) -> None:
        """Run `refresh` now when the page is in view, else once when it is next shown: a change
        (an import, another process) costs nothing on the pages nobody looks at."""
        if self.isVisible():
            refresh()
        else:
            self._when_shown[getattr(refresh, "__name__", repr(refresh))] = refresh

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.ensure_built()
        super().showEvent(event)
        pending, self._when_shown = self._when_shown, {}
        for refresh in pending.values():
            refresh()
