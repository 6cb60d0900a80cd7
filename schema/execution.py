"""How the schema's operations are executed: strawberry's graphql-core executor, with a short path for
the fields that are most of an answer, plain attributes (no resolver, arguments or middleware) of a
scalar or enum type (an event's title, a venue's name), or holding an object or a list of objects (an
event's venue, its participants, a page's edges).

graphql-core executes every field alike: it makes a ``Path``, builds a ``GraphQLResolveInfo``, calls
strawberry's resolver, which calls ``getattr``, then completes the value through the non-null, list,
leaf and object branches (an object's type checked, its fields collected). For a plain leaf the answer
is ``getattr`` and the type's serialisation; for a plain object, its fields executed at once (their
collection is memoised by graphql-core). The short path does that, in the loop over an object's
fields; a value it cannot complete so (a null where the type forbids one, a value the type refuses, an
object of another class, deferred fields) goes the usual way, which then reports the error as before,
and errors inside an object are handled where graphql-core handles them. Answers and errors are the
same (tests/schema/test_execution.py); a Timeline page holds about a thousand leaves and four hundred
objects.

    >>> strawberry.Schema(query=Query, execution_context_class=LeanExecutionContext)  # doctest: +SKIP
"""

from __future__ import annotations

from typing import Any, NamedTuple
from weakref import WeakKeyDictionary

from graphql import (
    GraphQLLeafType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    is_leaf_type,
)
from graphql.execution.collect_fields import FieldDetailsList, GroupedFieldSet
from graphql.pyutils import AwaitableOrValue, Path, Undefined, gather_with_cancel
from graphql.pyutils.undefined import UndefinedType
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.schema.schema_converter import GraphQLCoreConverter

__all__ = ["LeanExecutionContext", "plain_leaves", "plain_objects"]


class _Leaf(NamedTuple):
    """A field answered by ``getattr(source, attribute)`` serialised as ``type``."""

    attribute: str
    type: GraphQLLeafType
    nullable: bool


class _Object(NamedTuple):
    """A field answered by ``getattr(source, attribute)``: an object of ``object_type`` (instances of
    ``origin``), or a list of them when ``many`` (never null items)."""

    attribute: str
    field_type: GraphQLOutputType
    object_type: GraphQLObjectType
    origin: type
    nullable: bool
    many: bool


class _PlainFields(NamedTuple):
    """A schema's plain fields by (object type name, field name)."""

    leaves: dict[tuple[str, str], _Leaf]
    objects: dict[tuple[str, str], _Object]


# Found once per schema.
_PLAIN: WeakKeyDictionary[GraphQLSchema, _PlainFields] = WeakKeyDictionary()


def _plain_fields(schema: GraphQLSchema) -> _PlainFields:
    """The fields of ``schema``'s object types that are plain attributes (strawberry's "basic" fields:
    no resolver, no field extensions) without arguments, of a scalar or enum type, or holding an
    object, or a list of objects that are never null, of a type strawberry made from a class."""
    found = _PLAIN.get(schema)
    if found is not None:
        return found
    found = _PlainFields({}, {})
    for type_ in schema.type_map.values():
        if not isinstance(type_, GraphQLObjectType) or type_.name.startswith("__"):
            continue
        for name, field in type_.fields.items():
            definition = field.extensions.get(GraphQLCoreConverter.DEFINITION_BACKREF)
            if definition is None or field.args or not definition.is_basic_field:
                continue
            nullable = not isinstance(field.type, GraphQLNonNull)
            inner = field.type.of_type if isinstance(field.type, GraphQLNonNull) else field.type
            if is_leaf_type(inner):
                found.leaves[type_.name, name] = _Leaf(definition.python_name, inner, nullable)
                continue
            many = isinstance(inner, GraphQLList)
            if many:
                if not isinstance(inner.of_type, GraphQLNonNull):
                    continue
                inner = inner.of_type.of_type
            origin = getattr(inner.extensions.get(GraphQLCoreConverter.DEFINITION_BACKREF), "origin", None)
            if isinstance(inner, GraphQLObjectType) and isinstance(origin, type):
                found.objects[type_.name, name] = _Object(
                    definition.python_name, field.type, inner, origin, nullable, many
                )
    _PLAIN[schema] = found
    return found


def plain_leaves(schema: GraphQLSchema) -> dict[tuple[str, str], _Leaf]:
    """The plain fields of ``schema`` of a scalar or enum type, by (object type name, field name)."""
    return _plain_fields(schema).leaves


def plain_objects(schema: GraphQLSchema) -> dict[tuple[str, str], _Object]:
    """The plain fields of ``schema`` holding an object or a list of objects, by (object type name,
    field name)."""
    return _plain_fields(schema).objects


