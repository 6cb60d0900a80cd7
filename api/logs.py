"""How the server logs: plain text (the default) or one JSON object a line
(``READOUT_LOG_FORMAT=json``), each line carrying the id of the request it was written for
(``api.request_id``), so logs can be searched by the id a client was answered with.

A JSON line holds ``time`` (UTC, ISO 8601), ``level``, ``logger``, ``message``, ``request_id`` (when
written while serving a request), ``exception`` (with its trace, when one is logged) and, for
uvicorn's access log, ``client``, ``method``, ``path`` and ``status``.

    >>> uvicorn.run(app, log_config=log_config("json"))  # doctest: +SKIP
    {"time": "2026-12-01T16:40:00.123Z", "level": "INFO", "logger": "uvicorn.access", …}
"""

from __future__ import annotations

import contextlib
import json
import logging
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from api.request_id import current_request_id

__all__ = ["LOG_FORMATS", "JsonFormatter", "RequestIdFilter", "log_config", "log_config_file"]

LOG_FORMATS = ("text", "json")
_ACCESS_FIELDS = ("client", "method", "path", "http_version", "status")


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` (or ``-``) to every record, for both formats."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id() or "-"
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object a line (see the module's docstring)."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = getattr(record, "request_id", None) or current_request_id()
        if request_id and request_id != "-":
            line["request_id"] = request_id
        # uvicorn's access log passes (client, method, path, http version, status) as its arguments.
        if record.name == "uvicorn.access" and isinstance(record.args, tuple) and len(record.args) == 5:
            line.update(zip(_ACCESS_FIELDS, record.args, strict=True))
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return orjson.dumps(line, default=str).decode()


def log_config(log_format: str) -> dict[str, Any]:
    """A ``logging.config.dictConfig`` for uvicorn and the app: ``text`` keeps uvicorn's look and adds
    the request id to access lines; ``json`` writes ``JsonFormatter`` lines to standard error."""
    if log_format == "json":
        formatters: dict[str, Any] = {
            "default": {"()": "api.logs.JsonFormatter"},
            "access": {"()": "api.logs.JsonFormatter"},
        }
    else:
        formatters = {
            "default": {"()": "uvicorn.logging.DefaultFormatter", "fmt": "%(levelprefix)s %(message)s"},
            "access": {
                "()": "uvicorn.logging.AccessFormatter",
                "fmt": '%(levelprefix)s %(client_addr)s - "%(request_line)s" %(status_code)s [%(request_id)s]',
            },
        }
    handler = {"filters": ["request_id"], "class": "logging.StreamHandler"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "api.logs.RequestIdFilter"}},
        "formatters": formatters,
        "handlers": {
            "default": {**handler, "formatter": "default", "stream": "ext://sys.stderr"},
            "access": {**handler, "formatter": "access", "stream": "ext://sys.stdout"},
        },
        "loggers": {
            "uvicorn": {"handlers": ["default"], "level": "INFO", "propagate": False},
            "uvicorn.error": {"level": "INFO"},
            "uvicorn.access": {"handlers": ["access"], "level": "INFO", "propagate": False},
            # The app's own loggers (api.*, db.*, schema.*, loaders.*) go where uvicorn's do.
            "api": {"handlers": ["default"], "level": "INFO", "propagate": False},
            "db": {"handlers": ["default"], "level": "INFO", "propagate": False},
            "schema": {"handlers": ["default"], "level": "INFO", "propagate": False},
            "loaders": {"handlers": ["default"], "level": "INFO", "propagate": False},
        },
    }


@contextlib.contextmanager
def log_config_file(log_format: str) -> Iterator[str]:
    """``log_config`` written to a JSON file, its path for uvicorn, removed afterwards. A file, not
    the dict: ``dictConfig`` consumes parts of a dict as it configures the parent process, so worker
    processes handed the same dict would start from a broken one; each reads the file afresh."""
    with tempfile.TemporaryDirectory(prefix="readout-logging-") as folder:
        path = Path(folder) / "logging.json"
        path.write_text(json.dumps(log_config(log_format)), encoding="utf-8")
        yield str(path)
