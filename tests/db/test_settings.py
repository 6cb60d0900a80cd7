"""The settings of the HTTP surface: the production profile and the rates."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from db.settings import PRODUCTION_DEFAULTS, Settings


def test_development_serves_every_aid() -> None:
    settings = Settings()
    assert all(getattr(settings, name) for name in PRODUCTION_DEFAULTS)


def test_production_switches_them_off_unless_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READOUT_ENV", "production")
    monkeypatch.setenv("READOUT_API_DOCS", "true")
    settings = Settings()
    assert settings.api_docs
    assert not settings.graphql_introspection
    assert not settings.graphql_explorer
    assert not settings.graphql_field_suggestions
    # A copy for another database keeps what was decided.
    assert settings.with_database("sqlite+aiosqlite:///x.db").api_docs


def test_rates_are_checked() -> None:
    assert Settings(rate_limit_requests="5/second").rate("requests").get_expiry() == 1
    with pytest.raises(ValidationError, match="not a rate such as"):
        Settings(rate_limit_graphql_points="lots")


def test_an_empty_metrics_token_is_no_token() -> None:
    assert Settings(metrics_token="").metrics_token is None
