"""The GraphQL schema (strawberry): types, inputs, DataLoaders and the per-request context."""
