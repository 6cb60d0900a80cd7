"""Reading and writing venues: a venue is stored with its chain of parents."""

from __future__ import annotations

from typing import Protocol

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Venue

__all__ = ["VenueSpec", "ancestor_ids", "get", "get_by_slug", "get_or_create"]


class VenueSpec(Protocol):
    """A venue as a gazetteer knows it (``loaders.gazetteer.Place`` is one), with the place containing it."""

    @property
    def slug(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def city(self) -> str | None: ...
    @property
    def country(self) -> str | None: ...
    @property
    def latitude(self) -> float | None: ...
    @property
    def longitude(self) -> float | None: ...
    @property
    def geonames_id(self) -> int | None: ...
    @property
    def parent(self) -> VenueSpec | None: ...


async def get(session: AsyncSession, *, venue_id: int) -> Venue | None:
    return await session.get(Venue, venue_id)


async def get_by_slug(session: AsyncSession, *, slug: str) -> Venue | None:
    return await session.scalar(select(Venue).where(Venue.slug == slug))


async def get_or_create(session: AsyncSession, *, spec: VenueSpec) -> Venue:
    """The venue of ``spec``, created with its missing parents."""
    venue = await get_by_slug(session, slug=spec.slug)
    if venue is not None:
        return venue
    parent = await get_or_create(session, spec=spec.parent) if spec.parent is not None else None
    geonames_id = spec.geonames_id
    if geonames_id is not None and await session.scalar(select(Venue.id).where(Venue.geonames_id == geonames_id)):
        geonames_id = None  # two gazetteer entries may share a GeoNames place; the first keeps the id
    venue = Venue(
        slug=spec.slug,
        kind=spec.kind,
        name=spec.name,
        city=spec.city,
        country=spec.country,
        latitude=spec.latitude,
        longitude=spec.longitude,
        geonames_id=geonames_id,
        parent_id=parent.id if parent else None,
    )
    session.add(venue)
    await session.flush()
    return venue


async def ancestor_ids(session: AsyncSession, *, venue_id: int) -> list[int]:
    """``venue_id`` followed by the ids of the places that contain it, innermost first."""
    chain = [venue_id]
    current = await session.get(Venue, venue_id)
    while current is not None and current.parent_id is not None and current.parent_id not in chain:
        chain.append(current.parent_id)
        current = await session.get(Venue, current.parent_id)
    return chain
