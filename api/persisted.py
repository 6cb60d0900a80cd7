"""Persisted queries, as Apollo's automatic persisted queries (APQ): a client may send the SHA-256 of
a document instead of the document, in ``extensions.persistedQuery`` (``{"version": 1, "sha256Hash":
"<64 hex digits>"}``), so that a long query travels once and a GET URL stays short.

* hash and document: the hash must be the document's (else 400); the document is remembered;
* hash alone: the remembered document runs; one not (or no longer) remembered is answered with the
  error ``PersistedQueryNotFound`` (code ``PERSISTED_QUERY_NOT_FOUND``, status 200, as Apollo's
  clients expect), and the client sends the document again.

Documents are remembered in a bounded LRU, so unknown hashes cost a look-up, never memory.
"""

from __future__ import annotations

import hashlib
import re
from collections import OrderedDict
from collections.abc import Mapping
from typing import Any

from cross_web import HTTPException

__all__ = ["PersistedQueries", "PersistedQueryNotFoundError"]

_SHA256 = re.compile(r"[0-9a-f]{64}")


class PersistedQueryNotFoundError(Exception):
    """A hash alone, of a document not remembered."""


class PersistedQueries:
    """The last ``maxsize`` documents sent with their hash, by hash."""

    def __init__(self, maxsize: int) -> None:
        self.maxsize = maxsize
        self._documents: OrderedDict[str, str] = OrderedDict()

    def resolve(self, query: str | None, extensions: Mapping[str, Any] | None) -> str | None:
        """The document the request runs: ``query`` when it names no hash; else the document its hash
        names. Raises ``HTTPException`` (400) for a malformed or mismatched hash and
        ``PersistedQueryNotFoundError`` for a hash alone that is not remembered."""
        persisted = (extensions or {}).get("persistedQuery")
        if persisted is None:
            return query
        if not isinstance(persisted, dict) or persisted.get("version") != 1:
            raise HTTPException(400, "`extensions.persistedQuery` must be {version: 1, sha256Hash: …}.")
        digest = persisted.get("sha256Hash")
        if not isinstance(digest, str) or not _SHA256.fullmatch(digest):
            raise HTTPException(400, "`extensions.persistedQuery.sha256Hash` must be 64 lowercase hex digits.")
        if query is None:
            found = self._documents.get(digest)
            if found is None:
                raise PersistedQueryNotFoundError(digest)
            self._documents.move_to_end(digest)
            return found
        if hashlib.sha256(query.encode()).hexdigest() != digest:
            raise HTTPException(400, "`extensions.persistedQuery.sha256Hash` is not the SHA-256 of `query`.")
        self._documents[digest] = query
        self._documents.move_to_end(digest)
        while len(self._documents) > self.maxsize:
            self._documents.popitem(last=False)
        return query
