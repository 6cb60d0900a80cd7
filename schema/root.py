"""The schema: the root ``Query`` merged from each type's entry points, the ``Date`` scalar, and the
protections of ``Settings`` (depth, tokens, aliases, masked errors, caches, introspection)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import strawberry
from strawberry.extensions import (
    DisableIntrospection,
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    SchemaExtension,
    ValidationCache,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types

from db.settings import Settings
from schema.actor import ActorQuery
from schema.article import ArticleQuery
from schema.errors import INTERNAL_ERROR_MESSAGE, is_internal
from schema.event import EventQuery
from schema.lookup import NodeQuery
from schema.scalars import DATE_SCALAR, PartialDate
from schema.search import SearchQuery
from schema.topic import TopicQuery
from schema.venue import VenueQuery

__all__ = ["Query", "build_schema"]

Query = merge_types("Query", (EventQuery, ActorQuery, VenueQuery, TopicQuery, ArticleQuery, SearchQuery, NodeQuery))


def _protections(settings: Settings) -> list[Callable[[], SchemaExtension]]:
    """Per-request extensions: limits are checked before anything runs, errors masked after."""
    extensions: list[Callable[[], SchemaExtension]] = [
        lambda: MaxTokensLimiter(max_token_count=settings.graphql_max_tokens),
        lambda: ParserCache(maxsize=settings.graphql_cache_size),
        lambda: QueryDepthLimiter(max_depth=settings.graphql_max_depth),
        lambda: MaxAliasesLimiter(max_alias_count=settings.graphql_max_aliases),
        lambda: ValidationCache(maxsize=settings.graphql_cache_size),
        lambda: MaskErrors(should_mask_error=is_internal, error_message=INTERNAL_ERROR_MESSAGE),
    ]
    if not settings.graphql_introspection:
        extensions.append(DisableIntrospection)
    return extensions


def build_schema(settings: Settings, *, extensions: Sequence[Callable[[], SchemaExtension]] = ()) -> strawberry.Schema:
    """The GraphQL schema with the limits of ``settings``; ``extensions`` are added after them (the
    app's metrics, say)."""
    return strawberry.Schema(
        query=Query,
        config=StrawberryConfig(scalar_map={PartialDate: DATE_SCALAR}),
        extensions=[*_protections(settings), *extensions],
    )
