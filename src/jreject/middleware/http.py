"""HTTP details the middleware reads and writes: content types, navigations, Vary,
caching, redirects, cookies.

Small pure functions, each following the RFC section its docstring cites.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol
from urllib.parse import parse_qsl, quote, unquote

from jreject.policy.base import Verdict
from jreject.settings import ACT_ON, ActOn

__all__ = [
    "ACT_ON",
    "CONDITIONAL_HEADERS",
    "MAX_BACK",
    "NAVIGATION_HEADERS",
    "ActOn",
    "NoticeLike",
    "Request",
    "Response",
    "accept_language",
    "accepts_html",
    "asgi_headers",
    "content_length",
    "cookie_names",
    "csp_blocks_inline",
    "drop_conditionals",
    "explain_value",
    "has_cookie",
    "is_html",
    "is_navigation",
    "make_private",
    "merge_vary",
    "next_param",
    "not_modified_page",
    "notice_encoding",
    "private_cache_control",
    "quote_all",
    "quote_path",
    "request_host",
    "safe_next",
    "sent_url",
    "text_headers",
    "unique_names",
    "without_conditionals",
    "wsgi_text",
]

HTML = "text/html"
#: The request headers :func:`is_navigation` reads: a response whose content
#: depended on them varies on them (RFC 9110 §12.5.5).
NAVIGATION_HEADERS: tuple[str, ...] = ("Sec-Fetch-Dest", "HX-Request", "X-Requested-With", "Accept")
#: Request headers that let the app answer 304 or 206 for the page it would send
#: without the notice; removed for visitors who get the notice (RFC 9110 §13.1, §14.2).
CONDITIONAL_HEADERS: tuple[str, ...] = ("if-none-match", "if-modified-since", "if-range", "range")
#: Response headers that describe the app's own representation, not the page with
#: the notice: its validators (RFC 9110 §8.8), its length, its byte ranges, and
#: caching rules addressed to CDNs only (RFC 9213 targeted fields, Surrogate-Control).
_CDN_ONLY = frozenset({"surrogate-control"})
# What describes the app's own bytes: validators, length, and digests of the content
# (RFC 9530's Content-Digest and Repr-Digest, RFC 3230's Digest, the old Content-MD5).
_APP_ONLY = _CDN_ONLY | {
    "etag",
    "last-modified",
    "content-length",
    "accept-ranges",
    "content-digest",
    "repr-digest",
    "digest",
    "content-md5",
}
#: Cache-Control directives that only address shared caches (RFC 9111 §5.2.2).
_SHARED_ONLY = frozenset({"public", "private", "s-maxage", "proxy-revalidate"})
_FRAME_DESTS = frozenset({"iframe", "frame"})
_CONTROL = frozenset(chr(c) for c in [*range(0x20), 0x7F])
# Location values are sent as Latin-1 header text; keep every URL character that
# is already legal and percent-encode the rest (RFC 3986 §2).
_URL_SAFE = "/?&=%#;:@+$,!~*'()[]-._"
#: The longest URL (path and query, percent-encoded) a notice's links carry back to the
#: page in ``next=``, and the longest ``next`` jreject's endpoints follow. Internet
#: Explorer follows no link over 2,083 characters and servers refuse long request lines
#: (gunicorn: 4,094 bytes), so a longer one would only cost the time to encode it: tens
#: of milliseconds for 64 KiB of raw bytes.
MAX_BACK = 2000
_CONDITIONAL_BYTES = frozenset(name.encode() for name in CONDITIONAL_HEADERS)
_CONDITIONAL_ENVIRON = tuple(
    "HTTP_" + name.upper().replace("-", "_") for name in CONDITIONAL_HEADERS
)


@dataclass(slots=True)
class Request:
    """The few request facts jreject reads, from a WSGI environ or an ASGI scope.

    ``root`` is where the app is mounted (``SCRIPT_NAME`` / ``root_path``, "" at the
    top) and ``path`` the path below it; ``state`` is the environ or the scope
    state dict, where the app may leave a CSP nonce.

    Treat it as read-only. It is not frozen because it is built for every request
    that the policy rejects: a frozen dataclass of twelve fields takes 1.7 µs to build
    and this one 0.6 µs.
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
    #: ``Sec-Fetch-Dest``, ``X-Requested-With`` and ``HX-Request``: what
    #: :func:`is_navigation` reads besides ``accept``.
    fetch_dest: str = ""
    requested_with: str = ""
    hx_request: str = ""


