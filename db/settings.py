"""One settings object, read from the environment (prefix ``READOUT_``).

>>> from db.settings import Settings
>>> Settings(database_url="sqlite+aiosqlite:///kb.db").database_url
'sqlite+aiosqlite:///kb.db'
"""

from __future__ import annotations

from functools import lru_cache

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["DEFAULT_DATABASE_URL", "Settings", "get_settings"]

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///readout.db"
SUPPORTED_DRIVERS = ("sqlite+aiosqlite", "postgresql+asyncpg")


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
    max_article_bytes: int = Field(
        default=10 * 1024 * 1024,
        gt=0,
        description="Inputs larger than this are refused rather than read into memory.",
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
    cors_allowed_origins: list[str] = Field(
        default_factory=list, description='Origins allowed to call the API from a browser (JSON list; ["*"] for any).'
    )
    ingest_token: SecretStr | None = Field(
        default=None,
        description="Bearer token that POST /api/v1/articles requires; unset (or empty), that endpoint is off.",
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

    @field_validator("ingest_token")
    @classmethod
    def _empty_is_unset(cls, value: SecretStr | None) -> SecretStr | None:
        # An empty variable (READOUT_INGEST_TOKEN=) must switch ingestion off, never accept an empty token.
        return value if value is not None and value.get_secret_value() else None

    def with_database(self, url: str | None) -> Settings:
        """A copy pointing at ``url`` (validated), or ``self`` when ``url`` is None."""
        if url is None:
            return self
        return Settings.model_validate({**self.model_dump(), "database_url": url})


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The settings of this process, read once from the environment."""
    return Settings()
