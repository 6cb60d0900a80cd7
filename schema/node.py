"""The ``Node`` interface: every object with a global ID, the same opaque ID as REST and the export."""

from __future__ import annotations

import strawberry

__all__ = ["Node"]


@strawberry.interface(description="An object with an opaque, stable global ID; fetch it again with `node(id:)`.")
class Node:
    id: strawberry.ID