@dataclass(frozen=True, slots=True)
class Response:
    """A complete response jreject sends itself (headers as text pairs).

    ``verdict`` is the visitor's, when the response answers one (the 406 page), so
    the adapter can leave it for whatever wraps jreject, as it does for the app.
    """

    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    verdict: Verdict | None = None


def notice_encoding(content_type: str) -> str | None:
    """How the notice's UTF-8 text goes into a page of this ``Content-Type``.

    ``"utf-8"``: as it is (the page is UTF-8). ``"ascii"``: as ASCII with character
    references (``&#233;``), which read the same in every ASCII-compatible charset, and
    when none is declared here (the page may declare its own in a ``<meta>``).
    ``None``: not at all, as in UTF-16 or EBCDIC, where ``</body>`` is not ASCII.
    """
    return _notice_encoding(content_type.lower())


@lru_cache(maxsize=64)
def _notice_encoding(content_type: str) -> str | None:
    charset = ""
    for parameter in content_type.split(";")[1:]:
        name, _, value = parameter.partition("=")
        if name.strip() == "charset":
            charset = value.strip().strip('"').strip()
    if charset in ("utf-8", "utf8"):
        return "utf-8"
    if not charset:
        return "ascii"
    try:
        same = _ASCII_PROBE.encode(charset) == _ASCII_PROBE.encode("ascii")
    except LookupError:
        return "ascii"  # a label browsers do not know either: they read their default
    except UnicodeError:
        same = False
    return "ascii" if same else None


# Every ASCII character the notice's markup, styles and script are written in.
_ASCII_PROBE = "".join(map(chr, range(0x20, 0x7F))) + "\t\n\r"


def is_html(content_type: str) -> bool:
    """Whether a Content-Type value is ``text/html`` (any parameters, any case)."""
    value = content_type.lstrip()
    return value[:9].lower() == HTML and (len(value) == 9 or value[9] in "; \t")


def accepts_html(accept: str) -> bool:
    """Whether an ``Accept`` value admits ``text/html`` (none at all admits everything).

    RFC 9110 §12.5.1; a range with ``q=0`` is not looked at: no browser sends one.
    """
    if not accept:
        return True
    value = accept.lower()
    return HTML in value or "*/*" in value or "text/*" in value or "application/xhtml+xml" in value


def not_modified_page(request: Request) -> bool:
    """Whether a ``304`` to ``request`` may stand for a page, and so must repeat the
    ``Vary`` of its ``200`` (RFC 9110 §15.4.5).

    A ``304`` has no ``Content-Type`` to tell. Yes when ``Accept`` admits HTML
    (:func:`accepts_html`: Internet Explorer 6-8 ask for pages with ``*/*`` and image
    types only, and a ``fetch`` of the page sends ``*/*``), unless ``Sec-Fetch-Dest``
    names a subresource that is never a page (an image, a script, a style sheet …).
    A shared cache replaces a stored response's ``Vary`` with the one a ``304`` brings
    (RFC 9111 §3.2, §4.3.4), and a framework adds one to every response after jreject
    has seen it (Django's ``LocaleMiddleware``, ``SessionMiddleware``): without
    jreject's names there, the page stored for one visitor would match every other.
    Where unsure, the names are added: they can only make a cache keep more copies.
    """
    dest = request.fetch_dest.strip().lower()
    return accepts_html(request.accept) and (not dest or dest in _PAGE_DESTS)


#: ``Sec-Fetch-Dest`` values whose response may be an HTML page: a navigation, a frame,
#: an embedded document, or a fetch / XHR.
_PAGE_DESTS = frozenset({"document", "iframe", "frame", "fencedframe", "embed", "object", "empty"})


