"""The tiny app, the server side of WSGI and ASGI, and the checks of ``benchmarks/fuzz.py``.

Each middleware response is compared with what the app alone answers to the same request.
:class:`Bad` names the failure class (``malformed``, ``content-length``, ``altered``,
``verdict``, ``validators``, ``navigation``, ``head-length``) and what was wrong.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from fuzz_cases import AppSpec, Case, is_subresource

NOTICE_MARK = b'id="jreject"'

# -- the tiny apps --------------------------------------------------------------------------


def wsgi_app(current: Callable[[], AppSpec]) -> Callable[..., Iterable[bytes]]:
    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        spec = current()
        head = environ["REQUEST_METHOD"] == "HEAD"
        status = f"{spec.status} {'OK' if spec.status == 200 else 'Other'}"
        if spec.style == "generator":

            def lazy() -> Iterator[bytes]:
                start_response(status, spec.headers(head))
                yield from spec.body(head)

            return lazy()
        write = start_response(status, spec.headers(head))
        body = spec.body(head)
        if spec.style == "write" and body:
            write(body[0])
            return body[1:]
        return list(body)

    return app


def asgi_app(current: Callable[[], AppSpec]) -> Callable[..., Any]:
    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        spec = current()
        head = scope["method"] == "HEAD"
        headers = [(n.lower().encode(), v.encode("latin-1")) for n, v in spec.headers(head)]
        await send({"type": "http.response.start", "status": spec.status, "headers": headers})
        body = spec.body(head)
        if not body:
            await send({"type": "http.response.body", "body": b""})
        for i, chunk in enumerate(body):
            await send(
                {"type": "http.response.body", "body": chunk, "more_body": i < len(body) - 1}
            )

    return app


# -- driving the middlewares without a server -----------------------------------------------


class Bad(Exception):
    """A response that is not well formed, or not what it must be."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass
class Answer:
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> list[str]:
        return [v for n, v in self.headers if n.lower() == name]


def _check_field(name: str, value: str) -> None:
    if not name or any(ch in name for ch in " \t\r\n:\x00"):
        raise Bad("malformed", f"bad header name {name!r}")
    if any(ch in value for ch in "\r\n\x00"):
        raise Bad("malformed", f"CR, LF or NUL in header {name}: {value[:200]!r}")
    try:
        value.encode("latin-1")
    except UnicodeEncodeError:
        raise Bad("malformed", f"header {name} is not Latin-1: {value[:200]!r}") from None


def call_wsgi(app: Callable[..., Iterable[bytes]], environ: dict[str, Any]) -> Answer:
    started: list[tuple[str, list[tuple[str, str]]]] = []
    written: list[bytes] = []

    def start_response(status: Any, headers: Any, exc_info: Any = None) -> Callable[[bytes], None]:
        if started and not exc_info:
            raise Bad("malformed", "start_response called twice without exc_info")
        if not isinstance(status, str) or len(status) < 4 or not status[:3].isdigit():
            raise Bad("malformed", f"bad status {status!r}")
        if not isinstance(headers, list) or not all(
            isinstance(h, tuple) and len(h) == 2 and all(type(x) is str for x in h) for h in headers
        ):
            raise Bad("malformed", f"headers must be a list of (str, str): {headers!r:.300}")
        for name, value in headers:
            _check_field(name, value)
        started.append((status, headers))
        return written.append

    result = app(environ, start_response)
    chunks: list[bytes] = []
    try:
        for chunk in result:
            if type(chunk) is not bytes:
                raise Bad("malformed", f"body chunk is {type(chunk).__name__}, not bytes")
            chunks.append(chunk)
    finally:
        close = getattr(result, "close", None)
        if close is not None:
            close()
    if not started:
        raise Bad("malformed", "start_response was never called")
    status, headers = started[-1]
    return Answer(int(status[:3]), headers, b"".join(written + chunks))


def _run(coroutine: Any) -> None:
    # Nothing here awaits real I/O, so the coroutine runs to its end in one send().
    try:
        coroutine.send(None)
    except StopIteration:
        return
    coroutine.close()
    raise Bad("malformed", "the ASGI call suspended on an await that never resolves")


