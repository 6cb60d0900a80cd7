"""What a client sees of an error: its code always, its message unless it is a fault of ours."""

from __future__ import annotations

from graphql import GraphQLError

from schema.errors import INTERNAL_ERROR_MESSAGE, PublicError, with_code

SQL = 'relation "data_version" does not exist [SQL: SELECT data_version.value FROM data_version]'


def test_a_fault_that_escaped_the_extensions_is_masked() -> None:
    """Strawberry turns an exception raised by an extension's own hook into an error after the
    extensions have run, so the masking extension never sees it; the view's last pass masks it."""
    escaped = GraphQLError(SQL, original_error=RuntimeError(SQL))
    public = with_code(escaped)
    assert (public.message, public.extensions) == (INTERNAL_ERROR_MESSAGE, {"code": "INTERNAL_SERVER_ERROR"})
    assert public.original_error is None
    assert "SELECT" not in str(public.formatted)


def test_an_unreachable_database_is_said_to_be_unavailable() -> None:
    public = with_code(GraphQLError("connection refused", original_error=ConnectionRefusedError("refused")))
    assert public.extensions is not None
    assert public.extensions["code"] == "DATABASE_UNAVAILABLE"


def test_the_client_own_errors_keep_their_message() -> None:
    refused = with_code(GraphQLError("Not the ID of an Event.", original_error=PublicError("Not the ID of an Event.")))
    assert refused.message == "Not the ID of an Event."
    assert refused.extensions is not None
    assert refused.extensions["code"] != "INTERNAL_SERVER_ERROR"


def test_an_error_with_a_code_passes_as_it_is() -> None:
    coded = GraphQLError("Too complex.", extensions={"code": "QUERY_TOO_COMPLEX"})
    assert with_code(coded) is coded
