"""``JRejectWSGI``: the PEP 3333 middleware.

It wraps ``start_response`` and returns an iterable that forwards ``close()``; it
never joins the body. Allowed visitors cost one verdict look-up and a header
edit: their body iterable is handed back untouched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import partial
from types import TracebackType
from typing import Any, Protocol, cast

from jreject.middleware.build import Built, Wrapper
from jreject.middleware.cachefriendly import PAGE_VERDICT
from jreject.middleware.http import (
    content_length,
    drop_conditionals,
    not_modified_page,
    wsgi_text,
)
from jreject.middleware.inject import FailOpenSplicer, splice_whole
from jreject.middleware.outcome import Outcome, Prepared
from jreject.middleware.respond import Engine, Request, Response, visitor_verdict
from jreject.policy.base import Verdict

__all__ = ["ENVIRON_KEY", "JRejectWSGI"]

#: Where the request's :class:`~jreject.policy.base.Verdict` is left for the app.
ENVIRON_KEY = "jreject.verdict"
#: The status lines apps send most, parsed once.
_CODES = {"200 OK": 200, "304 Not Modified": 304, "404 Not Found": 404}

_ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None] | tuple[None, None, None]
_Write = Callable[[bytes], object]


class StartResponse(Protocol):
    def __call__(
        self, status: str, headers: list[tuple[str, str]], exc_info: _ExcInfo | None = ..., /
    ) -> _Write: ...


WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


class JRejectWSGI(Wrapper[WSGIApp]):
    """Wrap a WSGI app: warn, block or log unsupported browsers.

    ``policy`` is any :class:`~jreject.policy.base.Policy` (default: the config's,
    else jReject's ``msie <= 6``); ``config`` a :class:`jreject.config.Config`
    or a ``jreject.toml``-shaped mapping; ``options`` are middleware settings
    (``docs/middleware.md``), which win over the config's ``[middleware]`` table.
    Everything is validated here: a bad option raises ``ValueError`` at start-up.
    """

    def _skeleton(self, built: Built) -> Callable[[str, Any], Outcome]:
        return built.engine.skeleton(built.verdicts.from_environ, _request)

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        built = self._built
        decide = self._decide
        if built is None or decide is None:  # disabled at startup (broken data): logged there
            return self.app(environ, start_response)
        engine = built.engine
        # Decide inside the try; answer or call the app outside it, exactly once. An
        # error of jreject's own falls back to the untouched app; the app's propagate.
        allowed: Verdict | None = None
        try:
            outcome = decide(environ.get("PATH_INFO") or "/", environ)
            if isinstance(outcome, Verdict):
                allowed = environ[ENVIRON_KEY] = outcome
            elif (verdict := visitor_verdict(outcome)) is not None:
                environ[ENVIRON_KEY] = verdict
        except Exception:
            engine.failed("before the app ran")
            outcome = None
        if allowed is not None:
            # An allowed visitor, the hot path: the body goes back untouched, and a
            # page gains Vary (a shared cache must not hand it to a rejected browser).
            # A closure is the cheapest per-request callable to make; it holds one
            # tuple rather than four cells (one allocation instead of four).
            bound = (engine, environ, start_response, allowed)

            def start_allowed(
                status: str, headers: list[tuple[str, str]], exc_info: _ExcInfo | None = None
            ) -> _Write:
                engine, environ, start_response, allowed = bound
                try:
                    if status == "200 OK":
                        headers = engine.page_headers(headers, allowed)
                    else:
                        headers = _allowed_headers(engine, environ, status, headers, allowed)
                except Exception:
                    engine.failed("while planning the response")
                if exc_info:
                    return start_response(status, headers, exc_info)
                return start_response(status, headers)

            return self.app(environ, start_allowed)
        if isinstance(outcome, Response):
            return _send(outcome, start_response)
        if not isinstance(outcome, Prepared):  # passed through, or jreject failed
            return self.app(environ, start_response)
        if outcome.inject and outcome.verdict is not PAGE_VERDICT:
            # The notice's page is a new representation: the app must send it whole.
            # (Cache-friendly tags are the same on every copy: validators still hold.)
            drop_conditionals(environ)
        call = _Call(built, outcome, start_response)
        call.defer = outcome.inject
        try:
            result = self.app(environ, call.start_response)
        finally:
            call.defer = False
        return call.body(result)


def _allowed_headers(
    engine: Engine,
    environ: Mapping[str, Any],
    status: str,
    headers: list[tuple[str, str]],
    verdict: Verdict,
) -> list[tuple[str, str]]:
    """:meth:`Engine.allowed_headers` for any status line but ``200 OK``."""
    code = _CODES.get(status) or int(status[:3])
    accepts_html = code == 304 and not_modified_page(_request(environ))
    return engine.allowed_headers(code, headers, accepts_html, verdict)


def _request(environ: Mapping[str, Any]) -> Request:
    # PEP 3333 paths are the URL's bytes as Latin-1: read as the UTF-8 they spell, as
    # ASGI servers, Django and Flask give them.
    return environ_request(
        environ,
        environ.get("REQUEST_METHOD", "GET"),
        wsgi_text(environ.get("SCRIPT_NAME", "").rstrip("/")),
        wsgi_text(environ.get("PATH_INFO", "") or "/"),
        environ.get("wsgi.url_scheme") == "https",
    )


def environ_request(
    environ: Mapping[str, Any],
    method: str,
    root: str,
    path: str,
    https: bool,
    state: Mapping[str, Any] | None = None,
) -> Request:
    """The :class:`Request` of a WSGI environ, with where it was sent to as given: a
    framework (Django, Flask) passes what it decoded and trusts (proxy settings, its
    own path). ``state``, where the app leaves a nonce, is the environ by default."""
    return Request(
        method=method,
        root=root,
        path=path,
        query=environ.get("QUERY_STRING", ""),
        https=https,
        cookie=environ.get("HTTP_COOKIE", ""),
        accept=environ.get("HTTP_ACCEPT", ""),
        state=environ if state is None else state,
        native=environ,
        fetch_dest=environ.get("HTTP_SEC_FETCH_DEST", ""),
        requested_with=environ.get("HTTP_X_REQUESTED_WITH", ""),
        hx_request=environ.get("HTTP_HX_REQUEST", ""),
    )


def _send(response: Response, start_response: StartResponse) -> list[bytes]:
    start_response(_status_line(response.status), list(response.headers))
    return [response.body] if response.body else []


_REASONS = {200: "OK", 204: "No Content", 303: "See Other", 404: "Not Found", 406: "Not Acceptable"}


def _status_line(status: int) -> str:
    return f"{status} {_REASONS[status]}"


class _Call:
    """One request's state: the plan made at start_response, and the splicer.

    While the app runs (``defer``), the start of a response that gets the notice is
    held back: when the app returns its whole body as a list, it is spliced at once
    and its length announced, so the server sends it as it would the app's page
    (not chunked: one write fewer). Otherwise the start is passed on when the app
    returns (or writes), and the body streams through the splicer without a length.
    """

    __slots__ = ("added", "built", "defer", "held", "prepared", "splicer", "start", "write")

    def __init__(self, built: Built, prepared: Prepared, start: StartResponse) -> None:
        self.built = built
        self.prepared = prepared
        self.start = start
        self.splicer: FailOpenSplicer | None = None
        self.write: _Write | None = None
        self.defer = False
        #: The planned start not yet passed on: status, headers, exc_info.
        self.held: tuple[str, list[tuple[str, str]], _ExcInfo | None] | None = None
        #: The app's Content-Length plus the fragment's, for a HEAD (None: unknown).
        self.added: int | None = None

    def start_response(
        self, status: str, headers: list[tuple[str, str]], exc_info: _ExcInfo | None = None
    ) -> _Write:
        self.splicer = None  # an error page replacing the first response is planned afresh
        self.held = None
        try:
            code = int(status[:3])
            plan = self.built.engine.plan(self.prepared, code, headers)
        except Exception:
            self.built.engine.failed("while planning the response")
            plan = None
        if plan is None:
            write = (
                self.start(status, headers, exc_info) if exc_info else self.start(status, headers)
            )
        else:
            if plan.fragment is not None:
                if self.prepared.request.method == "HEAD":
                    # For an app that returns no body for HEAD: GET's would be the app's
                    # with the fragment added once.
                    length = content_length(headers)
                    self.added = None if length is None else length + len(plan.fragment)
                engine = self.built.engine
                self.splicer = FailOpenSplicer(
                    plan.fragment,
                    partial(engine.failed, "while adding the notice"),
                    partial(engine.declined, self.prepared),
                )
                if self.defer:
                    self.held = (status, plan.headers, exc_info)
                    return self._write
            if exc_info:
                write = self.start(status, plan.headers, exc_info)
            else:
                write = self.start(status, plan.headers)
        self.write = write
        return self._write if self.splicer is not None else write

    def _pass_on(self, length: int | None = None) -> None:
        """Pass the held start on, with ``length`` as its Content-Length when known."""
        held = self.held
        if held is None:
            return
        self.held = None
        status, headers, exc_info = held
        if length is not None:
            headers = [*headers, ("Content-Length", str(length))]
        self.write = (
            self.start(status, headers, exc_info) if exc_info else self.start(status, headers)
        )

    def body(self, result: Iterable[bytes]) -> Iterable[bytes]:
        """What to return to the server for the app's ``result``.

        A HEAD is spliced as GET when the app returns its body for it too (Django
        does), so that what wraps jreject (compression) announces GET's length; an
        empty one goes back as it is, announcing the length GET's page would have.
        """
        head = self.prepared.request.method == "HEAD"
        if self.held is not None:
            if type(result) is list or type(result) is tuple:
                if head and not any(result):
                    self._pass_on(self.added)
                    return result
                # The whole body, already in memory (a list has no close()): splice it
                # now and announce its length, unless splicing failed.
                parts = self.feed_all(cast(Sequence[bytes], result))
                failed = self.splicer is None or self.splicer.failed
                self._pass_on(None if failed else sum(map(len, parts)))
                return parts
            self._pass_on()
        if not self.prepared.inject:
            return result  # nothing to splice: the app's iterable and its close() as they are
        # Stream: the app may also start its response late, from its iterable.
        return _Body(self, result, head)

    def _write(self, data: bytes) -> None:
        # PEP 3333's legacy write(): its bytes go out before the iterable's, so
        # they pass through the same splicer.
        self._pass_on()
        write = self.write
        if write is None:
            raise RuntimeError("write() was called before start_response()")
        for part in self.feed(data):
            write(part)

    def feed(self, chunk: bytes) -> list[bytes]:
        splicer = self.splicer
        if splicer is None:
            return [chunk] if chunk else []
        return splicer.feed(chunk)

    def finish(self) -> list[bytes]:
        splicer = self.splicer
        return [] if splicer is None else splicer.finish()

    def feed_all(self, chunks: Sequence[bytes]) -> list[bytes]:
        """The parts for a whole body (:func:`~jreject.middleware.inject.splice_whole`)."""
        splicer = self.splicer
        if splicer is None:
            return [chunk for chunk in chunks if chunk]
        return splice_whole(splicer, chunks)


class _Body:
    """The app's body with the notice spliced in; ``close()`` reaches the app's iterable.

    As werkzeug's ``ClosingIterator``: the server must call ``close()`` whatever
    happens (PEP 3333), and the app's own ``close()`` must run exactly then.
    """

    __slots__ = ("_call", "_iterator", "_result")

    def __init__(self, call: _Call, result: Iterable[bytes], head: bool = False) -> None:
        self._call = call
        self._result = result
        self._iterator = self._chunks(head)

    def __iter__(self) -> Iterator[bytes]:
        return self._iterator

    def _chunks(self, head: bool) -> Iterator[bytes]:
        call = self._call
        bodiless = head  # a HEAD stays without a body unless the app sends one
        for chunk in self._result:
            if chunk:
                bodiless = False
            yield from call.feed(chunk)
        if not bodiless:
            yield from call.finish()

    def close(self) -> None:
        try:
            self._iterator.close()  # type: ignore[attr-defined]
        finally:
            close = getattr(self._result, "close", None)
            if close is not None:
                close()
