"""An ``Accept`` header read into the quality the client gives each media type it names, for the views
that answer in more than one (exports, GraphQL).

    >>> qualities("text/csv, application/json;q=0.5")
    {'text/csv': 1.0, 'application/json': 0.5}
"""

from __future__ import annotations

__all__ = ["qualities"]


def qualities(accept: str | None) -> dict[str, float]:
    """Each media type ``accept`` names (lower-cased), with its ``q`` (1 when unsaid, 0 when unreadable)."""
    found: dict[str, float] = {}
    for part in (accept or "").split(","):
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
