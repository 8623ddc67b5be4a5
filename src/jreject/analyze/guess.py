"""Guessing a log's format, and the field names a JSON or CSV log leaves open.

:func:`guess` looks at the first lines; :func:`complete` fills in the fields that
``--format json`` / ``csv`` / ``tsv`` leave open (``--format json --ua-field x`` still
finds Caddy's ``request.remote_ip`` and ``ts``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import replace

from jreject.analyze.formats import COMBINED_PATTERN, LogFormat, named_format

__all__ = ["JSON_IP_FIELDS", "JSON_TIME_FIELDS", "JSON_UA_FIELDS", "complete", "guess"]

#: JSON field paths tried, in order, when guessing (Caddy, Traefik, nginx escape=json,
#: Google Cloud load balancers, and the plain names people pick).
JSON_UA_FIELDS: tuple[str, ...] = (
    "request.headers.User-Agent",
    "request_User-Agent",
    "httpRequest.userAgent",
    "http_user_agent",
    "user_agent",
    "userAgent",
    "ua",
    "http.user_agent",
)
JSON_IP_FIELDS: tuple[str, ...] = (
    "request.remote_ip",
    "request.client_ip",
    "ClientHost",
    "httpRequest.remoteIp",
    "remote_addr",
    "client_ip",
    "ip",
    "remote_ip",
)
JSON_TIME_FIELDS: tuple[str, ...] = (
    "ts",
    "time",
    "StartUTC",
    "timestamp",
    "time_local",
    "time_iso8601",
    "@timestamp",
)
_CSV_UA_COLUMNS = (
    "user_agent",
    "useragent",
    "user-agent",
    "cs(user-agent)",
    "ua",
    "http_user_agent",
)
_CSV_IP_COLUMNS = ("ip", "client_ip", "remote_addr", "c-ip", "clientip", "remote_ip")
_CSV_TIME_COLUMNS = ("time", "timestamp", "date", "datetime", "time_local")

_CLF_START = re.compile(r'^\S+ \S+ .*?\[[^\]]*\] "')
_W3C_DIRECTIVE = re.compile(r"^#(Software|Version|Date|Fields):")


def guess(sample: Sequence[str]) -> LogFormat:
    """The format the first lines of a log most likely have.

    Tries W3C directives, JSON objects, Combined/Common, a CSV/TSV header naming a
    User-Agent column, and falls back to one User-Agent per line. The caller checks
    how many lines the guess could read and says so when most could not.
    """
    lines = [line for line in sample if line.strip()]
    if not lines:
        return named_format("plain")
    if any(_W3C_DIRECTIVE.match(line) for line in lines[:5]):
        return named_format("w3c")
    if sum(line.lstrip().startswith("{") for line in lines) * 2 > len(lines):
        return _guess_json(lines)
    combined = re.compile(COMBINED_PATTERN)
    if sum(bool(combined.match(line)) for line in lines) * 2 > len(lines):
        return named_format("combined")
    if sum(bool(_CLF_START.match(line)) for line in lines) * 2 > len(lines):
        return named_format("common")
    delimited = _guess_delimited(lines[0])
    if delimited is not None:
        return delimited
    return named_format("plain")


#: What a json/csv/tsv format reads when its fields are neither given nor found.
_FALLBACK_FIELDS = {"ua": "user_agent", "ip": "remote_addr", "time": "time"}


def complete(fmt: LogFormat, sample: Sequence[str]) -> LogFormat:
    """``fmt`` with the fields it leaves open filled in from the log's first lines.

    ``--format json --ua-field x`` still finds Caddy's ``request.remote_ip`` and ``ts``.
    Without a sample (standard input) the open fields get plain names (``user_agent``,
    ``remote_addr``, ``time``).
    """
    if not fmt.guess_fields:
        return fmt
    lines = [line for line in sample if line.strip()]
    found: LogFormat | None = None
    if fmt.kind == "json" and lines:
        found = _guess_json(lines)
    elif fmt.kind == "delimited" and lines:
        found = _guess_delimited(lines[0], separators=(fmt.separator,))
    fields = {}
    for name in ("ua", "ip", "time"):
        value = getattr(fmt, name)
        if value is None and found is not None:
            value = getattr(found, name)
        if value is None and (found is None or name == "ua"):
            value = _FALLBACK_FIELDS[name]
        fields[name] = value
    return replace(fmt, guess_fields=False, **fields)


def _guess_json(lines: Sequence[str]) -> LogFormat:
    objects = []
    for line in lines[:50]:
        try:
            value = json.loads(line)
        except ValueError:
            continue
        if isinstance(value, dict):
            objects.append(value)

    def first(paths: Sequence[str]) -> str | None:
        for path in paths:
            if any(_has_path(obj, path) for obj in objects):
                return path
        return None

    ua = first(JSON_UA_FIELDS)
    return LogFormat(
        "json",
        "json",
        ua=ua or "user_agent",
        ip=first(JSON_IP_FIELDS),
        time=first(JSON_TIME_FIELDS),
    )


def _has_path(value: object, path: str) -> bool:
    for key in path.split("."):
        if not isinstance(value, dict) or key not in value:
            return False
        value = value[key]
    return True


def _guess_delimited(header: str, separators: Sequence[str] = ("\t", ",", ";")) -> LogFormat | None:
    for separator in separators:
        name = "tsv" if separator == "\t" else "csv"
        columns = [c.strip().strip('"') for c in header.split(separator)]
        if len(columns) < 2:
            continue
        lowered = {c.lower(): c for c in columns}

        def pick(candidates: Sequence[str], lowered: dict[str, str] = lowered) -> str | None:
            return next((lowered[c] for c in candidates if c in lowered), None)

        ua = pick(_CSV_UA_COLUMNS)
        if ua is not None or len(separators) == 1:
            return LogFormat(
                name,
                "delimited",
                ua=ua,
                ip=pick(_CSV_IP_COLUMNS),
                time=pick(_CSV_TIME_COLUMNS),
                separator=separator,
            )
    return None
