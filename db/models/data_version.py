"""The data version: one row whose number every committed write raises (``db.data_version``)."""

from __future__ import annotations

from sqlalchemy import BigInteger, Integer
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base

__all__ = ["DataVersion"]


class DataVersion(Base):
    """The only row has ``id`` 1; ``version`` only grows."""

    __tablename__ = "data_version"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger)
