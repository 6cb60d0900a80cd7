"""The GraphQL schema (strawberry): one module per type with its entry points, Relay connections,
filter inputs, DataLoaders and the per-request context. Resolvers call ``db.queries``; no SQL here."""
