"""How the schema's operations are executed: strawberry's graphql-core executor, with a short path for
the fields that are most of an answer, plain attributes of a scalar or enum type (an event's title, a
venue's name, an actor's id…).

graphql-core executes every field alike: it makes a ``Path``, builds a ``GraphQLResolveInfo``, calls
strawberry's resolver, which calls ``getattr``, then completes the value through the non-null, list,
leaf and object branches. For a field without a resolver, arguments or middleware whose type is a
scalar or an enum, the answer is ``getattr`` and the type's serialisation, which is what the short
path does, in the loop over an object's fields; a value it cannot complete so (a null where the type
forbids one, a value the type refuses) goes the usual way, which then reports the error as before.
Answers and errors are the same; a Timeline page runs about a thousand such fields.

    >>> strawberry.Schema(query=Query, execution_context_class=LeanExecutionContext)  # doctest: +SKIP
"""

from __future__ import annotations

from typing import Any, NamedTuple
from weakref import WeakKeyDictionary

from graphql import GraphQLLeafType, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, is_leaf_type
from graphql.execution.collect_fields import GroupedFieldSet
from graphql.pyutils import AwaitableOrValue, Path, Undefined, gather_with_cancel
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.schema.schema_converter import GraphQLCoreConverter

__all__ = ["LeanExecutionContext", "plain_leaves"]


class _Leaf(NamedTuple):
    """A field answered by ``getattr(source, attribute)`` serialised as ``type``."""

    attribute: str
    type: GraphQLLeafType
    nullable: bool


# The plain leaf fields of each schema, by (object type name, field name); found once per schema.
_LEAVES: WeakKeyDictionary[GraphQLSchema, dict[tuple[str, str], _Leaf]] = WeakKeyDictionary()


def plain_leaves(schema: GraphQLSchema) -> dict[tuple[str, str], _Leaf]:
    """The fields of ``schema``'s object types that are plain attributes of a scalar or enum type: no
    resolver, no arguments, no field extensions (strawberry's "basic" fields)."""
    found = _LEAVES.get(schema)
    if found is not None:
        return found
    found = {}
    for type_ in schema.type_map.values():
        if not isinstance(type_, GraphQLObjectType) or type_.name.startswith("__"):
            continue
        for name, field in type_.fields.items():
            definition = field.extensions.get(GraphQLCoreConverter.DEFINITION_BACKREF)
            inner = field.type.of_type if isinstance(field.type, GraphQLNonNull) else field.type
            if definition is None or field.args or not definition.is_basic_field or not is_leaf_type(inner):
                continue
            found[type_.name, name] = _Leaf(definition.python_name, inner, inner is field.type)
    _LEAVES[schema] = found
    return found


class LeanExecutionContext(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's executor, answering plain leaf fields by ``getattr`` and serialisation (see the
    module's docstring); every other field, and any such value it cannot complete, as before."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Middleware (a schema extension's resolve hook) must see every field: no short path then.
        manager = self.middleware_manager
        self._leaves = (
            plain_leaves(self.schema)
            if manager is None or getattr(manager, "_middleware_resolvers", None) is None
            else {}
        )

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
                result = self.execute_field(
                    parent_type,
                    source_value,
                    field_details_list,
                    Path(path, response_name, type_name),
                    position_context,
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
