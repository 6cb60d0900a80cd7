"""Venues: buildings inside cities inside regions and countries, with coordinates where known."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, Float, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import Base
from db.enums import VenueKind, check_in

__all__ = ["Venue"]


class Venue(Base):
    __tablename__ = "venues"
    __table_args__ = (
        check_in("kind", VenueKind),
        CheckConstraint("country IS NULL OR length(country) = 2", name="country_iso2"),
        CheckConstraint("latitude IS NULL OR (latitude BETWEEN -90 AND 90)", name="latitude_range"),
        CheckConstraint("longitude IS NULL OR (longitude BETWEEN -180 AND 180)", name="longitude_range"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    name: Mapped[str] = mapped_column(String(300))
    slug: Mapped[str] = mapped_column(String(300), unique=True, doc="Natural identity, e.g. 'city-mt-valletta'.")
    city: Mapped[str | None] = mapped_column(String(200))
    country: Mapped[str | None] = mapped_column(String(2), index=True, doc="ISO 3166-1 alpha-2.")
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("venues.id", ondelete="SET NULL"), index=True)
    geonames_id: Mapped[int | None] = mapped_column(Integer, unique=True)

    parent: Mapped[Venue | None] = relationship(remote_side=[id], lazy="raise", back_populates="children")
    children: Mapped[list[Venue]] = relationship(back_populates="parent", lazy="raise")
