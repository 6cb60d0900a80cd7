"""Validation results kept across requests: a document that was valid once is valid again, so a
repeated query skips graphql-core's validation (a tenth of the work of a small query).

The cache is keyed by the schema, the parsed document (the parser cache hands back the same object
for the same text) and the validation rules. The rules must therefore be the same classes on every
request: strawberry's depth and alias limiters build a new rule class each time one is constructed,
so ``build_schema`` builds them once and adds them with ``AddValidationRules``.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import _CacheInfo, _lru_cache_wrapper, lru_cache

from graphql import ASTValidationRule, DocumentNode, GraphQLError, GraphQLSchema
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import validate_document

__all__ = ["CachedValidation", "ValidatedDocuments"]

Rules = tuple[type[ASTValidationRule], ...]


class ValidatedDocuments:
    """The errors of the last ``maxsize`` documents validated (an empty list for a valid one)."""

    def __init__(self, maxsize: int) -> None:
        self._validate: _lru_cache_wrapper[list[GraphQLError]] = lru_cache(maxsize=maxsize)(validate_document)

    def errors(self, schema: GraphQLSchema, document: DocumentNode, rules: Rules) -> list[GraphQLError]:
        """The validation errors of ``document``; a new list each time, since later extensions
        rewrite the list they are given (``schema.limits``)."""
        return list(self._validate(schema, document, rules))

    def cache_info(self) -> _CacheInfo:
        """Hits, misses and size, as ``functools.lru_cache`` counts them."""
        return self._validate.cache_info()


class CachedValidation(SchemaExtension):
    """Validates through ``documents`` instead of afresh."""

    def __init__(self, documents: ValidatedDocuments) -> None:
        super().__init__()
        self.documents = documents

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        assert context.graphql_document is not None, "validation follows a successful parse"
        context.pre_execution_errors = self.documents.errors(
            context.schema._schema,  # the graphql-core schema: strawberry has no public accessor
            context.graphql_document,
            context.validation_rules,
        )
        yield
