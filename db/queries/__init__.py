"""Read-side queries shared by GraphQL and REST: typed filters, orderings, keyset pagination, batch
look-ups for DataLoaders and search. Like ``db.services``, the only place SQL is built; one module
per domain."""
