"""Knowledge: the world as data, which every stage may consult: people with their offices and terms,
organisations, countries, the phrases of each office (``KnowledgeBase``), and places (``Gazetteer``:
buildings, cities, regions and countries, offline).

It sits below the stages of the pipeline, beside ``loaders.text``: dating asks who held an office when,
resolve turns names into actors, extract places events. The data is YAML in ``loaders/kb/data`` (read
through ``importlib.resources``), loaded once per process:

    >>> from datetime import date
    >>> kb = KnowledgeBase.load()
    >>> [person.name for person in kb.holders("foreign-minister", country="CN", on=date(2023, 6, 18))]
    ['Qin Gang']
    >>> kb.role_for_phrase("China's foreign minister")
    'foreign-minister'

In people.yaml a position's ``role`` may be a list (a US president is head of state and of government); it is
loaded as one ``Position`` per role. A position without a ``country`` key is an office of the person's own
country; ``country: null`` marks an international post. Dates may be ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``:
a start is widened to the first day, an end to the last, and the precision is kept. An optional
``surnames`` list replaces the surnames guessed from the spellings (for "López Obrador" or "Lee").
"""

from __future__ import annotations

from loaders.kb.gazetteer import Gazetteer, Place, PlaceKind
from loaders.kb.knowledge import KnowledgeBase
from loaders.kb.models import Country, Organization, Person, Position, Precision, Role
from loaders.kb.names import normalize_name
from loaders.kb.scan import find_offices, spelling_pattern

__all__ = [
    "Country",
    "Gazetteer",
    "KnowledgeBase",
    "Organization",
    "Person",
    "Place",
    "PlaceKind",
    "Position",
    "Precision",
    "Role",
    "find_offices",
    "normalize_name",
    "spelling_pattern",
]