class LeanExecutionContext(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's executor, answering plain leaf fields by ``getattr`` and serialisation (see the
    module's docstring); every other field, and any such value it cannot complete, as before."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Middleware (a schema extension's resolve hook) must see every field: no short path then.
        manager = self.middleware_manager
        plain = manager is None or getattr(manager, "_middleware_resolvers", None) is None
        self._leaves = plain_leaves(self.schema) if plain else {}
        self._objects = plain_objects(self.schema) if plain else {}

    def execute_fields(
        self,
        parent_type: GraphQLObjectType,
        source_value: Any,
        path: Path | None,
        grouped_field_set: GroupedFieldSet,
        position_context: Any,
    ) -> AwaitableOrValue[dict[str, Any]]:
        """graphql-core's ``execute_fields`` (the fields of one object, awaitables gathered), with the
        plain leaves answered in the loop itself: no ``Path``, ``GraphQLResolveInfo`` or resolver for
        them unless their value needs the usual way."""
        leaves = self._leaves
        type_name = parent_type.name
        results: dict[str, Any] = {}
        awaitable_fields: list[str] = []
        try:
            for response_name, field_details_list in grouped_field_set.items():
                node = field_details_list[0].node
                leaf = leaves.get((type_name, node.name.value))
                if leaf is not None and not node.arguments:
                    value = getattr(source_value, leaf.attribute)
                    if value is None and leaf.nullable:
                        results[response_name] = None
                        continue
                    if value is not None:
                        try:
                            coerced = leaf.type.coerce_output_value(value)
                        except Exception:  # the usual path below reports it
                            coerced = None
                        if coerced is not None and coerced is not Undefined:
                            results[response_name] = coerced
                            continue
                field_path = Path(path, response_name, type_name)
                plain = self._objects.get((type_name, node.name.value)) if position_context is None else None
                result = (
                    self._plain_object(plain, source_value, field_details_list, field_path)
                    if plain is not None and not node.arguments
                    else Undefined
                )
                if result is Undefined:
                    result = self.execute_field(
                        parent_type, source_value, field_details_list, field_path, position_context
                    )
                if result is not Undefined:
                    results[response_name] = result
                    if self.is_awaitable(result):
                        awaitable_fields.append(response_name)
        except Exception:
            if awaitable_fields:
                # As graphql-core: awaitables of other fields are settled, as they may fail too.
                self.settle_in_background([results[field] for field in awaitable_fields])
            raise
        if not awaitable_fields:
            return results

        async def get_results() -> dict[str, Any]:
            if len(awaitable_fields) == 1:
                field = awaitable_fields[0]
                results[field] = await results[field]
            else:
                awaited = await gather_with_cancel(*(results[field] for field in awaitable_fields))
                results.update(zip(awaitable_fields, awaited, strict=True))
            return results

        return get_results()

    def _plain_object(
        self, plain: _Object, source: Any, field_details_list: FieldDetailsList, path: Path
    ) -> AwaitableOrValue[Any] | UndefinedType:
        """The completed value of a plain object field (``plain_objects``): its object's (or each
        object's) fields executed straight away, without the resolver, resolve info and the completion
        steps graphql-core takes for any value; ``Undefined`` when the value is not what the short
        path knows (a null where none may be, an object of another class, fields deferred), for the
        usual way to complete. Errors are handled where graphql-core handles them."""
        if not self.error_propagation:
            return Undefined
        value = getattr(source, plain.attribute)
        if value is None:
            return None if plain.nullable else Undefined
        if plain.many and not isinstance(value, list):
            return Undefined
        items: list[Any] = value if plain.many else [value]
        if any(type(item) is not plain.origin for item in items):
            return Undefined
        grouped, new_defer_usages, _forbidden = self.collect_subfields(plain.object_type, field_details_list)
        if new_defer_usages:
            return Undefined
        return_type = plain.field_type
        completed: AwaitableOrValue[Any]
        try:
            if not plain.many:
                completed = self.execute_fields(plain.object_type, value, path, grouped, None)
            else:
                completed = self._plain_list(plain, items, grouped, field_details_list, path)
        except Exception as error:
            self.handle_field_error(error, return_type, field_details_list, path)
            return None
        if not self.is_awaitable(completed):
            return completed

        async def await_completed() -> Any:
            try:
                return await completed
            except Exception as error:
                self.handle_field_error(error, return_type, field_details_list, path)
                return None

        return await_completed()

    def _plain_list(
        self,
        plain: _Object,
        items: list[Any],
        grouped: GroupedFieldSet,
        field_details_list: FieldDetailsList,
        path: Path,
    ) -> AwaitableOrValue[list[Any]]:
        """Each item's fields executed; an item's error is handled as graphql-core handles it (the
        items are never null, so it reaches the list)."""
        item_type = GraphQLNonNull(plain.object_type)
        completed: list[Any] = []
        waiting: list[int] = []
        for index, item in enumerate(items):
            item_path = Path(path, index, None)
            try:
                one = self.execute_fields(plain.object_type, item, item_path, grouped, None)
            except Exception as error:
                if waiting:
                    self.settle_in_background([completed[at] for at in waiting])
                self.handle_field_error(error, item_type, field_details_list, item_path)
                raise
            if self.is_awaitable(one):
                waiting.append(index)
            completed.append(one)
        if not waiting:
            return completed

        async def await_items() -> list[Any]:
            async def settle(index: int) -> Any:
                try:
                    return await completed[index]
                except Exception as error:
                    self.handle_field_error(error, item_type, field_details_list, Path(path, index, None))
                    raise

            for index, value in zip(
                waiting, await gather_with_cancel(*(settle(index) for index in waiting)), strict=True
            ):
                completed[index] = value
            return completed

        return await_items()
