"""What a GraphQL document may ask for, checked before any resolver runs (so before any SQL):

* **size**: a document of at most ``MAX_DOCUMENT_LENGTH`` characters, checked before it is parsed;
* **field repeats**: one selection set may select the same response name at most
  ``graphql_max_field_repeats`` times (``{ __typename __typename … }``, ``events(first: 1) events(first: 2)
  …``); checked right after parsing, so validation never spends its budget comparing hundreds of
  copies of a field and the client reads one clear message instead of "Validation aborted.";
* **inputs**: every string an argument carries, written in the document or passed as a variable, is
  text the databases accept (no NUL, no unpaired surrogate) of at most ``MAX_STRING_LENGTH``
  characters (``MAX_TEXT_LENGTH`` for search texts), and a list inside a filter holds at most
  ``MAX_FILTER_VALUES`` values: the caps of the REST API (``db.limits``);
* **cost**, as GitHub and Shopify bound theirs: the worst-case number of objects the response holds
  (``nodes``) and a cost in points; refused above ``graphql_max_nodes`` or ``graphql_max_cost`` with a
  message naming the figure and the limit, and reported in the response's ``extensions.cost`` for
  every query that was analysed.

How the worst case is counted: a connection holds ``first`` (or ``last``) nodes, or the default page of
20 when neither is given (at most the page cap); a list that takes ``first`` holds that many; ``nodes(ids:)``
holds one per ID; any other list of objects (participants, topics, sources, children, positions, an
article's events) is counted as ``LIST_ESTIMATE`` objects, an estimate rather than a bound, since these
lists are short in the data. Each field below a list counts once per element of every list above it.
The connection plumbing (``edges``, ``pageInfo``) holds no objects of its own.

Points: one for each object (so ``points >= nodes``) plus one for each call of a resolver that runs a
query (a connection's page, ``totalCount``, a venue, the participants of each event, …; ``search``
counts ``SEARCH_WEIGHT``), whether it awaits on its own or is fetched ahead by its parent's resolver for
all its siblings at once (a field whose metadata holds ``PREFETCHED_LOOKUP``: an event's venue, say).
Scalars read from a row and introspection cost nothing: introspection is bounded by the schema, not by
the data, and is off in production.

The analysis is an extension, so the HTTP view and direct ``schema.execute`` calls are guarded alike;
the view's rate limiter takes the cost as the number of points the query spends
(``Context.charge``).

>>> analyse_query(schema, parse("{ events(first: 5) { nodes { title } } }"), None, {}, page_cap=100)
... # doctest: +SKIP
QueryAnalysis(cost=QueryCost(nodes=5, points=6), problems=[])
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from graphql import DocumentNode as GraphQLDocument
from graphql import (
    ExecutionResult,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    Undefined,
    get_named_type,
    is_abstract_type,
    is_leaf_type,
    value_from_ast_untyped,
)
from graphql.validation.validate import ValidationAbortedError
from strawberry import Schema
from strawberry.extensions import SchemaExtension

from db.limits import MAX_FILTER_VALUES, MAX_STRING_LENGTH, MAX_TEXT_LENGTH, text_problem
from db.queries.pagination import DEFAULT_PAGE_SIZE
from schema.errors import PublicError
from schema.lookahead import PREFETCHED_LOOKUP

__all__ = [
    "LIST_ESTIMATE",
    "MAX_DOCUMENT_LENGTH",
    "SEARCH_WEIGHT",
    "InvalidInputError",
    "QueryAnalysis",
    "QueryCost",
    "QueryLimits",
    "QueryTooComplexError",
    "analyse_query",
    "repeated_fields",
]

# Characters of a document: beyond any real query (whose tokens are capped anyway), and what keeps
# the lexer from spending its time on a megabyte of comment.
MAX_DOCUMENT_LENGTH = 100_000
# How many objects a list without pagination is counted as (see the module's docstring).
LIST_ESTIMATE = 10
# Points a call of `search` costs: it scans four tables for each word.
SEARCH_WEIGHT = 10
# Arguments holding a search text, capped at MAX_TEXT_LENGTH like REST's `q`.
_SEARCH_TEXTS = frozenset({"text", "search", "query"})


class QueryTooComplexError(PublicError):
    """A document over a limit of size or cost; the message names the figure and the limit."""

    code = "QUERY_TOO_COMPLEX"


class InvalidInputError(PublicError):
    """An argument value the API does not accept (a string with NUL, a list too long, …)."""


@dataclass(frozen=True)
class QueryCost:
    """The worst case of one operation: objects in the response and cost points."""

    nodes: int
    points: int


@dataclass
class QueryAnalysis:
    """The cost of an operation and what is wrong with its inputs (argument path, reason)."""

    cost: QueryCost
    problems: list[tuple[str, str]] = field(default_factory=list)


def repeated_fields(document: GraphQLDocument, limit: int) -> tuple[str, int] | None:
    """The first response name some selection set of ``document`` selects more than ``limit`` times,
    with how often, or None. A fragment spread counts once per selection set, as execution merges it.
    The work is linear in the document: each selection set is counted once."""
    fragments = {node.name.value: node for node in document.definitions if isinstance(node, FragmentDefinitionNode)}
    pending: list[SelectionSetNode] = [
        node.selection_set
        for node in document.definitions
        if isinstance(node, OperationDefinitionNode | FragmentDefinitionNode)
    ]
    seen: set[int] = set()
    while pending:
        selection_set = pending.pop()
        if id(selection_set) in seen:
            continue
        seen.add(id(selection_set))
        counts: dict[str, int] = {}
        spread: set[str] = set()
        stack = [selection_set]
        while stack:
            for selection in stack.pop().selections:
                if isinstance(selection, FieldNode):
                    key = (selection.alias or selection.name).value
                    counts[key] = counts.get(key, 0) + 1
                    if counts[key] > limit:
                        return key, sum(1 for _ in _fields_named(selection_set, key, fragments))
                    if selection.selection_set is not None:
                        pending.append(selection.selection_set)
                elif isinstance(selection, InlineFragmentNode):
                    stack.append(selection.selection_set)
                elif isinstance(selection, FragmentSpreadNode):
                    name = selection.name.value
                    if name not in spread and name in fragments:
                        spread.add(name)
                        stack.append(fragments[name].selection_set)
    return None


def _fields_named(
    selection_set: SelectionSetNode, key: str, fragments: Mapping[str, FragmentDefinitionNode]
) -> Iterator[FieldNode]:
    """The fields of ``selection_set`` (through its fragments) answering to ``key``: to report how many."""
    stack, spread = [selection_set], set[str]()
    while stack:
        for selection in stack.pop().selections:
            if isinstance(selection, FieldNode) and (selection.alias or selection.name).value == key:
                yield selection
            elif isinstance(selection, InlineFragmentNode):
                stack.append(selection.selection_set)
            elif (
                isinstance(selection, FragmentSpreadNode)
                and selection.name.value in fragments
                and selection.name.value not in spread
            ):
                spread.add(selection.name.value)
                stack.append(fragments[selection.name.value].selection_set)


def analyse_query(
    schema: Schema,
    document: GraphQLDocument,
    operation_name: str | None,
    variables: Mapping[str, Any] | None,
    *,
    page_cap: int,
) -> QueryAnalysis | None:
    """The worst-case cost of the operation ``operation_name`` of ``document`` (validated already) and
    the problems of its inputs; None when the document names no such operation (execution says so)."""
    operations = [node for node in document.definitions if isinstance(node, OperationDefinitionNode)]
    chosen = [op for op in operations if operation_name is None or (op.name and op.name.value == operation_name)]
    if len(chosen) != 1:
        return None
    operation = chosen[0]
    root = schema._schema.get_root_type(operation.operation)
    if root is None:
        return None
    values = dict(variables or {})
    for definition in operation.variable_definitions or ():
        name = definition.variable.name.value
        if name not in values and definition.default_value is not None:
            values[name] = value_from_ast_untyped(definition.default_value)
    walker = _Walker(schema, document, values, page_cap)
    nodes, points = walker.cost(root, [operation.selection_set], 1, None)
    return QueryAnalysis(QueryCost(nodes=nodes, points=points), walker.problems)


class _Walker:
    """Walks an operation the way execution will, counting the worst case and checking inputs."""

    def __init__(self, schema: Schema, document: GraphQLDocument, variables: dict[str, Any], page_cap: int) -> None:
        self.schema = schema
        self.graphql_schema: GraphQLSchema = schema._schema
        self.fragments = {
            node.name.value: node for node in document.definitions if isinstance(node, FragmentDefinitionNode)
        }
        self.variables = variables
        self.page_cap = page_cap
        self.problems: list[tuple[str, str]] = []
        self._checked: set[int] = set()

    def cost(
        self, parent: GraphQLNamedType, selection_sets: Sequence[SelectionSetNode], multiplier: int, page: int | None
    ) -> tuple[int, int]:
        """(nodes, points) of ``selection_sets`` on ``multiplier`` objects of ``parent``; ``page`` is the
        page size when ``parent`` is a connection or an edge."""
        if is_abstract_type(parent):
            possible = self.graphql_schema.get_possible_types(parent)
            costs = [self.cost(member, selection_sets, multiplier, page) for member in possible]
            return max(costs, key=lambda pair: (pair[1], pair[0]), default=(0, 0))
        if not isinstance(parent, GraphQLObjectType):
            return 0, 0
        nodes = points = 0
        for key, field_nodes in self._collect(parent, selection_sets).items():
            name = field_nodes[0].name.value
            definition = parent.fields.get(name)
            if name.startswith("__") or definition is None:
                continue
            arguments = self._arguments(definition, field_nodes[0], key)
            points += multiplier * self._lookup_weight(parent.name, name)
            target = get_named_type(definition.type)
            if is_leaf_type(target):
                continue
            sub_sets = [node.selection_set for node in field_nodes if node.selection_set is not None]
            if _is_connection(target):
                field_nodes_, field_points = self.cost(target, sub_sets, multiplier, self._page_size(arguments))
            else:
                count = self._list_size(definition.type, name, arguments, page) if _is_list(definition.type) else 1
                inner = multiplier * count
                if not _is_plumbing(target):
                    nodes += inner
                    points += inner
                field_nodes_, field_points = self.cost(target, sub_sets, inner, page if _is_edge(target) else None)
            nodes += field_nodes_
            points += field_points
        return nodes, points

    def _collect(
        self, parent: GraphQLObjectType, selection_sets: Sequence[SelectionSetNode]
    ) -> dict[str, list[FieldNode]]:
        """The fields of ``selection_sets`` that apply to ``parent``, by response name; each fragment is
        spread once, as execution does."""
        fields: dict[str, list[FieldNode]] = {}
        spread: set[str] = set()
        stack = list(selection_sets)
        while stack:
            for selection in stack.pop().selections:
                if isinstance(selection, FieldNode):
                    fields.setdefault((selection.alias or selection.name).value, []).append(selection)
                elif isinstance(selection, InlineFragmentNode):
                    condition = selection.type_condition
                    if condition is None or self._applies(condition.name.value, parent):
                        stack.append(selection.selection_set)
                elif isinstance(selection, FragmentSpreadNode):
                    name = selection.name.value
                    fragment = self.fragments.get(name)
                    if name not in spread and fragment is not None:
                        spread.add(name)
                        if self._applies(fragment.type_condition.name.value, parent):
                            stack.append(fragment.selection_set)
        return fields

    def _applies(self, condition: str, parent: GraphQLObjectType) -> bool:
        target = self.graphql_schema.get_type(condition)
        if target is None:
            return False
        if target is parent:
            return True
        return is_abstract_type(target) and self.graphql_schema.is_sub_type(target, parent)

    def _arguments(self, definition: GraphQLField, node: FieldNode, key: str) -> dict[str, Any]:
        """The argument values of ``node`` (variables put in, defaults filled), checked once per node."""
        values: dict[str, Any] = {
            name: argument.default_value
            for name, argument in definition.args.items()
            if argument.default_value is not None and argument.default_value is not Undefined
        }
        for argument in node.arguments or ():
            values[argument.name.value] = value_from_ast_untyped(argument.value, self.variables)
        if id(node) not in self._checked:
            self._checked.add(id(node))
            for name, value in values.items():
                self._check(f"{key}({name})", value, name in _SEARCH_TEXTS, in_object=False)
        return values

    def _check(self, path: str, value: Any, search_text: bool, *, in_object: bool) -> None:
        """Record what is wrong with ``value`` (an argument, or a part of one) at ``path``."""
        if isinstance(value, str):
            limit = MAX_TEXT_LENGTH if search_text else MAX_STRING_LENGTH
            problem = text_problem(value)
            if problem is None and len(value) > limit:
                problem = f"at most {limit} characters, not {len(value)}"
            if problem is not None:
                self.problems.append((path, problem))
        elif isinstance(value, list):
            if in_object and len(value) > MAX_FILTER_VALUES:
                self.problems.append((path, f"at most {MAX_FILTER_VALUES} values, not {len(value)}"))
                return
            for item in value:
                self._check(path, item, search_text, in_object=in_object)
        elif isinstance(value, dict):
            for name, item in value.items():
                self._check(f"{path}.{name}", item, name in _SEARCH_TEXTS, in_object=True)

    def _page_size(self, arguments: Mapping[str, Any]) -> int:
        for name in ("first", "last"):
            value = arguments.get(name)
            if isinstance(value, int) and not isinstance(value, bool):
                # A larger page is refused by the resolver with its own message; it costs no more.
                return max(0, min(value, self.page_cap))
        return min(DEFAULT_PAGE_SIZE, self.page_cap)

    def _list_size(self, kind: GraphQLOutputType, name: str, arguments: Mapping[str, Any], page: int | None) -> int:
        if page is not None:
            return page
        if name == "nodes" and isinstance(arguments.get("ids"), list):
            return len(arguments["ids"])
        first = arguments.get("first")
        if isinstance(first, int) and not isinstance(first, bool):
            return max(0, min(first, self.page_cap))
        return LIST_ESTIMATE

    def _lookup_weight(self, type_name: str, field_name: str) -> int:
        return _lookup_weight(self.schema, type_name, field_name)


@cache
def _lookup_weight(schema: Schema, type_name: str, field_name: str) -> int:
    """Points one call of the field costs: resolvers that await (run a query) cost one, search more."""
    if (type_name, field_name) == ("Query", "search"):
        return SEARCH_WEIGHT
    definition = schema.get_field_for_type(field_name, type_name)
    if definition is None:
        return 0
    if definition.metadata.get(PREFETCHED_LOOKUP):
        return 1
    resolver = definition.base_resolver
    return 1 if resolver is not None and resolver.is_async else 0


def _unwrap(kind: GraphQLOutputType) -> GraphQLOutputType:
    return kind.of_type if isinstance(kind, GraphQLNonNull) else kind


def _is_list(kind: GraphQLOutputType) -> bool:
    return isinstance(_unwrap(kind), GraphQLList)


def _is_connection(kind: GraphQLNamedType) -> bool:
    return isinstance(kind, GraphQLObjectType) and {"edges", "pageInfo"} <= kind.fields.keys()


def _is_edge(kind: GraphQLNamedType) -> bool:
    return isinstance(kind, GraphQLObjectType) and {"node", "cursor"} <= kind.fields.keys()


def _is_plumbing(kind: GraphQLNamedType) -> bool:
    """Connection, edge and page-info objects: the shape of a page, not objects of the data."""
    return _is_connection(kind) or _is_edge(kind) or kind.name == "PageInfo"


class QueryLimits(SchemaExtension):
    """Refuses repeated fields after parsing, then bad inputs and costs over the limits before
    execution; charges the cost to the client's rate limit (``Context.charge``); reports the cost in
    ``extensions``."""

    def __init__(self, *, max_nodes: int, max_cost: int, max_field_repeats: int) -> None:
        super().__init__()
        self.max_nodes = max_nodes
        self.max_cost = max_cost
        self.max_field_repeats = max_field_repeats
        self.cost: QueryCost | None = None

    def on_parse(self) -> Iterator[None]:
        query = self.execution_context.query
        if query is not None and len(query) > MAX_DOCUMENT_LENGTH:
            raise GraphQLError(
                f"The document is {len(query):,} characters long; at most {MAX_DOCUMENT_LENGTH:,} are allowed.",
                extensions={"code": "GRAPHQL_PARSE_FAILED"},
            )
        yield
        document = self.execution_context.graphql_document
        if document is None:
            return
        repeated = repeated_fields(document, self.max_field_repeats)
        if repeated is not None:
            key, count = repeated
            # Raised, not returned: validation (whose field-overlap check is what repeats make dear)
            # never runs, and strawberry answers the error as it answers a syntax error.
            raise GraphQLError(
                f"The field {key!r} is selected {count} times in one selection set; at most "
                f"{self.max_field_repeats} are allowed (a repeated field adds nothing; give each an alias "
                "to ask for it with other arguments).",
                extensions={"code": "GRAPHQL_VALIDATION_FAILED"},
            )

    def on_validate(self) -> Iterator[None]:
        yield
        # Every error found here is a validation error (the limiters' among them, which carry no place
        # in the document); graphql-core's "Validation aborted." of a document too dear to validate is
        # said more clearly. The list is the one strawberry answers with, so it is changed in place.
        errors = self.execution_context.pre_execution_errors or []
        for index, error in enumerate(errors):
            if isinstance(error, ValidationAbortedError):
                message = (
                    "The document is too complex to validate (too many fields that overlap, through fragments "
                    "or repeated selections); simplify it."
                )
            else:
                message = error.message
            errors[index] = GraphQLError(
                message,
                nodes=error.nodes,
                source=error.source,
                positions=error.positions,
                extensions={**(error.extensions or {}), "code": "GRAPHQL_VALIDATION_FAILED"},
            )

    async def on_execute(self) -> AsyncIterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if document is None or context.result is not None:
            yield
            return
        page_cap = getattr(context.context, "page_cap", DEFAULT_PAGE_SIZE)
        analysis = analyse_query(context.schema, document, context.operation_name, context.variables, page_cap=page_cap)
        if analysis is not None:
            self.cost = analysis.cost
            refusal = await self._refusal(analysis)
            if refusal is not None:
                context.result = ExecutionResult(data=None, errors=[GraphQLError(str(refusal), original_error=refusal)])
        yield

    async def _refusal(self, analysis: QueryAnalysis) -> PublicError | None:
        """Why the analysed operation may not run, or None."""
        if analysis.problems:
            path, reason = analysis.problems[0]
            more = f" (and {len(analysis.problems) - 1} more)" if len(analysis.problems) > 1 else ""
            return InvalidInputError(f"Invalid argument {path}: {reason}{more}.")
        cost = analysis.cost
        if cost.nodes > self.max_nodes:
            return QueryTooComplexError(
                f"The query may return {cost.nodes:,} objects; the limit is {self.max_nodes:,}. "
                "Ask for smaller pages (first/last) or fewer nested lists."
            )
        if cost.points > self.max_cost:
            return QueryTooComplexError(
                f"The query costs {cost.points:,} points; the limit is {self.max_cost:,}. "
                "Ask for smaller pages (first/last) or fewer nested lists."
            )
        charge = getattr(self.execution_context.context, "charge", None)
        if charge is not None:
            refusal: PublicError | None = await charge(cost.points)
            return refusal
        return None

    def get_results(self) -> dict[str, Any]:
        if self.cost is None:
            return {}
        return {
            "cost": {
                "nodes": self.cost.nodes,
                "points": self.cost.points,
                "maxNodes": self.max_nodes,
                "maxPoints": self.max_cost,
            }
        }
