"""One case-insensitive, read-only view over request headers, whatever they came in.

Detection accepts a plain mapping (``{"User-Agent": "…"}``), a WSGI environ
(``HTTP_USER_AGENT``) or an ASGI scope (``scope["headers"]``, a list of byte pairs).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

__all__ = [
    "DETECTION_HEADERS",
    "Headers",
    "HeadersLike",
    "app_package",
    "detection_key",
    "detection_key_from_environ",
    "detection_key_from_scope",
]

#: The request headers detection reads, in the order of :func:`detection_key`.
#: A response whose content depends on the verdict varies on these.
DETECTION_HEADERS: tuple[str, ...] = (
    "user-agent",
    "sec-ch-ua",
    "sec-ch-ua-mobile",
    "sec-ch-ua-platform",
    "sec-ch-ua-platform-version",
    "sec-ch-ua-full-version-list",
    # Android WebViews send the app's package name here; the key keeps the value only
    # when it is one (see app_package), so jQuery's "XMLHttpRequest" splits no cache.
    "x-requested-with",
)

HeadersLike = Mapping[Any, Any]


class Headers(Mapping[str, str]):
    """Case-insensitive header mapping, built once from any supported input.

    Repeated headers are joined with ``", "`` as RFC 9110 §5.3 allows. Values that
    are not text are ignored rather than raising: headers come from the network.
    """

    __slots__ = ("_items", "_repeated")

    def __init__(self, source: HeadersLike | Iterable[tuple[bytes, bytes]] | None = None):
        self._items: dict[str, str] = {}
        # Repeated headers are gathered and joined once at the end: joining as they
        # come copies the value so far each time, quadratic in the repeats.
        self._repeated: dict[str, list[str]] | None = None
        if source is None:
            return
        if isinstance(source, Mapping):
            if _is_asgi_scope(source):
                self._add_pairs(source.get("headers") or ())
            elif _is_wsgi_environ(source):
                self._add_environ(source)
            else:
                for key, value in source.items():
                    self._add(key, value)
        else:
            self._add_pairs(source)
        if self._repeated is not None:
            for name, values in self._repeated.items():
                self._items[name] = ", ".join(values)
            self._repeated = None

    def _add_pairs(self, pairs: Iterable[Any]) -> None:
        for pair in pairs:
            try:
                key, value = pair
            except (TypeError, ValueError):
                continue
            self._add(key, value)

    def _add_environ(self, environ: Mapping[Any, Any]) -> None:
        for key, value in environ.items():
            if isinstance(key, str) and key.startswith("HTTP_"):
                self._add(key[5:].replace("_", "-"), value)

    def _add(self, key: object, value: object) -> None:
        name = _text(key)
        text = _text(value)
        if name is None or text is None:
            return
        name = name.lower()
        if name not in self._items:
            self._items[name] = text
            return
        if self._repeated is None:
            self._repeated = {}
        self._repeated.setdefault(name, [self._items[name]]).append(text)

    def __getitem__(self, key: str) -> str:
        return self._items[key.lower()]

    def get(self, key: str, default: Any = None) -> Any:
        """``headers.get(name)``: one dict look-up (``Mapping.get`` would raise and catch)."""
        return self._items.get(key.lower(), default)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key.lower() in self._items

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:
        return f"Headers({self._items!r})"


def detection_key(headers: Headers) -> tuple[str | None, ...]:
    """The values of :data:`DETECTION_HEADERS`: equal keys give equal detections."""
    return _with_app_package(tuple(map(headers._items.get, DETECTION_HEADERS)))


# An Android application id: two or more dot-separated Java identifiers.
_APP_PACKAGE = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,63}(?:\.[A-Za-z0-9_]{1,64}){1,8}")


def app_package(value: str | None) -> str | None:
    """``value`` if it is an Android application id (``"com.example.app"``), else ``None``.

    ``X-Requested-With`` carries one when an Android WebView made the request, and
    ``XMLHttpRequest`` when a script did.
    """
    if value is None or len(value) > 128 or "." not in value:
        return None
    return value if _APP_PACKAGE.fullmatch(value) else None


def _with_app_package(key: tuple[str | None, ...]) -> tuple[str | None, ...]:
    last = key[-1]
    if last is None or app_package(last) == last:
        return key
    return (*key[:-1], None)


_ENVIRON_KEYS: tuple[str, ...] = tuple(
    "HTTP_" + name.upper().replace("-", "_") for name in DETECTION_HEADERS
)
_SCOPE_NAMES: dict[bytes, int] = {name.encode(): i for i, name in enumerate(DETECTION_HEADERS)}
_SCOPE_KEYS: tuple[bytes, ...] = tuple(_SCOPE_NAMES)


def detection_key_from_environ(environ: Mapping[str, Any]) -> tuple[str | None, ...]:
    """:func:`detection_key` read straight from a WSGI environ, without building a view.

    This is the hot path of a cached verdict, so it does a dict look-up per header and
    nothing else: PEP 3333 makes every ``HTTP_*`` value a native string already.
    """
    return _with_app_package(tuple(map(environ.get, _ENVIRON_KEYS)))


def detection_key_from_scope(scope: Mapping[str, Any]) -> tuple[str | None, ...]:
    """:func:`detection_key` read straight from an ASGI scope's header list.

    Header names are looked up as sent: the ASGI HTTP spec has servers lowercase
    them (uvicorn, hypercorn and daphne do), and starlette's ``Headers`` relies on
    the same. Lowercasing every name here would triple the cost of a cached verdict.
    """
    pairs = scope.get("headers") or ()
    try:
        # The common case in C: one dict of the raw pairs, one look-up per header, decode
        # what is there. Repeated names would lose all but the last value, so the
        # loop below handles those (and anything that is not a plain pair list).
        found = dict(pairs)
    except (TypeError, ValueError):
        found = None
    if found is not None and len(found) == len(pairs):
        try:
            return _with_app_package(
                tuple(
                    [
                        None if raw is None else raw.decode("latin-1")
                        for raw in map(found.get, _SCOPE_KEYS)
                    ]
                )
            )
        except AttributeError:
            pass  # a value that is not bytes: the loop below skips it
    gathered: list[list[str] | None] = [None] * len(DETECTION_HEADERS)
    names = _SCOPE_NAMES
    for pair in pairs:
        try:
            name, value = pair
        except (TypeError, ValueError):
            continue
        index = names.get(name) if isinstance(name, bytes) else None
        if index is None:
            continue
        text = _text(value)
        if text is None:
            continue
        found_values = gathered[index]
        if found_values is None:
            gathered[index] = [text]
        else:
            found_values.append(text)
    return _with_app_package(
        tuple(None if parts is None else ", ".join(parts) for parts in gathered)
    )


def _is_asgi_scope(source: Mapping[Any, Any]) -> bool:
    return "headers" in source and "type" in source


def _is_wsgi_environ(source: Mapping[Any, Any]) -> bool:
    return "REQUEST_METHOD" in source or "wsgi.version" in source or "HTTP_USER_AGENT" in source


def _text(value: object) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, bytes | bytearray):
        # HTTP field values are octets; latin-1 maps each byte to one code point,
        # so nothing is lost and nothing can fail (RFC 9110 §5.5).
        return bytes(value).decode("latin-1")
    return None
