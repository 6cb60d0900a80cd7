"""What the API, the GraphQL schema and the loaders share: settings, the relational model, sessions
and the services that are the only place SQL is built."""
