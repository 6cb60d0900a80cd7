"""One settings object, read from the environment (prefix ``READOUT_``).

>>> from db.settings import Settings
>>> Settings(database_url="sqlite+aiosqlite:///kb.db").database_url
'sqlite+aiosqlite:///kb.db'
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Literal

from limits import RateLimitItem, parse
from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["DEFAULT_DATABASE_URL", "PRODUCTION_DEFAULTS", "Settings", "get_settings"]

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///readout.db"
SUPPORTED_DRIVERS = ("sqlite+aiosqlite", "postgresql+asyncpg")
# What `READOUT_ENV=production` changes, for each setting the environment leaves unset: nothing that
# helps an outsider map or probe the service is served by default.
PRODUCTION_DEFAULTS: dict[str, Any] = {
    "graphql_introspection": False,
    "graphql_explorer": False,
    "graphql_field_suggestions": False,
    "api_docs": False,
}


class Settings(BaseSettings):
    """Everything the product can be tuned with; each field reads ``READOUT_<NAME>``."""

    model_config = SettingsConfigDict(env_prefix="READOUT_", extra="ignore")

    database_url: str = Field(
        default=DEFAULT_DATABASE_URL,
        description="SQLAlchemy URL: sqlite+aiosqlite:///FILE (default) or postgresql+asyncpg://…",
    )
    database_schema: str | None = Field(
        default=None,
        description="Postgres only: the schema to keep the tables in (sets search_path).",
    )
    database_echo: bool = Field(default=False, description="Log every SQL statement.")
    database_pool_size: int = Field(
        default=16,
        ge=1,
        description="Postgres: connections each process keeps open between requests; more are opened when as "
        "many requests run at once and closed after (opening one costs a new server process).",
    )
    database_max_overflow: int = Field(
        default=16, ge=0, description="Postgres: connections opened beyond the pool when it is all in use."
    )
    max_article_bytes: int = Field(
        default=10 * 1024 * 1024,
        gt=0,
        description="Inputs larger than this are refused rather than read into memory.",
    )
    analysis_budget_seconds: float | None = Field(
        default=60.0,
        gt=0,
        description="Seconds one article's preparation (cleaning, metadata, dating) may take, and again its "
        "parsing and analysis (resolving, extracting); an article over it fails with one line and the load, "
        "worker or HTTP ingest goes on. Unset (null): no budget.",
    )
    parse_in_subprocess: bool = Field(
        default=True,
        description="`readout load` parses with spaCy in a second process, overlapping the storing of the "
        "previous batch (used only on a machine with two or more cores).",
    )

    graphql_max_depth: int = Field(default=10, ge=1, description="Deepest nesting of fields a query may use.")
    graphql_max_tokens: int = Field(default=1000, ge=1, description="Most lexical tokens a query document may hold.")
    graphql_max_aliases: int = Field(default=20, ge=0, description="Most aliases a query document may use.")
    graphql_max_page_size: int = Field(
        default=100, ge=1, le=100, description="Largest `first`/`last` a connection accepts (at most 100)."
    )
    graphql_timeout_seconds: float = Field(default=10.0, gt=0, description="A request running longer is stopped.")
    graphql_introspection: bool = Field(default=True, description="Answer introspection queries (off in production).")
    graphql_explorer: bool = Field(default=True, description="Serve GraphiQL at /graphql to browsers.")
    graphql_cache_size: int = Field(default=256, ge=1, description="Parsed and validated documents kept.")
    graphql_response_cache_size: int = Field(
        default=1024,
        ge=0,
        description="Successful GraphQL responses kept, by document, variables and data version (0: none).",
    )
    cors_allowed_origins: list[str] = Field(
        default_factory=list, description='Origins allowed to call the API from a browser (JSON list; ["*"] for any).'
    )
    ingest_token: SecretStr | None = Field(
        default=None,
        description="Bearer token that POST /api/v1/articles requires; unset (or empty), that endpoint is off.",
    )

    env: Literal["development", "production"] = Field(
        default="development",
        description="`production` switches off, unless set explicitly, introspection, GraphiQL, field suggestions, "
        "/docs, and an unprotected /metrics (PRODUCTION_DEFAULTS).",
    )
    graphql_field_suggestions: bool = Field(
        default=True, description="Errors suggest similar field names ('Did you mean …?'); off in production."
    )
    api_docs: bool = Field(default=True, description="Serve the Swagger UI reference page at /docs; off in production.")
    log_format: Literal["text", "json"] = Field(
        default="text",
        description="`json`: `readout serve` logs one JSON object a line, each with the id of its request (api.logs).",
    )
    metrics_token: SecretStr | None = Field(
        default=None, description="Bearer token /metrics requires; unset (or empty), /metrics needs none."
    )
    metrics_port: int | None = Field(
        default=None,
        ge=1,
        le=65535,
        description="Serve /metrics on this port (of metrics_host) instead of the API's own port.",
    )
    metrics_host: str = Field(default="127.0.0.1", description="The interface of metrics_port.")
    max_request_bytes: int = Field(
        default=1024 * 1024,
        gt=0,
        description="Request bodies larger than this are refused with 413 while they are read (except "
        "POST /api/v1/articles, which max_article_bytes bounds).",
    )
    graphql_max_nodes: int = Field(
        default=10_000, ge=1, description="Most objects a query may return in the worst case, refused before it runs."
    )
    graphql_max_cost: int = Field(
        default=20_000, ge=1, description="Most cost points (objects plus look-ups) a query may need."
    )
    graphql_max_field_repeats: int = Field(
        default=10, ge=1, description="Most times one selection set may select the same field (response name)."
    )
    rate_limit_enabled: bool = Field(default=True, description="Limit the rate of each client.")
    rate_limit_requests: str = Field(
        default="600/minute", description="REST requests a client may make, e.g. '600/minute' (limits' notation)."
    )
    rate_limit_graphql_points: str = Field(
        default="60000/minute", description="GraphQL cost points a client may spend, e.g. '60000/minute'."
    )
    rate_limit_auth_failures: str = Field(
        default="10/minute", description="Wrong tokens a client may send before its token checks are refused."
    )
    rate_limit_storage: str = Field(
        default="memory://",
        description="Where the counters live (limits' storage URI; memory:// is per process, redis://… is shared).",
    )

    @field_validator("database_url")
    @classmethod
    def _known_driver(cls, value: str) -> str:
        if not value.startswith(SUPPORTED_DRIVERS):
            raise ValueError(f"database URL must start with one of {', '.join(SUPPORTED_DRIVERS)}")
        return value

    @field_validator("database_schema")
    @classmethod
    def _plain_identifier(cls, value: str | None) -> str | None:
        if value is not None and not value.replace("_", "").isalnum():
            raise ValueError("database schema must be letters, digits and underscores")
        return value

    @field_validator("ingest_token", "metrics_token")
    @classmethod
    def _empty_is_unset(cls, value: SecretStr | None) -> SecretStr | None:
        # An empty variable (READOUT_INGEST_TOKEN=) must switch ingestion off, never accept an empty token.
        return value if value is not None and value.get_secret_value() else None

    @field_validator("rate_limit_requests", "rate_limit_graphql_points", "rate_limit_auth_failures")
    @classmethod
    def _a_rate(cls, value: str) -> str:
        try:
            parse(value)
        except ValueError as exc:
            raise ValueError(f"not a rate such as '600/minute': {value!r}") from exc
        return value

    @model_validator(mode="after")
    def _profile(self) -> Settings:
        """In production, each setting of PRODUCTION_DEFAULTS that was not given takes its production value."""
        if self.env == "production":
            for name, value in PRODUCTION_DEFAULTS.items():
                if name not in self.model_fields_set:
                    setattr(self, name, value)
        return self

    def rate(self, name: Literal["requests", "graphql_points", "auth_failures"]) -> RateLimitItem:
        """The parsed rate of ``rate_limit_<name>``."""
        rate: str = getattr(self, f"rate_limit_{name}")
        return parse(rate)

    def with_database(self, url: str | None) -> Settings:
        """A copy pointing at ``url`` (validated), or ``self`` when ``url`` is None."""
        if url is None:
            return self
        return Settings.model_validate({**self.model_dump(), "database_url": url})


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The settings of this process, read once from the environment."""
    return Settings()
