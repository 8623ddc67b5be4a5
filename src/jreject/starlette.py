"""jreject for Starlette and FastAPI: only what plain ASGI lacks.

The middleware is the pure ASGI one (:class:`~jreject.middleware.asgi.JRejectASGI`),
made fail-open at startup here: ``app.add_middleware(JRejectMiddleware, policy=...)``;
it leaves the verdict on ``request.state.jreject``. This module adds a per-route dependency,
``Depends(supported_browser(...))``, a 406 page handler for it, and a lifespan that
runs the install checks at startup. FastAPI is not required: everything here is
Starlette's (FastAPI re-uses Starlette's requests and exceptions).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from os import PathLike
from pathlib import Path
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from jreject.config import Config, framework_source
from jreject.detect.headers import DETECTION_HEADERS
from jreject.health import (
    ConfigSource,
    Report,
    check_options,
    check_order,
    log_report,
    run_checks,
)
from jreject.middleware.asgi import (
    STATE_KEY,
    VERDICTS_KEY,
    JRejectASGI,
    Receive,
    Scope,
    Send,
    scope_request,
)
from jreject.middleware.http import NAVIGATION_HEADERS, is_navigation
from jreject.middleware.site import compile_view_policy
from jreject.policy.base import Policy, Verdict
from jreject.settings import NonceSource, Settings

__all__ = [
    "COMPRESSION_MIDDLEWARE",
    "OUR_MIDDLEWARE",
    "VARY",
    "BrowserRejected",
    "JRejectMiddleware",
    "asgi_report",
    "block_page_handler",
    "jreject_lifespan",
    "middleware_chain",
    "supported_browser",
    "verdict_of",
]

logger = logging.getLogger("jreject")

#: A verdict depends on exactly these request headers; shared caches must know (RFC 9110 §12.5.5).
VARY = ", ".join(
    "-".join(p.upper() if p in ("ch", "ua") else p.capitalize() for p in name.split("-"))
    for name in DETECTION_HEADERS
)

#: Class names of jreject's ASGI middleware, and of middleware that compress responses.
OUR_MIDDLEWARE: frozenset[str] = frozenset({"JRejectASGI", "JRejectMiddleware"})
COMPRESSION_MIDDLEWARE: frozenset[str] = frozenset(
    {"GZipMiddleware", "BrotliMiddleware", "CompressMiddleware", "ZstdMiddleware"}
)

Lifespan = Callable[[Any], AbstractAsyncContextManager[Any]]


def JRejectMiddleware(app: Any, *, raise_on_error: bool = False, **options: Any) -> Any:
    """:class:`~jreject.middleware.asgi.JRejectASGI` around ``app``, or ``app`` itself if broken.

    A bad setting or a broken install is logged (logger ``jreject``, with what to fix)
    and the app is served without jreject, so visitors never get an error because of
    it; with ``raise_on_error=True`` the server's startup fails instead (and, in a server
    run without a lifespan, every request raises the error). Options are
    ``JRejectASGI``'s (``policy``, ``config``, middleware settings).
    """
    try:
        return JRejectASGI(app, **options)
    except Exception as exc:
        if raise_on_error:
            return _FailedStartup(exc)
        logger.error(
            "jreject is disabled, requests pass through unmodified: %s "
            "(run `jreject doctor --asgi-app module:app` for the fix)",
            exc,
        )
        return app


class _FailedStartup:
    """What ``JRejectMiddleware(raise_on_error=True)`` becomes when it cannot start.

    Starlette builds its middleware on the first call, the lifespan's, outside the
    router's own lifespan handling: an exception there reaches the server before any
    answer, and uvicorn's default ``--lifespan auto`` reads that as "no lifespan
    support", then starts and answers 500 to everyone. Answering ``startup.failed`` is
    what stops every server. Any other call raises the error again (a 500, logged): a
    server run without a lifespan has no startup to fail.
    """

    def __init__(self, error: Exception) -> None:
        self.error = error
        self.traceback = error.__traceback__
        self.message = (
            f"jreject cannot start (JRejectMiddleware, raise_on_error=True): "
            f"{type(error).__name__}: {error} "
            "(run `jreject doctor --asgi-app module:app` for the fix)"
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.failed", "message": self.message})
        # The traceback it was raised with, not one grown by every request.
        raise self.error.with_traceback(self.traceback)


class BrowserRejected(HTTPException):
    """406 Not Acceptable from :func:`supported_browser`; ``verdict`` says why.

    Starlette answers it in plain text and FastAPI in JSON (``{"detail": reason}``);
    register :func:`block_page_handler` to answer page loads with jreject's HTML 406
    page (fetch, htmx and API requests keep a plain-text 406).
    """

    def __init__(self, verdict: Verdict) -> None:
        self.verdict = verdict
        reason = verdict.reasons[0] if verdict.reasons else "This browser is not supported."
        super().__init__(
            406,
            detail=reason,
            headers={"Vary": VARY, "Cache-Control": "no-store", "X-Robots-Tag": "noindex"},
        )


def verdict_of(request: Request) -> Verdict | None:
    """The verdict the middleware left on ``request.state.jreject`` (``None`` without it)."""
    state = request.scope.get("state") or {}
    verdict = state.get(STATE_KEY)
    return verdict if isinstance(verdict, Verdict) else None


#: The default of the dependency's ``response``: called outside FastAPI, nothing to add to.
_NO_RESPONSE = Response()
_VARY_NAMES = tuple(VARY.split(", "))


def _vary_on_detection(response: Response) -> None:
    """Add :data:`VARY`'s names to ``response``'s ``Vary`` (once, after any of its own)."""
    own = ", ".join(response.headers.getlist("vary"))
    seen = {name.strip().lower() for name in own.split(",")}
    if "*" in seen:
        return
    missing = [name for name in _VARY_NAMES if name.lower() not in seen]
    if missing:
        response.headers["Vary"] = ", ".join(filter(None, (own, *missing)))


def supported_browser(
    policy: Policy | Mapping[str, Any] | None = None, /, *, block: bool = True, **tier: Any
) -> Callable[..., Awaitable[Verdict]]:
    """A dependency: ``verdict = Depends(supported_browser(minimum={"preset": "modern"}))``.

    With a policy (a :class:`Policy` or one ``[[policy]]`` tier as keywords, validated
    now) the route judges visitors by it; without one it uses the middleware's verdict,
    or the recommended policy when no middleware runs. A rejected visitor gets
    :class:`BrowserRejected` (406) unless ``block=False``, which hands the route the
    verdict to act on itself. Bots and dry-run (``log``) verdicts are never refused.

    FastAPI hands it the route's response, which gains ``Vary: VARY``: a route whose
    answer is not a ``Response`` of its own varies on the headers judged. Plain
    Starlette calls it with the request alone (``await dependency(request)``).
    """
    from jreject.pipeline import VerdictCache

    compiled = compile_view_policy(policy, tier) if policy is not None or tier else None
    cache: VerdictCache | None = VerdictCache(compiled) if compiled is not None else None

    async def dependency(request: Request, response: Response = _NO_RESPONSE) -> Verdict:
        if cache is not None:
            verdict = cache.from_scope(request.scope)
        else:
            found = verdict_of(request)
            if found is None:
                # A path the middleware left alone (exclude, cache-friendly pages): its
                # policy still decides, not some other one.
                source = request.scope.get(VERDICTS_KEY)
                if source is None:  # no middleware around this route
                    source = _default_verdicts()
                found = source.from_scope(request.scope)
            verdict = found
        if block and not verdict.allowed and verdict.action != "log":
            raise BrowserRejected(verdict)
        if response is not _NO_RESPONSE:
            # Allowed or refused depends on these headers, so this answer does too.
            _vary_on_detection(response)
        return verdict

    return dependency


_default_source: list[Any] = []


def _default_verdicts() -> Any:
    """The recommended policy's verdict source, for a route no jreject middleware wraps."""
    if not _default_source:
        from jreject.config import default_config
        from jreject.pipeline import VerdictCache

        _default_source.append(VerdictCache(default_config().policy))
    return _default_source[0]