def call_asgi(app: Callable[..., Any], scope: dict[str, Any]) -> Answer:
    messages: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        messages.append(message)

    _run(app(scope, receive, send))
    if not messages or messages[0].get("type") != "http.response.start":
        raise Bad("malformed", f"first message is not http.response.start: {messages[:1]!r:.300}")
    start = messages[0]
    status = start.get("status")
    if type(status) is not int or not 100 <= status <= 599:
        raise Bad("malformed", f"bad status {status!r}")
    headers: list[tuple[str, str]] = []
    for pair in start.get("headers") or []:
        name, value = pair
        if type(name) is not bytes or type(value) is not bytes:
            raise Bad("malformed", f"ASGI header pair is not bytes: {pair!r:.300}")
        if name != name.lower():
            raise Bad("malformed", f"ASGI header name not lower-case: {name!r}")
        headers.append((name.decode("latin-1"), value.decode("latin-1")))
        _check_field(*headers[-1])
    body = []
    more = True
    for message in messages[1:]:
        if not more:
            raise Bad("malformed", f"message after the last body: {message!r:.300}")
        if message.get("type") != "http.response.body":
            raise Bad("malformed", f"unexpected message {message.get('type')!r}")
        chunk = message.get("body", b"")
        if type(chunk) is not bytes:
            raise Bad("malformed", f"body is {type(chunk).__name__}, not bytes")
        body.append(chunk)
        more = bool(message.get("more_body", False))
    if more:
        raise Bad("malformed", "the response never ended (more_body stayed true)")
    return Answer(status, headers, b"".join(body))


# -- checks -----------------------------------------------------------------------------------


def check(case: Case, got: Answer, bare: Answer, verdict: Any, get_length: str | None) -> None:
    """Raise :class:`Bad` unless ``got`` is a right answer to ``case`` given the bare app's."""
    head = case.method == "HEAD"
    lengths = got.header("content-length")
    if len(lengths) > 1:
        raise Bad("content-length", f"{len(lengths)} Content-Length headers")
    if head and got.body:
        raise Bad("malformed", f"a HEAD response has a body of {len(got.body)} bytes")
    if lengths and not head and got.status not in (204, 304) and lengths[0] != str(len(got.body)):
        raise Bad(
            "content-length",
            f"Content-Length {lengths[0]} but {len(got.body)} body bytes (status {got.status})",
        )
    own = case.path.startswith("/_jreject/")
    if got.status == 303:
        if not own:
            raise Bad("verdict", "a 303 outside jreject's own endpoints")
        location = got.header("location")
        if len(location) != 1 or not location[0].startswith("/") or location[0][1:2] in ("/", "\\"):
            raise Bad("verdict", f"unsafe redirect Location {location!r}")
        return
    if own and got.status == 204:
        # The notice script's background close or continue: its cookie, nothing else.
        if got.body or got.header("location") or not got.header("set-cookie"):
            raise Bad("verdict", "a 204 from jreject's endpoint that is not just its cookie")
        return
    if own and got.status in (200, 404):
        return  # jreject's own asset or 404 (or the app's page, where jreject has none)
    if got.status == 406:
        if verdict is None or verdict.action != "block":
            raise Bad("verdict", f"406 for a verdict of {getattr(verdict, 'action', None)!r}")
        _check_modified(got, "the 406 page")
        if NOTICE_MARK not in got.body and not head:
            raise Bad("verdict", "a 406 without the block page")
        if is_subresource(case):
            raise Bad("navigation", "the 406 page for a request that is not a navigation")
        return
    if got.status != bare.status:
        raise Bad("altered", f"status {got.status}, the app alone sent {bare.status}")
    if got.body == bare.body:
        if head and get_length is not None and lengths and lengths[0] != get_length:
            raise Bad(
                "head-length",
                f"HEAD announces Content-Length {lengths[0]}, GET sends {get_length}",
            )
        return
    # Changed: only one notice inserted into a page, for a verdict that asks for it.
    if verdict is None or verdict.action not in ("modal", "banner"):
        raise Bad("altered", f"body changed for a verdict of {getattr(verdict, 'action', None)!r}")
    if not _one_insertion(got.body, bare.body) or got.body.count(NOTICE_MARK) != 1:
        raise Bad("altered", "the body differs from the app's by more than one notice")
    _check_modified(got, "a page with the notice")
    if is_subresource(case):
        raise Bad("navigation", "the notice injected into a request that is not a navigation")


def _one_insertion(got: bytes, bare: bytes) -> bool:
    """Whether ``got`` is ``bare`` with one run of bytes inserted somewhere."""
    extra = len(got) - len(bare)
    if extra <= 0:
        return False
    low, high = 0, len(bare)  # the longest common prefix, by bisection on slices (in C)
    while low < high:
        mid = (low + high + 1) // 2
        if got[:mid] == bare[:mid]:
            low = mid
        else:
            high = mid - 1
    return got[low + extra :] == bare[low:]


def _check_modified(got: Answer, what: str) -> None:
    # Issue 9 §2: a modified page never carries the unmodified page's validators.
    for etag in got.header("etag"):
        if not etag.strip().startswith("W/"):
            raise Bad("validators", f"{what} keeps a strong ETag {etag!r}")
    if got.header("last-modified"):
        raise Bad("validators", f"{what} keeps Last-Modified")
    control = ",".join(got.header("cache-control")).lower()
    if "public" in control or ("private" not in control and "no-store" not in control):
        raise Bad("validators", f"{what} is not private: Cache-Control {control!r}")
