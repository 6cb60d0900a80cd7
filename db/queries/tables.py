"""The tables the read side selects from, as Core tables rather than ORM classes.

A statement that names only Core tables and columns is executed by the session as plain SQL: no ORM
compile state, no ORM result set-up, and a cheaper cache key; one that names a mapped attribute
anywhere (even in its WHERE clause) takes the ORM's path, which cost the batch look-ups about half their
CPU. Statements built from these can also be built once, at import, with their values bound at
execution (``db.queries.among.among_ids``).

    >>> select(EVENTS.c.id).where(EVENTS.c.parent_id.is_(None))  # doctest: +SKIP
"""

from __future__ import annotations

from sqlalchemy import FromClause

from db.models import Actor, Article, Event, EventParticipant, EventTopic, Evidence, Topic, Venue

__all__ = ["ACTORS", "ARTICLES", "EVENTS", "EVENT_TOPICS", "EVIDENCE", "PARTICIPANTS", "TOPICS", "VENUES"]

EVENTS: FromClause = Event.__table__
PARTICIPANTS: FromClause = EventParticipant.__table__
EVENT_TOPICS: FromClause = EventTopic.__table__
EVIDENCE: FromClause = Evidence.__table__
ACTORS: FromClause = Actor.__table__
ARTICLES: FromClause = Article.__table__
TOPICS: FromClause = Topic.__table__
VENUES: FromClause = Venue.__table__
