"""HTTP details the middleware reads and writes: content types, Vary, redirects, cookies.

Small pure functions, each following the RFC section its docstring cites.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import quote

from jreject.policy.base import Verdict

__all__ = [
    "NoticeLike",
    "Request",
    "Response",
    "accept_language",
    "asgi_headers",
    "cookie_names",
    "explain_value",
    "is_html",
    "merge_vary",
    "safe_next",
    "text_headers",
]

HTML = "text/html"
_CONTROL = frozenset(chr(c) for c in [*range(0x20), 0x7F])
# Location values are sent as Latin-1 header text; keep every URL character that
# is already legal and percent-encode the rest (RFC 3986 §2).
_URL_SAFE = "/?&=%#;:@+$,!~*'()[]-._"


@dataclass(frozen=True, slots=True)
class Request:
    """The few request facts jreject reads, from a WSGI environ or an ASGI scope.

    ``root`` is where the app is mounted (``SCRIPT_NAME`` / ``root_path``, "" at the
    top) and ``path`` the path below it; ``state`` is the environ or the scope
    state dict, where the app may leave a CSP nonce.
    """

    method: str
    root: str
    path: str
    query: str
    https: bool
    cookie: str
    accept: str
    state: Mapping[str, Any]
    native: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Response:
    """A complete response jreject sends itself (headers as text pairs)."""

    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes


def is_html(content_type: str) -> bool:
    """Whether a Content-Type value is ``text/html`` (any parameters, any case)."""
    value = content_type.lstrip()
    return value[:9].lower() == HTML and (len(value) == 9 or value[9] in "; \t")


def safe_next(value: str, root: str) -> str:
    """``value`` when it is a path on this site, else ``root``: never an open redirect.

    Accepted: an absolute path with one leading ``/``. Refused: ``//host`` and
    ``/\\host`` (browsers read both as another host), any backslash, any scheme,
    control characters (header splitting) and the empty string.
    """
    if (
        not value.startswith("/")
        or value.startswith("//")
        or "\\" in value
        or any(ch in _CONTROL for ch in value)
    ):
        return root
    return quote(value, safe=_URL_SAFE)


def merge_vary(headers: list[tuple[str, str]], names: Sequence[str]) -> None:
    """Add ``names`` to the ``Vary`` header in place: one header, no duplicates, ``*`` kept."""
    present: list[str] = []
    first = -1
    for i in range(len(headers) - 1, -1, -1):
        name, value = headers[i]
        if name.lower() == "vary":
            present[:0] = [v.strip() for v in value.split(",") if v.strip()]
            first = i
            del headers[i]
    if "*" in present:
        merged = present
    else:
        seen = {v.lower() for v in present}
        merged = present + [n for n in names if n.lower() not in seen]
    headers.insert(first if first >= 0 else len(headers), ("Vary", ", ".join(merged)))


def accept_language(native: Mapping[str, Any]) -> str | None:
    """The ``Accept-Language`` header of a WSGI environ (or Django's META) or an ASGI scope."""
    value = native.get("HTTP_ACCEPT_LANGUAGE")
    if isinstance(value, str):
        return value
    found = [v for k, v in native.get("headers") or () if k == b"accept-language"]
    # Repeated fields are one comma-separated list (RFC 9110 §5.3).
    return b", ".join(found).decode("latin-1") if found else None


def explain_value(verdict: Verdict) -> str:
    """``modal; rule="safari<17.2"``: the action as a token, the rule as an RFC 8941 sf-string."""
    if verdict.rule is None:
        return verdict.action
    # sf-string (RFC 8941 §3.3.3): printable ASCII only, with \ and " escaped.
    rule = "".join(ch if " " <= ch <= "~" else "?" for ch in verdict.rule)
    rule = rule.replace("\\", "\\\\").replace('"', '\\"')
    return f'{verdict.action}; rule="{rule}"'


def cookie_names(header: str) -> frozenset[str]:
    """The cookie names in a ``Cookie`` request header (RFC 6265 §5.4)."""
    return frozenset(part.split("=", 1)[0].strip() for part in header.split(";"))


def asgi_headers(pairs: Iterable[tuple[str, str]]) -> list[tuple[bytes, bytes]]:
    """Header pairs as ASGI sends them: lower-case names, Latin-1 bytes (ASGI HTTP spec)."""
    return [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in pairs]


def text_headers(raw: Iterable[tuple[bytes, bytes]]) -> list[tuple[str, str]]:
    """ASGI header pairs as text, Latin-1 decoded, names as they came."""
    return [(k.decode("latin-1"), v.decode("latin-1")) for k, v in raw]


class NoticeLike(Protocol):
    """What the middleware needs from :class:`jreject.notice.Notice`."""

    def fragment(self, request: Any, /) -> bytes: ...

    def block_page(self, request: Any, /) -> bytes: ...

    def static(self, name: str, /) -> tuple[bytes, str] | None: ...
