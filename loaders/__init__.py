"""Ingestion: read inputs, turn each into an article and store it through the services of ``db``."""
