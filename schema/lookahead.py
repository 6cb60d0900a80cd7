"""Looking ahead at a resolver's selection set: which fields of the objects it returns are asked for,
and what is asked of them in turn, so that a resolver can fetch everything below it in a few batched
look-ups and hand back objects whose fields are plain attributes (graphql-core runs a plain attribute
without a task, a future or strawberry's resolver wrappers; an awaiting resolver costs all three per
object).

In: strawberry's converted selections (``info.selected_fields``, or the ``selections`` of one of
them). Out: ``Fields``, the selected fields by name, each name holding every field node selected
under it (an alias, a fragment, a repeat), so that their selections merge.

    >>> fields = Fields.of(info.selected_fields[0].selections)  # doctest: +SKIP
    >>> "venue" in fields, fields.below("parent")  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField, Selection

__all__ = ["ANY_TYPE", "LOOKUP", "PREFETCHED_LOOKUP", "Fields", "connection_nodes", "selections_of"]

# The metadata key marking a field that is a plain attribute but costs a look-up, fetched ahead by its
# parent's resolver for all its siblings at once: it counts as a look-up in the query's cost
# (schema.limits), as it did when it awaited a DataLoader of its own.
PREFETCHED_LOOKUP = "readout.prefetched_lookup"
LOOKUP = {PREFETCHED_LOOKUP: True}

# Fragments of every type condition are followed (a connection's selection has one concrete type).
ANY_TYPE: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Fields:
    """The fields a selection set asks for, by name (aliases and fragments merged)."""

    by_name: dict[str, list[SelectedField]]

    @classmethod
    def of(cls, selections: Iterable[Selection], types: Collection[str] = ANY_TYPE) -> Fields:
        """The fields of ``selections``, following fragments without a type condition or with one of
        ``types`` (an object type and the abstract types it belongs to); ``ANY_TYPE``: all of them."""
        by_name: dict[str, list[SelectedField]] = {}
        pending = list(selections)
        while pending:
            selection = pending.pop()
            if isinstance(selection, SelectedField):
                by_name.setdefault(selection.name, []).append(selection)
            elif isinstance(selection, FragmentSpread | InlineFragment) and (
                not types or selection.type_condition is None or selection.type_condition in types
            ):
                pending.extend(selection.selections)
        return cls(by_name)

    def __contains__(self, name: object) -> bool:
        return name in self.by_name

    def below(self, name: str) -> list[Selection]:
        """The selections under every field called ``name`` (none when it is not selected)."""
        return [selection for field in self.by_name.get(name, ()) for selection in field.selections]


def selections_of(selected: Iterable[Selection]) -> list[Selection]:
    """What the resolver's own field asks of its value: the selections under each of its field nodes
    (``info.selected_fields`` holds the field itself, once per node that selects it)."""
    return [selection for field in selected if isinstance(field, SelectedField) for selection in field.selections]


def connection_nodes(selections: Sequence[Selection]) -> list[Selection]:
    """The selections a Relay connection's nodes are answered with: those under ``nodes`` and under
    ``edges { node }``."""
    fields = Fields.of(selections)
    return [*fields.below("nodes"), *Fields.of(fields.below("edges")).below("node")]
