"""Query and write services: the only place SQL is built. Verbs are keyword-only
(``get``, ``get_by_hash``, ``create`` …) and take the session first."""
