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

__all__ = ["GraphQLMedia", "negotiate"]


class GraphQLMedia(StrEnum):
    RESPONSE = "application/graphql-response+json"
    LEGACY = "application/json"
    DEFAULT = ""


def _qualities(accept: str) -> dict[str, float]:
    found: dict[str, float] = {}
    for part in accept.split(","):
        media_type, *parameters = (piece.strip() for piece in part.split(";"))
        quality = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media_type:
            found[media_type.lower()] = max(quality, found.get(media_type.lower(), 0.0))
    return found


def negotiate(accept: str | None) -> GraphQLMedia:
    """The answer's media type for a request's ``Accept`` header (see the module's docstring)."""
    qualities = _qualities(accept or "")
    response, legacy = qualities.get(GraphQLMedia.RESPONSE, 0.0), qualities.get(GraphQLMedia.LEGACY, 0.0)
    if response > 0 and response >= legacy:
        return GraphQLMedia.RESPONSE
    if legacy > 0:
        return GraphQLMedia.LEGACY
    return GraphQLMedia.DEFAULT
