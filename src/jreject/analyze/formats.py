"""Access-log formats: what a line looks like, and where its IP, time and User-Agent are.

A :class:`LogFormat` is a plain description; :mod:`jreject.analyze.columns` turns it
into polars expressions. Formats come from a name (``combined``, ``json`` …), from an
nginx ``log_format`` or Apache ``LogFormat`` string, or from
:func:`jreject.analyze.guess.guess`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

__all__ = [
    "COMBINED_PATTERN",
    "FORMAT_NAMES",
    "FormatError",
    "Kind",
    "LogFormat",
    "apache_format",
    "named_format",
    "nginx_format",
    "parse_format",
    "with_fields",
]

Kind = Literal["regex", "json", "delimited", "w3c", "plain"]


class FormatError(ValueError):
    """A format that cannot be used: the message says what to give instead."""


@dataclass(frozen=True, slots=True)
class LogFormat:
    """How to find the client IP, the request time and the User-Agent in a log line.

    ``kind`` says how a line is split: ``regex`` (a whole-line ``pattern`` with named
    groups ``ip``, ``time`` and ``ua``), ``json`` (one object per line; ``ua``, ``ip``
    and ``time`` are dotted paths), ``delimited`` (CSV/TSV with a header row; the
    fields are column names), ``w3c`` (IIS: columns from the ``#Fields`` directive) or
    ``plain`` (the whole line is the User-Agent). A field set to ``None`` is absent
    from the log: without ``ip`` visitors cannot be counted, without ``time`` the
    report has no timeline.
    """

    name: str
    kind: Kind
    ua: str | None = "ua"
    ip: str | None = "ip"
    time: str | None = "time"
    pattern: str | None = None
    separator: str = ","
    #: Fields left ``None`` are guessed from the log's first lines (json, csv, tsv).
    guess_fields: bool = False

    @property
    def describe(self) -> str:
        """A short description for messages: ``combined``, ``json (ua=request.headers…)``."""
        if self.kind in ("json", "delimited"):
            return f"{self.name} (User-Agent field {self.ua!r})"
        return self.name


# A quoted field as nginx and Apache write it: a backslash escapes a quote.
_QUOTED = r'(?:[^"\\]|\\.)*'
COMBINED_PATTERN = (
    r'^(?P<ip>\S+) \S+ .*?\[(?P<time>[^\]]*)\] "' + _QUOTED + r'" \S+ \S+ "' + _QUOTED + r'" "'
    r"(?P<ua>" + _QUOTED + r')"\s*$'
)
_COMMON = r'^(?P<ip>\S+) \S+ .*?\[(?P<time>[^\]]*)\] "' + _QUOTED + r'" \S+ \S+\s*$'

_NAMED: dict[str, LogFormat] = {
    "combined": LogFormat("combined", "regex", pattern=COMBINED_PATTERN),
    "common": LogFormat("common", "regex", ua=None, pattern=_COMMON),
    "json": LogFormat("json", "json", ua=None, ip=None, time=None, guess_fields=True),
    "csv": LogFormat("csv", "delimited", ua=None, ip=None, time=None, guess_fields=True),
    "tsv": LogFormat(
        "tsv", "delimited", ua=None, ip=None, time=None, separator="\t", guess_fields=True
    ),
    "w3c": LogFormat("w3c", "w3c", ua="cs(User-Agent)", ip="c-ip", time="date", separator=" "),
    "plain": LogFormat("plain", "plain", ua=None, ip=None, time=None),
}
#: Aliases: the defaults of the servers that write them.
_ALIASES = {"nginx": "combined", "apache": "combined", "clf": "common", "iis": "w3c", "ua": "plain"}
FORMAT_NAMES: tuple[str, ...] = (*_NAMED, *_ALIASES)


def named_format(name: str) -> LogFormat:
    """The built-in format called ``name`` (``combined``, ``json``, ``nginx`` …)."""
    key = _ALIASES.get(name.lower(), name.lower())
    try:
        return _NAMED[key]
    except KeyError:
        raise FormatError(
            f"unknown log format {name!r}: give one of {', '.join(FORMAT_NAMES)}, "
            "or an nginx log_format / Apache LogFormat string"
        ) from None


def parse_format(
    spec: str,
    *,
    ua: str | None = None,
    ip: str | None = None,
    time: str | None = None,
) -> LogFormat:
    """A format from ``--format``: a name, or an nginx (``$var``) or Apache (``%h``) string.

    ``ua``, ``ip`` and ``time`` override the field (JSON path, CSV column) names.
    """
    if "$" in spec:
        fmt = nginx_format(spec)
    elif "%" in spec:
        fmt = apache_format(spec)
    else:
        fmt = named_format(spec)
    return with_fields(fmt, ua=ua, ip=ip, time=time)


def with_fields(
    fmt: LogFormat, *, ua: str | None = None, ip: str | None = None, time: str | None = None
) -> LogFormat:
    """``fmt`` with the given field names replaced (only for json, delimited and w3c)."""
    if not any((ua, ip, time)):
        return fmt
    if fmt.kind not in ("json", "delimited", "w3c"):
        raise FormatError(
            f"--ua-field, --ip-field and --time-field apply to json, csv, tsv and w3c logs, "
            f"not to {fmt.name!r}"
        )
    return replace(fmt, ua=ua or fmt.ua, ip=ip or fmt.ip, time=time or fmt.time)


# nginx: $name or ${name}. http://nginx.org/en/docs/http/ngx_http_log_module.html#log_format
_NGINX_VAR = re.compile(r"\$(?:\{(\w+)\}|(\w+))")
_NGINX_FIELDS = {
    "remote_addr": "ip",
    "binary_remote_addr": "ip",
    "realip_remote_addr": "ip",
    "http_x_forwarded_for": None,
    "time_local": "time",
    "time_iso8601": "time",
    "msec": "time",
    "http_user_agent": "ua",
}


def nginx_format(spec: str) -> LogFormat:
    """A format from an nginx ``log_format`` string, e.g. the combined one::

    '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent
    "$http_referer" "$http_user_agent"'
    """
    parts: list[str] = []
    seen: set[str] = set()
    pos = 0
    for match in _NGINX_VAR.finditer(spec):
        parts.append(re.escape(spec[pos : match.start()]))
        name = match.group(1) or match.group(2)
        quoted = spec[: match.start()].endswith('"')
        parts.append(_group(_NGINX_FIELDS.get(name), quoted, seen))
        pos = match.end()
    parts.append(re.escape(spec[pos:]))
    return _compiled("nginx", parts, seen, spec)


# Apache: %h, %>s, %{User-Agent}i, %{%d/%b/%Y}t. https://httpd.apache.org/docs/current/mod/mod_log_config.html
_APACHE_DIRECTIVE = re.compile(r"%%|%[<>]?(?:!?\d+(?:,\d+)*)?(?:\{([^}]*)\})?([a-zA-Z])")


def apache_format(spec: str) -> LogFormat:
    r"""A format from an Apache ``LogFormat`` string, e.g. the combined one::

    %h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-Agent}i\"
    """
    spec = spec.replace('\\"', '"')
    parts: list[str] = []
    seen: set[str] = set()
    pos = 0
    for match in _APACHE_DIRECTIVE.finditer(spec):
        parts.append(re.escape(spec[pos : match.start()]))
        pos = match.end()
        if match.group(0) == "%%":
            parts.append("%")
            continue
        argument, letter = match.group(1), match.group(2)
        quoted = spec[: match.start()].endswith('"')
        if letter in ("h", "a"):
            field: str | None = "ip"
        elif letter == "t":
            field = "time"
            if argument is None:  # %t is the bracketed [10/Oct/2000:13:55:36 -0700]
                parts.append(r"\[" + _group("time", False, seen, r"[^\]]*") + r"\]")
                continue
        elif letter == "i" and (argument or "").lower() == "user-agent":
            field = "ua"
        else:
            field = None
        parts.append(_group(field, quoted, seen))
    parts.append(re.escape(spec[pos:]))
    return _compiled("apache", parts, seen, spec)


def _group(field: str | None, quoted: bool, seen: set[str], body: str | None = None) -> str:
    # Inside quotes a value runs to the next unescaped quote; outside, to the
    # next literal the format string puts after it (a lazy match, anchored at $).
    body = body or (_QUOTED if quoted else r".*?")
    if field is None or field in seen:
        return f"(?:{body})"
    seen.add(field)
    return f"(?P<{field}>{body})"


def _compiled(name: str, parts: Sequence[str], seen: set[str], spec: str) -> LogFormat:
    if "ua" not in seen:
        raise FormatError(
            f"the {name} format {spec!r} has no User-Agent field "
            "($http_user_agent for nginx, %{User-Agent}i for Apache)"
        )
    pattern = "^" + "".join(parts) + r"\s*$"
    re.compile(pattern)  # a bad pattern fails here, not once per batch
    return LogFormat(
        name,
        "regex",
        ua="ua",
        ip="ip" if "ip" in seen else None,
        time="time" if "time" in seen else None,
        pattern=pattern,
    )
