"""Settings stored in the database itself (they travel with the file): the organisation's name,
the roll-up rule, the number of backups kept …"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class DbSetting(Base):
    __tablename__ = "db_setting"

    key: Mapped[str] = mapped_column(sa.String(100), primary_key=True)
    value: Mapped[str] = mapped_column(sa.Text)

