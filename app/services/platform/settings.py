"""Settings that travel with the database file."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.models import DbSetting

ORGANISATION_NAME = "organisation_name"


def get_setting(session: Session, key: str, default: str = "") -> str:
    row = session.get(DbSetting, key)
    return row.value if row is not None else default


def set_setting(session: Session, key: str, value: str) -> None:
    row = session.get(DbSetting, key)
    if row is None:
        session.add(DbSetting(key=key, value=value))
    else:
        row.value = value