def block_page_handler(
    notice: Any = None, *, nonce: NonceSource | None = None
) -> Callable[[Request, Exception], Awaitable[Response]]:
    """An exception handler answering :class:`BrowserRejected` with jreject's 406 page.

    ``app.add_exception_handler(BrowserRejected, block_page_handler())``. ``notice`` is
    a :class:`jreject.notice.Notice` (default: the bundled texts). ``nonce`` is where
    the page's CSP nonce is, as the middleware's ``nonce`` setting: a ``scope["state"]``
    key (``request.state.<key>``) or a function given the scope; it goes on the page's
    inline ``<style>``.
    """
    from jreject.notice import Notice, NoticeRequest

    page_notice = notice if notice is not None else Notice()
    nonce = Settings.from_options(nonce=nonce).nonce  # a bad one fails here, named

    async def handler(request: Request, exc: Exception) -> Response:
        if not isinstance(exc, BrowserRejected):
            raise exc
        headers = dict(exc.headers or {})
        # Which of the two answers depends on the page-load headers too.
        headers["Vary"] = ", ".join(filter(None, (headers.get("Vary"), *NAVIGATION_HEADERS)))
        if not is_navigation(scope_request(request.scope)):
            # A fetch, an htmx or XHR fragment, an API client: never an HTML page.
            return Response(exc.detail, 406, headers=headers, media_type="text/plain")
        root = request.scope.get("root_path", "") or ""
        page = NoticeRequest(
            exc.verdict,
            f"{root}/",
            None,
            _nonce(nonce, request.scope),
            accept_language=request.headers.get("accept-language"),
        )
        # The whole page for HEAD too: Content-Length must be GET's (RFC 9110 §9.3.2);
        # the server sends no body for HEAD.
        body = page_notice.block_page(page)
        if page_notice.varies_by_language(page):
            headers["Vary"] = (
                f"{headers['Vary']}, Accept-Language" if "Vary" in headers else "Accept-Language"
            )
        return Response(body, 406, headers=headers, media_type="text/html")

    return handler