def is_navigation(request: Request, act_on: ActOn = "navigations") -> bool:
    """Whether ``request`` loads a page jreject may warn on or block (the ``act_on`` setting).

    Browsers since 2020 say it: ``Sec-Fetch-Dest: document`` is a top-level
    navigation (``iframe`` / ``frame`` a framed one; ``empty`` is fetch/XHR and
    anything else a subresource). ``Sec-Fetch-Mode: navigate`` is not needed: it is
    also sent for frames, and ``document`` is only ever sent with it. htmx
    (``HX-Request``) and jQuery-style XHR (``X-Requested-With: XMLHttpRequest``)
    mark fragments. Without ``Sec-Fetch-Dest`` (older browsers, which are the ones
    jreject warns) the ``Accept`` header decides: a page load names ``text/html``,
    except in Internet Explorer 6–8, which sends a list of image and Office types
    ending in ``*/*`` (or ``*/*`` alone) for pages. Subresource and API requests
    name their own types (``application/json, text/plain, */*``) or weight ``*/*``
    with a ``q`` (``text/css,*/*;q=0.1``). An empty ``Accept`` admits anything.
    ``act_on="html"`` counts every request whose ``Accept`` admits HTML.
    """
    accept = request.accept
    if act_on == "html":
        return accepts_html(accept)
    if request.hx_request or request.requested_with.lower() == "xmlhttprequest":
        return False
    dest = request.fetch_dest
    if dest:
        dest = dest.strip().lower()
        return dest == "document" or (act_on == "frames" and dest in _FRAME_DESTS)
    if not accept:
        return True
    value = accept.lower()
    if HTML in value or "application/xhtml+xml" in value:
        return True
    # Internet Explorer 6-8's page loads: "*/*", after image and application types only.
    return "*/*" in value and ";" not in value and "text/" not in value and "json" not in value


def drop_conditionals(environ: MutableMapping[str, Any]) -> None:
    """Remove :data:`CONDITIONAL_HEADERS` from a WSGI environ (or Django's ``META``), in place."""
    for key in _CONDITIONAL_ENVIRON:
        environ.pop(key, None)


def content_length(headers: Iterable[tuple[str, str]]) -> int | None:
    """The ``Content-Length`` the headers announce (``None``: none, or not a number)."""
    for name, value in headers:
        if name.lower() == "content-length" and value.strip().isdigit():
            return int(value)
    return None


