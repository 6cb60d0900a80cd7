"""The schema: the root ``Query`` merged from each type's entry points, the ``Date`` scalar, and the
protections of ``Settings`` (depth, tokens, aliases, masked errors, caches, introspection)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import strawberry
from graphql import GraphQLError
from strawberry.extensions import (
    AddValidationRules,
    DisableIntrospection,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    SchemaExtension,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types
from strawberry.types import ExecutionContext

from db.settings import Settings
from schema.actor import ActorQuery
from schema.article import ArticleQuery
from schema.caches import CachedValidation, ValidatedDocuments
from schema.errors import PublicErrors, error_code, is_internal
from schema.event import EventQuery
from schema.execution import LeanExecutionContext
from schema.limits import QueryLimits
from schema.lookup import NodeQuery
from schema.responses import ResponseCaching
from schema.scalars import DATE_SCALAR, PartialDate
from schema.search import SearchQuery
from schema.topic import TopicQuery
from schema.venue import VenueQuery

__all__ = ["Query", "ReadoutSchema", "build_schema"]

Query = merge_types("Query", (EventQuery, ActorQuery, VenueQuery, TopicQuery, ArticleQuery, SearchQuery, NodeQuery))


def _protections(settings: Settings, documents: ValidatedDocuments) -> list[Callable[[], SchemaExtension]]:
    """Per-request extensions: limits are checked before anything runs, errors masked after. The
    query limits come before the parser cache (a document too long is never parsed) and the validation
    cache (one they refuse is never validated). The depth and alias rules are built here, once: the
    validation cache is keyed by the rule classes, and each limiter makes a new class."""
    rules = [
        *QueryDepthLimiter(max_depth=settings.graphql_max_depth).validation_rules,
        *MaxAliasesLimiter(max_alias_count=settings.graphql_max_aliases).validation_rules,
    ]
    extensions: list[Callable[[], SchemaExtension]] = [
        lambda: MaxTokensLimiter(max_token_count=settings.graphql_max_tokens),
        lambda: QueryLimits(
            max_nodes=settings.graphql_max_nodes,
            max_cost=settings.graphql_max_cost,
            max_field_repeats=settings.graphql_max_field_repeats,
        ),
        lambda: ParserCache(maxsize=settings.graphql_cache_size),
        lambda: AddValidationRules(rules),
        lambda: CachedValidation(documents),
        PublicErrors,
        # After the limits, whose refusals and charges come first.
        ResponseCaching,
    ]
    if not settings.graphql_introspection:
        extensions.append(DisableIntrospection)
    return extensions


class ReadoutSchema(strawberry.Schema):
    """The schema, logging only the errors that are faults of ours: a client's bad document or input
    is answered, not logged (a flood of them would bury the faults). ``validated`` is its cache of
    validation results."""

    validated: ValidatedDocuments

    def process_errors(self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None) -> None:
        super().process_errors(
            [error for error in errors if is_internal(error) or error_code(error) == "INTERNAL_SERVER_ERROR"],
            execution_context,
        )


def build_schema(settings: Settings, *, extensions: Sequence[Callable[[], SchemaExtension]] = ()) -> ReadoutSchema:
    """The GraphQL schema with the limits of ``settings``; ``extensions`` are added after them (the
    app's metrics, say)."""
    documents = ValidatedDocuments(settings.graphql_cache_size)
    schema = ReadoutSchema(
        query=Query,
        config=StrawberryConfig(
            scalar_map={PartialDate: DATE_SCALAR}, disable_field_suggestions=not settings.graphql_field_suggestions
        ),
        extensions=[*_protections(settings, documents), *extensions],
        execution_context_class=LeanExecutionContext,
    )
    schema.validated = documents
    return schema