def _nonce(source: NonceSource | None, scope: Mapping[str, Any]) -> str | None:
    if source is None:
        return None
    value = source(scope) if callable(source) else (scope.get("state") or {}).get(source)
    return value if isinstance(value, str) and value else None


def jreject_lifespan(
    lifespan: Lifespan | None = None,
    *,
    config: Mapping[str, Any] | str | Path | None = None,
    raise_on_error: bool = False,
) -> Lifespan:
    """A lifespan that runs jreject's install checks at startup, around your own lifespan.

    ``FastAPI(lifespan=jreject_lifespan(my_lifespan, config="jreject.toml"))``. Problems
    are logged on logger ``jreject`` with their ids and fixes; with ``raise_on_error``
    an error stops the startup (:class:`~jreject.health.HealthError`).
    """
    source = _source(config, "jreject_lifespan(config=...)")

    @asynccontextmanager
    async def run(app: Any) -> AsyncIterator[Any]:
        report, _ = run_checks(source)
        log_report(report, raise_on_error=raise_on_error, where="ASGI app")
        if lifespan is None:
            yield None
            return
        async with lifespan(app) as state:
            yield state

    return run


def middleware_chain(app: Any) -> list[tuple[str, Mapping[str, Any]]]:
    """The middleware around ``app``, outermost first: (class name, constructor kwargs).

    Reads Starlette's / FastAPI's ``user_middleware`` (``add_middleware`` puts the last
    added outermost), and follows ``.app`` through plain ASGI wrappers.
    """
    chain: list[tuple[str, Mapping[str, Any]]] = []
    node = app
    for _ in range(64):  # a wrapper pointing at itself must not hang doctor
        if node is None:
            break
        user = getattr(node, "user_middleware", None)
        if user is not None:
            chain += [(getattr(m.cls, "__name__", repr(m.cls)), dict(m.kwargs)) for m in user]
            break
        chain.append((type(node).__name__, {}))
        node = getattr(node, "app", None)
    return chain


#: ``JRejectMiddleware``'s keyword arguments that are not middleware options.
_NOT_OPTIONS = frozenset({"policy", "config", "notice", "verdicts", "raise_on_error"})


def asgi_report(app: Any, *, install: bool = True) -> Report:
    """The checks for an ASGI app: the middleware's config and options, and where it sits.

    ``install=False`` leaves out the install checks (``jreject doctor`` runs them once).
    """
    chain = middleware_chain(app)
    names = [name for name, _ in chain]
    ours = [kwargs for name, kwargs in chain if name in OUR_MIDDLEWARE]
    config = ours[0].get("config") if ours else None
    source = _source(config, "JRejectMiddleware(config=...)")
    report, loaded = run_checks(source, install=install)
    options = {k: v for k, v in (ours[0] if ours else {}).items() if k not in _NOT_OPTIONS}
    if options:
        merged_over = config if isinstance(config, Config) else loaded
        checked = check_options(options, merged_over, where="JRejectMiddleware(…)")
        report += Report((checked,))
    order = check_order(
        names,
        ours=OUR_MIDDLEWARE.__contains__,
        compressors=[n for n in names if n in COMPRESSION_MIDDLEWARE],
        where="the ASGI app's middleware",
    )
    return report + Report((order,))


def _source(config: object, shown: str) -> ConfigSource:
    """The ``config=`` argument, through the reader every framework shares."""
    if config is None or isinstance(config, Mapping | str | PathLike):
        mapping = config if isinstance(config, Mapping) else None
        return framework_source(
            mapping, None if mapping is not None else config, shown=lambda _: shown
        )
    return ConfigSource(label=shown)  # a loaded Config object: already validated
