"""Inställningar: language, the user's name (recorded in the audit log beside the OS user), the
default period and scope of the follow-up and start pages, the roll-up rule, and how many backups
to keep."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QLabel, QLineEdit, QSpinBox, QWidget

from app.models.backup_files import BACKUP_FOLDER
from app.services.followup import assessment
from app.services.followup.periods import list_periods
from app.services.followup.status import RollupRule, rollup_rule
from app.services.platform import audit
from app.services.platform.backups import backups_kept, set_backups_kept
from app.views.i18n import LANGUAGES, current_language
from app.widgets.forms import ValidatedDialog

USER_NAME_KEY = "user/name"
PERIOD_KEY = "followup/default_period"
SCOPE_KEY = "followup/default_scope"


def apply_user_name() -> None:
    """Tell the audit log who works here (called at start-up and when the setting changes)."""
    audit.set_display_name(str(QSettings().value(USER_NAME_KEY, "") or ""))


def preferred_period(periods: list[str], fallback: str) -> str:
    chosen = str(QSettings().value(PERIOD_KEY, "") or "")
    return chosen if chosen in periods else fallback


def preferred_scope() -> int | None:
    value = QSettings().value(SCOPE_KEY, None)
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


class SettingsDialog(ValidatedDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.context = getattr(parent, "context", None)
        settings = QSettings()
        self.language = QComboBox()
        self.language.setObjectName("languageCombo")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(list(LANGUAGES).index(current_language()))
        self.add_field("language", self.tr("Language"), self.language)
        note = QLabel(self.tr("A new language is used the next time Styrkort starts."))
        note.setWordWrap(True)
        self.form.addRow(note)
        self.user_name = QLineEdit(str(settings.value(USER_NAME_KEY, "") or ""))
        self.user_name.setObjectName("userNameEdit")
        self.user_name.setMaxLength(60)
        self.user_name.setPlaceholderText(audit.os_user())
        self.add_field("user", self.tr("Your name"), self.user_name)
        name_note = QLabel(self.tr("Recorded with every change in the change log, beside the computer user name."))
        name_note.setWordWrap(True)
        self.form.addRow(name_note)
        self.period = QComboBox()
        self.period.setObjectName("defaultPeriod")
        self.scope = QComboBox()
        self.scope.setObjectName("defaultScope")
        self.rule = QComboBox()
        self.rule.setObjectName("settingsRollupRule")
        self.keep = QSpinBox()
        self.keep.setObjectName("backupsKept")
        self.keep.setRange(1, 365)
        if self.context is not None:
            with self.context.store.session() as session:
                periods = [p.code for p in list_periods(session)]
                scopes = assessment.scope_options(session)
                self.stored_rule = rollup_rule(session)
                self.stored_keep = backups_kept(session)
            self.period.addItem(self.tr("Latest year with results"), "")
            for code in periods:
                self.period.addItem(code, code)
            self.period.setCurrentIndex(max(0, self.period.findData(str(settings.value(PERIOD_KEY, "") or ""))))
            self.scope.addItem(self.tr("Whole organisation"), None)
            for uid, name, depth in scopes:
                self.scope.addItem("  " * depth + name, uid)
            self.scope.setCurrentIndex(max(0, self.scope.findData(preferred_scope())))
            self.rule.addItem(self.tr("Weighted share met"), RollupRule.WEIGHTED_SHARE)
            self.rule.addItem(self.tr("Worst underlying status"), RollupRule.WORST)
            self.rule.setCurrentIndex(max(0, self.rule.findData(self.stored_rule)))
            self.keep.setValue(self.stored_keep)
            self.add_field("period", self.tr("Default period"), self.period)
            self.add_field("scope", self.tr("Default scope"), self.scope)
            self.add_field("rule", self.tr("Roll-up rule (this database)"), self.rule)
            self.add_field("keep", self.tr("Backups to keep per file"), self.keep)
            store = self.context.store
            folder = store.path.parent / BACKUP_FOLDER if store.path is not None else None
            where = QLabel(self.tr("Backups are written to %1 (or to Styrkort's data folder when that cannot be "
                                   "written).").replace("%1", str(folder) if folder else "–"))
            where.setObjectName("backupFolder")
            where.setWordWrap(True)
            self.form.addRow(where)
        self.errors.add_general()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.form.addRow(buttons)

    def submit(self) -> str | None:
        """Language, name and defaults are the user's (QSettings); the rule and the backups kept
        belong to the database: the rule is an undoable edit, the backup count a setting."""
        settings = QSettings()
        settings.setValue("ui/language", self.language.currentData())
        settings.setValue(USER_NAME_KEY, self.user_name.text().strip())
        apply_user_name()
        if self.context is None:
            return None
        settings.setValue(PERIOD_KEY, self.period.currentData() or "")
        settings.setValue(SCOPE_KEY, "" if self.scope.currentData() is None else self.scope.currentData())
        rule = RollupRule(self.rule.currentData())
        if rule is not self.stored_rule:
            from app.commands.followup import SetRollupRuleCommand

            if not self.context.push(SetRollupRuleCommand(self.context, rule)):
                return self.context.last_error.message(current_language()) if self.context.last_error else ""
        if self.keep.value() != self.stored_keep and not self.context.store.readonly:
            from app.commands import Change

            with self.context.store.transaction() as session:
                set_backups_kept(session, self.keep.value())
            self.context.bus.announce(Change("db_setting"))
        return None