def without_conditionals(pairs: Iterable[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    """ASGI request headers minus :data:`CONDITIONAL_HEADERS`."""
    drop = _CONDITIONAL_BYTES
    return [pair for pair in pairs if pair[0].lower() not in drop]


def private_cache_control(values: Sequence[str]) -> str:
    """``Cache-Control`` for a page that is not the app's own representation: ``private``.

    The page with the notice is for this visitor only, so shared caches must not
    store it (RFC 9111 §5.2.2.7): ``public``, ``s-maxage`` and ``proxy-revalidate``
    go (§5.2.2.9, §5.2.2.10, §5.2.2.8), a qualified ``private="…"`` becomes the
    unqualified form (the qualified one lets the response itself be stored), and
    everything the browser's own cache reads stays (``max-age``, ``no-cache``,
    ``no-store``, ``must-revalidate``…). ``values`` are the app's header values.
    """
    return _private_cache_control(tuple(values))


# Apps send a handful of constant Cache-Control values, and parsing one character by
# character costs more than the rest of a warned page's headers: remembered, bounded.
@lru_cache(maxsize=256)
def _private_cache_control(values: tuple[str, ...]) -> str:
    kept: list[str] = []
    for value in values:
        for directive in _directives(value):
            name = directive.split("=", 1)[0].strip().lower()
            if name not in _SHARED_ONLY:
                kept.append(directive)
    return ", ".join(["private", *kept])


def make_private(headers: list[tuple[str, str]], *, modified: bool = True) -> None:
    """Make the app's headers those of a page for one visitor, in place.

    ``Cache-Control`` becomes :func:`private_cache_control`, and caching rules
    addressed to CDNs alone go (``CDN-Cache-Control`` and other RFC 9213 targeted
    fields, ``Surrogate-Control``): a CDN obeys them over ``Cache-Control``.

    ``modified``: jreject changed the page (the notice is in it). The app's
    validators (``ETag``, ``Last-Modified``) describe the page without the notice:
    sent with it they would let a cache answer a later conditional request with the
    wrong page (RFC 9110 §8.8, RFC 9111 §4.3.4), so they go; a weakened or suffixed
    ETag would only invite conditional requests that jreject cannot answer without
    running the app again. ``Content-Length``, ``Accept-Ranges`` and digests of the
    content go with them (the adapter announces the length only where it knows it).
    """
    drop = _APP_ONLY if modified else _CDN_ONLY
    control: list[str] = []
    kept: list[tuple[str, str]] = []
    at = -1
    for name, value in headers:
        lower = name.lower()
        if lower == "cache-control":
            control.append(value)
            if at < 0:
                at = len(kept)
        elif lower not in drop and not lower.endswith("cdn-cache-control"):
            kept.append((name, value))
    kept.insert(at if at >= 0 else len(kept), ("Cache-Control", private_cache_control(control)))
    headers[:] = kept


def _directives(value: str) -> list[str]:
    """The comma-separated directives of a ``Cache-Control`` value, commas in quotes kept."""
    out: list[str] = []
    start = 0
    quoted = False
    escaped = False
    for i, ch in enumerate(value):
        if escaped:
            escaped = False
        elif ch == "\\" and quoted:
            escaped = True
        elif ch == '"':
            quoted = not quoted
        elif ch == "," and not quoted:
            out.append(value[start:i])
            start = i + 1
    out.append(value[start:])
    return [part.strip() for part in out if part.strip()]


def safe_next(value: str, root: str) -> str:
    """``value`` when it is a path on this site, else ``root``: never an open redirect.

    Accepted: an absolute path with one leading ``/``. Refused: ``//host`` and
    ``/\\host`` (browsers read both as another host), any backslash, any scheme,
    control characters (header splitting), the empty string, and a value longer than
    :data:`MAX_BACK` (no link of jreject's holds one).
    """
    if (
        not value.startswith("/")
        or len(value) > MAX_BACK
        or value.startswith("//")
        or "\\" in value
        or any(ch in _CONTROL for ch in value)
    ):
        return root
    return quote(value, safe=_URL_SAFE)


# What a path segment may hold unescaped (RFC 3986 §3.3, "%" aside: in a decoded
# path it is a literal percent sign, sent as %25), and a path made of nothing else.
_PATH_SAFE = "/!$&'()*+,;=:@"
_PLAIN_PATH = re.compile(r"[A-Za-z0-9/!$&'()*+,;=:@._~-]*")
# A query as received is already percent-encoded: only bytes that cannot appear in a
# URL (non-ASCII, controls, space) are escaped.
_QUERY_SAFE = "/?&=%;:@+$,!~*'()[]"


def quote_path(path: str) -> str:
    """A decoded URL path as a browser sends it: ``"/café/a?b"`` → ``"/caf%C3%A9/a%3Fb"``.

    UTF-8, and undecodable bytes a WSGI adapter kept as surrogates go back as they came.
    """
    return quote(path, safe=_PATH_SAFE, errors="surrogateescape")


def wsgi_text(value: str) -> str:
    """A WSGI path (PEP 3333: the URL's bytes as Latin-1) as the text it spells in UTF-8.

    Bytes that are not UTF-8 become surrogates, so :func:`quote_path` restores them.
    """
    if value.isascii():
        return value
    try:
        raw = value.encode("latin-1")
    except UnicodeEncodeError:  # a server that decoded the path itself
        return value
    return raw.decode("utf-8", "surrogateescape")


def sent_url(request: Request) -> str:
    """The path and query this request was sent to, percent-encoded as the browser sent
    them (ASCII), for the notice's links back to the page.

    ``root + path`` is decoded, and ``%2F`` or ``%3F`` in it cannot be told from ``/``
    or ``?``: the server's raw request target (ASGI ``raw_path``, WSGI ``RAW_URI`` or
    ``REQUEST_URI``) is used when it spells that same path, else the path is quoted.

    At most :data:`MAX_BACK` characters: a longer URL gives its path alone, and a
    longer path the site's root (checked before encoding what cannot fit).
    """
    full = request.root + request.path
    if len(full) > MAX_BACK:
        return _site_root(request)
    path = _raw_path(request.native)
    if path is None and _PLAIN_PATH.fullmatch(full):
        path = full  # nothing in it is escaped when sent
    elif (
        path is None
        or not path.isascii()
        or (path != full and unquote(path, errors="surrogateescape") != full)
    ):
        path = quote_path(full)
    if len(path) > MAX_BACK:
        return _site_root(request)
    query = request.query
    if not query or len(path) + len(query) >= MAX_BACK:
        return path
    if not query.isascii():
        # Raw bytes a client left unescaped (old IE sends them), as Latin-1 text.
        try:
            data = query.encode("latin-1")
        except UnicodeEncodeError:
            data = query.encode("utf-8", "surrogateescape")
        query = quote(data, safe=_QUERY_SAFE)
        if len(path) + len(query) >= MAX_BACK:
            return path
    return f"{path}?{query}"


def next_param(query: str) -> str | None:
    """The first ``next`` of a query string, decoded; None without one.

    A query longer than four times :data:`MAX_BACK` is not read (None): no link of
    jreject's holds one, and decoding 64 KiB of it took milliseconds.
    """
    if len(query) > 4 * MAX_BACK:
        return None
    for key, value in parse_qsl(query, keep_blank_values=True):
        if key == "next":
            return value
    return None


def _site_root(request: Request) -> str:
    return quote_path(request.root) + "/"


def _raw_path(native: Mapping[str, Any]) -> str | None:
    target = native.get("raw_path")  # ASGI: the path's bytes as received
    if isinstance(target, bytes):
        target = target.decode("latin-1")
    else:  # WSGI servers that keep the request target: gunicorn, uWSGI …
        target = native.get("RAW_URI") or native.get("REQUEST_URI")
    if isinstance(target, str) and target.startswith("/"):
        return target.partition("?")[0]
    return None


# A Host value jreject may put in a link (RFC 9110 §7.2, RFC 3986 §3.2.2): a host name
# (letters, digits, "-", "_"; an optional final ".") or an IP literal, and an optional
# port. Anything else (userinfo, a path, quotes, spaces, non-ASCII) is refused.
_HOST = re.compile(
    r"(?:(?:[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?\.)*[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?\.?"
    r"|\[[0-9a-f:.]+\])(?::[0-9]{1,5})?"
)


def request_host(native: Mapping[str, Any]) -> str | None:
    """The ``Host`` header of a WSGI environ (or Django's META) or an ASGI scope,
    lower-cased, when it is a plain ``host[:port]`` of at most 255 characters; else None
    (none sent, sent twice, or anything a link must not hold).

    The client chose it: see the ``origin`` setting (docs/middleware.md) for when a
    page may carry it. ``X-Forwarded-Host`` is never read.
    """
    value = native.get("HTTP_HOST")
    if not isinstance(value, str):
        found = [v for k, v in native.get("headers") or () if k == b"host"]
        if len(found) != 1:  # RFC 9112 §3.2: a request with two is refused anyway
            return None
        value = found[0].decode("latin-1")
    value = value.strip().lower()
    return value if len(value) <= 255 and _HOST.fullmatch(value) else None


def quote_all(text: str) -> str:
    """``urllib.parse.quote(text, safe="")``: every character but RFC 3986's unreserved
    ones percent-encoded (UTF-8), as a ``next=`` query value needs.

    ASCII text, what nearly every path and query is, goes through one C-level
    ``str.translate`` instead of a Python call per byte.
    """
    return text.translate(_QUOTE_ASCII) if text.isascii() else quote(text, safe="")


_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~")
_QUOTE_ASCII = {code: f"%{code:02X}" for code in range(128) if chr(code) not in _UNRESERVED}


def merge_vary(headers: list[tuple[str, str]], names: Sequence[str]) -> None:
    """Add ``names`` to the ``Vary`` header in place: one header, no duplicates, ``*`` kept."""
    values: list[str] = []
    first = -1
    for i in range(len(headers) - 1, -1, -1):
        name, value = headers[i]
        if name.lower() == "vary":
            values.insert(0, value)
            first = i
            del headers[i]
    merged = _merged_vary(tuple(values), tuple(names))
    headers.insert(first if first >= 0 else len(headers), ("Vary", merged))


# Pure in its arguments, which are the app's few Vary values and jreject's own names:
# remembered, bounded, so a warned page does not split and join them again.
@lru_cache(maxsize=256)
def _merged_vary(values: tuple[str, ...], names: tuple[str, ...]) -> str:
    present = [v.strip() for value in values for v in value.split(",") if v.strip()]
    if "*" in present:
        merged = present
    else:
        seen = {v.lower() for v in present}
        merged = present + [n for n in unique_names(names) if n.lower() not in seen]
    return ", ".join(merged)


def unique_names(names: Iterable[str]) -> tuple[str, ...]:
    """``names`` without repeats (header names: any letter case), in their order."""
    first: dict[str, str] = {}
    for name in names:
        first.setdefault(name.lower(), name)
    return tuple(first.values())


#: Per kind of inline element, the directives that govern it, most specific first: the
#: first one a policy has decides (CSP Level 3 §6.8.3, "effective directive" fallbacks).
_CSP_FALLBACKS = {
    "style": ("style-src-elem", "style-src", "default-src"),
    "script": ("script-src-elem", "script-src", "default-src"),
}


#: Sources that make browsers ignore ``'unsafe-inline'`` (CSP Level 2 and later).
_NONCE_OR_HASH = ("'nonce-", "'sha256-", "'sha384-", "'sha512-")


def csp_blocks_inline(values: Sequence[str]) -> tuple[str, ...]:
    """Which of ``"style"`` and ``"script"`` an inline element *without a nonce* may
    not be, under these ``Content-Security-Policy`` header values (every policy is
    enforced: each header, and each comma-separated policy in one, must allow it).

    A source list allows inline elements when it holds ``'unsafe-inline'`` and no nonce
    or hash (either makes browsers ignore ``'unsafe-inline'``), nor, for scripts,
    ``'strict-dynamic'`` (CSP3 §8.2, §8.3). A policy without any of the directives
    allows everything. ``Content-Security-Policy-Report-Only`` blocks nothing: do not
    pass it. A policy in a page's ``<meta>`` is not seen here.
    """
    return _csp_blocks_inline(tuple(values))


# Apps send one policy on every page (unless it carries a per-request nonce): remembered.
@lru_cache(maxsize=64)
def _csp_blocks_inline(values: tuple[str, ...]) -> tuple[str, ...]:
    blocked: list[str] = []
    policies = [policy for value in values for policy in value.split(",")]
    for kind, names in _CSP_FALLBACKS.items():
        if any(not _allows_inline(policy, kind, names) for policy in policies):
            blocked.append(kind)
    return tuple(blocked)


def _allows_inline(policy: str, kind: str, names: tuple[str, ...]) -> bool:
    directives: dict[str, list[str]] = {}
    for directive in policy.split(";"):
        tokens = directive.lower().split()
        if tokens:
            # A repeated directive is ignored: the first one counts (CSP3 §2.2.1).
            directives.setdefault(tokens[0], tokens[1:])
    for name in names:
        sources = directives.get(name)
        if sources is None:
            continue
        if "'unsafe-inline'" not in sources:
            return False
        if kind == "script" and "'strict-dynamic'" in sources:
            return False
        return not any(source.startswith(_NONCE_OR_HASH) for source in sources)
    return True


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


def has_cookie(header: str, name: str) -> bool:
    """Whether a ``Cookie`` request header holds a cookie ``name`` (as :func:`cookie_names`
    reads it), found by one scan: splitting 64 KiB of ``;`` into names took 14 ms."""
    return name in header and _cookie_pattern(name).search(";" + header) is not None


@lru_cache(maxsize=8)
def _cookie_pattern(name: str) -> re.Pattern[str]:
    # The name whole, between ";" (or the start, given as one) and "=", ";" or the end,
    # with the white space str.strip() removes around it (\s: what str.isspace() takes).
    # A literal ";" first lets the regex engine jump from one ";" to the next.
    return re.compile(r";\s*" + re.escape(name) + r"\s*(?:[=;]|\Z)")


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
