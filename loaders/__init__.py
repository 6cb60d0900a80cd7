"""Ingestion: files and HTTP bodies in, articles and the events they report stored through ``db`` out.

One folder per stage, in the order an article passes through them; a stage imports only the stages
before it, and only the names their ``__init__`` lists in ``__all__``:

    read → clean → dating → nlp → resolve → extract → merge → store

Below them, any stage may use ``text`` (reading English news text: words, sentences, dates) and ``kb``
(the world as data: people and their offices, organisations, countries, places).
``pipeline`` wires the stages: ``prepare`` (read → dating), ``analyse`` (resolve → extract) and
``load_inputs`` (everything, batched, one transaction per article).
"""
