"""JSON log lines: jreject's verdict fields and uvicorn's access records become fields."""

from __future__ import annotations

import json
import logging
import logging.config
import sys

import pytest

from jreject.serve.logs import JSONFormatter, log_config


def record(name, message, args=(), **extra):
    rec = logging.LogRecord(name, logging.INFO, __file__, 1, message, args, None)
    rec.__dict__.update(extra)
    return rec


def test_jreject_fields_lose_their_prefix():
    line = JSONFormatter().format(
        record("jreject", "dry run", jreject_action="log", jreject_rule="msie<=6")
    )
    entry = json.loads(line)
    assert entry["level"] == "info"
    assert entry["logger"] == "jreject"
    assert (entry["message"], entry["action"], entry["rule"]) == ("dry run", "log", "msie<=6")
    assert entry["time"].endswith("Z")


def test_uvicorn_access_records_become_fields():
    args = ("127.0.0.1:5000", "GET", "/_jreject/auth/nginx", "1.1", 403)
    entry = json.loads(
        JSONFormatter().format(record("uvicorn.access", '%s - "%s %s HTTP/%s" %d', args))
    )
    assert entry["status"] == 403
    assert entry["path"] == "/_jreject/auth/nginx"


def test_exceptions_are_one_field():
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        rec = logging.LogRecord("jreject", logging.ERROR, __file__, 1, "failed", (), sys.exc_info())
    entry = json.loads(JSONFormatter().format(rec))
    assert "RuntimeError: boom" in entry["exception"]


def test_log_config_is_accepted_by_dictconfig_and_rejects_unknown_formats():
    for name in ("json", "text"):
        logging.config.dictConfig(log_config(name, "warning"))
    logging.config.dictConfig({"version": 1, "disable_existing_loggers": False})
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access", "jreject"):
        logger = logging.getLogger(name)
        logger.handlers.clear()
        logger.propagate = True
        logger.setLevel(logging.NOTSET)
    with pytest.raises(ValueError, match="log format"):
        log_config("xml")
