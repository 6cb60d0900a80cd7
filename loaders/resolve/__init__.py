"""Resolve: a parsed article in; the actors it names (with where it names them) and the places a name
can mean out.

- ``resolve_actors`` turns the names and offices in a ``Doc`` into ``ActorMention``s of
  ``ResolvedActor``s, through the curated knowledge base (``KnowledgeBase``: people with their
  offices and terms, organisations, countries) and general rules for short forms, garbled spellings
  and bare offices.
- ``Gazetteer`` looks a place name up offline (GeoNames' cities and countries, plus curated
  buildings and regions) and gives a ``Place`` inside its city and country.

    >>> mentions = resolve_actors(doc, KnowledgeBase.load(), reference=date(2023, 6, 18))  # doctest: +SKIP
    >>> Gazetteer.load().lookup("Diaoyutai State Guest House").parent.name  # doctest: +SKIP
    'Beijing'
"""

from loaders.resolve.actors import resolve_actors
from loaders.resolve.mentions import ActorMention, ResolvedActor

__all__ = ["ActorMention", "ResolvedActor", "resolve_actors"]
