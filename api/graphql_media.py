"""The media type of a GraphQL answer, as the GraphQL-over-HTTP specification negotiates it.

* ``Accept`` naming ``application/graphql-response+json`` (before or as much as ``application/json``):
  the answer is of that type; a request error (the document does not parse or validate, a variable
  does not coerce: nothing was executed) is a 4xx whose body has no ``data`` entry.
* ``Accept`` naming ``application/json`` and not the former: the legacy type, whose clients may not
  read a 4xx body, so a request error is answered ``200`` (``data`` null, ``errors`` saying why).
* No ``Accept``, or ``*/*`` alone: ``application/json`` with the statuses of ``api.graphql``.

    >>> negotiate("application/graphql-response+json, application/json;q=0.9")
    <GraphQLMedia.RESPONSE: 'application/graphql-response+json'>
"""

from __future__ import annotations

from enum import StrEnum

from api.accept import qualities

__all__ = ["GraphQLMedia", "negotiate"]


class GraphQLMedia(StrEnum):
    RESPONSE = "application/graphql-response+json"
    LEGACY = "application/json"
    DEFAULT = ""


def negotiate(accept: str | None) -> GraphQLMedia:
    """The answer's media type for a request's ``Accept`` header (see the module's docstring)."""
    given = qualities(accept)
    response, legacy = given.get(GraphQLMedia.RESPONSE, 0.0), given.get(GraphQLMedia.LEGACY, 0.0)
    if response > 0 and response >= legacy:
        return GraphQLMedia.RESPONSE
    if legacy > 0:
        return GraphQLMedia.LEGACY
    return GraphQLMedia.DEFAULT
