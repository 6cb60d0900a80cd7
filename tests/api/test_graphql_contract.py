"""``/graphql`` against its schema, by schemathesis in its GraphQL mode: every root field, with
generated selections and arguments, valid and invalid, on SQLite and on Postgres holding the seeds.
Checked: no 5xx, no error a server may not give (a GraphQL error without a client's code, or a null
where the schema promises a value), every answer a GraphQL response; invalid documents refused.

The schema cannot say in GraphQL what makes a valid ID, Date or page size, nor what a query may cost:
IDs and Dates are taught here (a custom strategy each); generated page sizes and costs beyond the
limits are refused with BAD_USER_INPUT or QUERY_TOO_COMPLEX, which schemathesis counts as the client's
fault, so the check that valid data is accepted is left to the schema tests (tests/schema).
"""

from __future__ import annotations

from typing import Any

import schemathesis
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.config import SchemathesisConfig
from schemathesis.graphql import nodes
from schemathesis.python.asgi import ASGIClient
from schemathesis.specs.openapi.checks import positive_data_acceptance
from starlette.applications import Starlette

from db.ids import encode_id
from tests.conftest import REPO

MAX_EXAMPLES = 30
CONFIG = SchemathesisConfig.from_dict({"generation": {"max-examples": MAX_EXAMPLES}})

# IDs of rows of each type, some there and some not; dates of each precision the Date scalar takes.
schemathesis.graphql.scalar(
    "ID",
    st.sampled_from(["Event", "Actor", "Venue", "Topic", "Article"])
    .flatmap(lambda kind: st.integers(min_value=1, max_value=120).map(lambda pk: encode_id(kind, pk)))
    .map(nodes.String),
)
schemathesis.graphql.scalar(
    "Date",
    st.dates()
    .flatmap(lambda day: st.sampled_from([day.isoformat(), day.isoformat()[:7], day.isoformat()[:4]]))
    .map(nodes.String),
)

schema = schemathesis.graphql.from_path(REPO / "schema" / "schema.graphql", config=CONFIG)


@schema.parametrize()
# derandomize: the same code gets the same cases, so CI's verdict does not change from run to run.
@settings(suppress_health_check=list(HealthCheck), deadline=None, derandomize=True)
def test_graphql_keeps_its_schema(case: Any, seeded_app: Starlette, asgi_client: ASGIClient) -> None:
    case.operation.schema.app = case.operation.app = seeded_app
    case.call_and_validate(
        base_url="http://testserver/graphql", session=asgi_client, excluded_checks=[positive_data_acceptance]
    )
