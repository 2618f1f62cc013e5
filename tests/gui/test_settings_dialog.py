"""Inställningar: the name in the change log, default period and scope, the roll-up rule."""

from __future__ import annotations

import sqlalchemy as sa
from PySide6.QtWidgets import QApplication

from app.commands.goals import UpdateGoalCommand
from app.models import AuditEntry, Goal
from app.services.followup.status import RollupRule, rollup_rule
from app.services.platform import audit
from app.views.application import install_translators
from app.views.main_window import MainWindow
from app.views.settings_dialog import SettingsDialog


def test_settings_name_period_scope_and_rule(qtbot, demo_store):
    install_translators(QApplication.instance(), "sv")
    window = MainWindow(demo_store)
    qtbot.addWidget(window)
    dialog = SettingsDialog(window)
    qtbot.addWidget(dialog)
    dialog.user_name.setText("Planerare Persson")
    dialog.period.setCurrentIndex(dialog.period.findData("2024"))
    scope_index = 2
    scope_id = dialog.scope.itemData(scope_index)
    dialog.scope.setCurrentIndex(scope_index)
    dialog.rule.setCurrentIndex(dialog.rule.findData(RollupRule.WORST))
    dialog.accept()
    assert dialog.result() == 1
    try:
        with demo_store.session() as session:
            goal_id = session.execute(sa.select(Goal.id).where(Goal.code == "1.1")).scalar_one()
            assert rollup_rule(session) is RollupRule.WORST
        window.context.push(UpdateGoalCommand(window.context, goal_id, {"title": "Nytt namn"}))
        with demo_store.session() as session:
            last = session.execute(sa.select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1)).scalar_one()
        assert last.user.startswith("Planerare Persson")  # beside the OS user
        # A new window starts the follow-up page on the chosen period and scope.
        second = MainWindow(demo_store)
        qtbot.addWidget(second)
        follow_up = [second.pages.widget(i) for i in range(second.pages.count())
                     if second.pages.widget(i).objectName() == "followUpPage"][0]
        assert follow_up.period.currentText() == "2024"
        assert follow_up.scope_id() == scope_id
        second.context.stop_watching()
    finally:
        audit.set_display_name("")
        window.context.stop_watching()
