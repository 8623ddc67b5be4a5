"""The middleware's options (the ``[middleware]`` table), validated once, into :class:`Settings`.

A typo in a setting is reported at start-up, naming the key, what was expected
and what was given; a request never reads configuration again. This module sits
below both readers of the options, the config loader (:mod:`jreject.config`)
and the middleware, so neither imports the other.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from typing import Any, Literal

from jreject.detect.headers import DETECTION_HEADERS
from jreject.errors import ConfigError, suggest

__all__ = ["ACT_ON", "CLIENT_HINTS", "ActOn", "NonceSource", "OptionError", "Settings"]

#: Which requests jreject acts on (the ``act_on`` setting): top-level page loads,
#: page loads in frames too, or every request that accepts HTML.
ActOn = Literal["navigations", "frames", "html"]
ACT_ON: tuple[ActOn, ...] = ("navigations", "frames", "html")

#: The client hints a site may ask for with ``Accept-CH`` (the low-entropy ones
#: ``Sec-CH-UA``, ``-Mobile`` and ``-Platform`` are sent without asking).
CLIENT_HINTS: tuple[str, ...] = tuple(h for h in DETECTION_HEADERS if h.startswith("sec-ch-"))

#: A CSP nonce: the key of a value the app stores in ``environ`` / ``scope["state"]``,
#: or a function given the environ or scope.
NonceSource = str | Callable[[Mapping[str, Any]], "str | None"]

_TOKEN = re.compile(r"^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$")  # RFC 9110 §5.6.2
_PATH = re.compile(r"^/[^\s?#\\]*$")
_SAMESITE = ("Lax", "Strict", "None")
_DEFAULT_COOKIES = ("jreject_closed", "jreject_continue")


@dataclass(frozen=True, slots=True)
class Settings:
    """Every middleware option, with its default. See ``docs/middleware.md``."""

    #: Where jreject's own endpoints live, under the app's root (SCRIPT_NAME / root_path).
    prefix: str = "/_jreject"
    #: Add a ``JReject`` response header that says what was decided and by which rule.
    explain: bool = False
    #: The close cookie: its name, lifetime in seconds (None: until the browser closes,
    #: as jReject did), path (None: the app's root) and attributes.
    cookie_name: str = _DEFAULT_COOKIES[0]
    cookie_max_age: int | None = None
    cookie_path: str | None = None
    cookie_secure: bool | Literal["auto"] = "auto"
    cookie_samesite: Literal["Lax", "Strict", "None"] = "Lax"
    #: Offer a "continue anyway" link on the block page, remembered by its own cookie.
    continue_anyway: bool = False
    continue_cookie_name: str = _DEFAULT_COOKIES[1]
    #: Which requests get the notice or the 406 page (see ``http.is_navigation``):
    #: ``"navigations"`` top-level page loads, ``"frames"`` those and pages in
    #: frames, ``"html"`` every request whose ``Accept`` admits HTML. Other requests
    #: reach the app untouched, with the verdict left for it.
    act_on: ActOn = "navigations"
    #: URL path prefixes (under the app's root) jreject acts on; empty means all.
    include: tuple[str, ...] = ()
    #: URL path prefixes jreject leaves alone, checked after ``include``.
    exclude: tuple[str, ...] = ()
    #: Client hints to request with ``Accept-CH`` on HTML responses, e.g.
    #: ``("sec-ch-ua-full-version-list",)``; ``critical_ch`` repeats them in ``Critical-CH``.
    accept_ch: tuple[str, ...] = ()
    critical_ch: bool = False
    #: Where the CSP nonce comes from (see :data:`NonceSource`); None: no nonce.
    nonce: NonceSource | None = None
    #: The app's active language for a request, which wins over ``Accept-Language``:
    #: an environ/scope-state key or a function given the environ or scope (as
    #: ``nonce``); None: the notice negotiates ``Accept-Language`` itself.
    language: NonceSource | None = None
    #: Seconds between two log records of the same kind.
    log_interval: float = 60.0
    #: One HTML page for every visitor: pages get a script tag and no ``Vary`` from
    #: jreject; ``<prefix>/v.js`` decides per visitor (docs/caching.md).
    cache_friendly: bool = False
    #: A request header the edge sets to ``ok``, ``warn`` or ``block`` (see
    #: ``jreject export``): pages vary on it instead of User-Agent and Client Hints.
    vary_key: str | None = None
    #: Where the links of a notice in the app's page point (docs/middleware.md, *Pages
    #: with a <base>*): None, root-relative; ``"https://shop.example"``, absolute under
    #: that origin; ``"host"``, scheme-relative under the request's ``Host`` header.
    origin: str | None = None

    @classmethod
    def from_options(cls, options: Mapping[str, Any] | None = None, /, **more: Any) -> Settings:
        """Validate ``options`` (a ``[middleware]`` table, keyword arguments…) into Settings.

        Raises ``ValueError`` naming the key, what was expected and what was given.
        """
        return cls().with_options({**(options or {}), **more})

    def with_options(self, options: Mapping[str, Any], /) -> Settings:
        """These settings with ``options`` validated over them (a middleware's keyword
        arguments over its config's ``[middleware]`` table)."""
        known = {f.name for f in fields(self)}
        for key in options:
            if key not in known:
                expected = ", ".join(sorted(known))
                hint = suggest(str(key), known)
                raise _option_error(
                    key,
                    f"is unknown; expected one of {expected}{hint}",
                    detail=f"unknown key {key!r}{hint}; expected one of {expected}",
                )
        if not options:
            return self
        values = {key: _VALIDATORS[key](key, value) for key, value in options.items()}
        merged = replace(self, **values)
        if merged.cookie_name == merged.continue_cookie_name:
            raise _option_error(
                "continue_cookie_name",
                f"must differ from 'cookie_name', both are {merged.cookie_name!r}",
            )
        return merged


class OptionError(ConfigError):
    """A bad middleware option. ``message`` says what Python may pass (``None``, a
    function); ``toml_message`` says it in a TOML file's terms, which has neither.
    """

    toml_message: str


def _option_error(
    key: str, text: str, *, detail: str | None = None, in_toml: str | None = None
) -> OptionError:
    # str() names the option for a middleware keyword; the config loader re-raises it
    # with the file, line and ``middleware.<key>`` from ``key`` and ``message``.
    error = OptionError(f"middleware option {key!r} {text}")
    error.key, error.message = key, detail or text
    error.toml_message = in_toml or error.message
    return error


def _expect(key: str, expected: str, value: object, *, in_toml: str | None = None) -> OptionError:
    """``expected`` in Python's terms; ``in_toml`` the same for a TOML file, when they differ."""
    toml = f"must be {in_toml}, not {value!r}" if in_toml else None
    return _option_error(key, f"must be {expected}, not {value!r}", in_toml=toml)


def _bool(key: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise _expect(key, "true or false", value)
    return value


def _path(key: str, value: Any) -> str:
    if not isinstance(value, str) or not _PATH.match(value) or value.startswith("//"):
        raise _expect(
            key, "a URL path starting with one '/', without spaces, '?', '#' or '\\'", value
        )
    return value


def _prefix(key: str, value: Any) -> str:
    path = _path(key, value)
    if path == "/" or path.endswith("/"):
        raise _expect(key, "a path such as '/_jreject' (not '/', no trailing '/')", value)
    return path


def _optional_path(key: str, value: Any) -> str | None:
    return None if value is None else _path(key, value)


def _cookie_name(key: str, value: Any) -> str:
    if not isinstance(value, str) or not _TOKEN.match(value):
        raise _expect(key, "a cookie name (letters, digits and !#$%&'*+-.^_`|~)", value)
    return value


def _max_age(key: str, value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise _expect(
            key,
            "a number of seconds ≥ 0, or None for a session cookie",
            value,
            in_toml="a number of seconds ≥ 0 (leave it out for a session cookie)",
        )
    return value


def _secure(key: str, value: Any) -> bool | Literal["auto"]:
    if value == "auto" or isinstance(value, bool):
        return value  # type: ignore[no-any-return]
    raise _expect(key, "true, false or 'auto' (Secure on https)", value)


def _samesite(key: str, value: Any) -> str:
    for allowed in _SAMESITE:
        if value == allowed:
            return allowed
    raise _expect(key, "one of 'Lax', 'Strict', 'None'", value)


def _act_on(key: str, value: Any) -> ActOn:
    for allowed in ACT_ON:
        if value == allowed:
            return allowed
    raise _expect(key, "one of " + ", ".join(repr(a) for a in ACT_ON), value)


def _paths(key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, list | tuple):
        raise _expect(key, "a list of URL path prefixes such as ['/shop']", value)
    return tuple(_path(f"{key}[{i}]", item) for i, item in enumerate(value))


def _hints(key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, list | tuple):
        raise _expect(key, f"a list of client hints from {', '.join(CLIENT_HINTS)}", value)
    hints: list[str] = []
    for i, item in enumerate(value):
        name = item.lower() if isinstance(item, str) else item
        if name not in CLIENT_HINTS:
            raise _expect(f"{key}[{i}]", f"one of {', '.join(CLIENT_HINTS)}", item)
        if name not in hints:
            hints.append(name)
    return tuple(hints)


def _nonce(key: str, value: Any) -> NonceSource | None:
    if value is None or callable(value) or (isinstance(value, str) and value):
        return value  # type: ignore[no-any-return]
    raise _expect(
        key,
        "an environ/scope-state key (a string), a function, or None",
        value,
        in_toml="the name of an environ/scope-state key (a non-empty string)",
    )


def _vary_key(key: str, value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _TOKEN.match(value):
        raise _expect(
            key,
            "a request header name such as 'JReject-Class', or None",
            value,
            in_toml="a request header name such as 'JReject-Class'",
        )
    return value


# A scheme, a host name or an IP literal, an optional port: nothing else (no userinfo,
# path, query or fragment). jreject.middleware.http.request_host reads Host alike.
_ORIGIN = re.compile(
    r"(https?)://((?:[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?\.)*[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?"
    r"|\[[0-9a-f:.]+\])(:[0-9]{1,5})?/?"
)


def _origin(key: str, value: Any) -> str | None:
    if value is None or value == "host":
        return value  # type: ignore[no-any-return]
    match = _ORIGIN.fullmatch(value.lower()) if isinstance(value, str) else None
    if match is None:
        raise _expect(
            key,
            "an origin such as 'https://shop.example' (scheme, host, optional port), "
            "'host', or None",
            value,
            in_toml="an origin such as 'https://shop.example', or 'host'",
        )
    scheme, host, port = match.groups()
    return f"{scheme}://{host}{port or ''}"


def _interval(key: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise _expect(key, "a number of seconds ≥ 0", value)
    return float(value)


_VALIDATORS: dict[str, Callable[[str, Any], Any]] = {
    "prefix": _prefix,
    "explain": _bool,
    "cookie_name": _cookie_name,
    "cookie_max_age": _max_age,
    "cookie_path": _optional_path,
    "cookie_secure": _secure,
    "cookie_samesite": _samesite,
    "continue_anyway": _bool,
    "continue_cookie_name": _cookie_name,
    "act_on": _act_on,
    "include": _paths,
    "exclude": _paths,
    "accept_ch": _hints,
    "critical_ch": _bool,
    "nonce": _nonce,
    "language": _nonce,
    "log_interval": _interval,
    "cache_friendly": _bool,
    "vary_key": _vary_key,
    "origin": _origin,
}
