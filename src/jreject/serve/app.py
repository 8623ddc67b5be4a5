"""The verdict service: an ASGI app that answers proxies, and serves the notice itself.

Everything comes from the middleware's parts, built once by
:func:`jreject.middleware.build.build` from the same ``jreject.toml``: the verdict
cache, the notice, the close and continue endpoints, the counters. Under the prefix
(``/_jreject`` unless ``[middleware] prefix`` says otherwise):

==========================  ====================================================
``/healthz``                200 and the counters, for the orchestrator's probe
``<prefix>/auth/nginx``     nginx ``auth_request``: 200 allow, 403 block
``<prefix>/auth/traefik``   Traefik ``forwardAuth``: 200 allow, 406 and the page
``<prefix>/auth/envoy/…``   Envoy ``ext_authz`` HTTP (``path_prefix``): as Traefik
``<prefix>/block``          the 406 page, for nginx's ``error_page 403``
``<prefix>/notice.js``      the script that shows the modal/banner (else empty)
``<prefix>/fragment``       the modal/banner HTML (else empty), for an SSI include
``<prefix>/close``,         the middleware's own endpoints: close and continue
``/continue``, ``/static/`` links, the notice's CSS, script and icons
==========================  ====================================================

Every verdict answer carries ``JReject-Action`` (what to do now: ``allow``,
``modal``, ``banner``, ``block`` or ``log``; a notice the visitor closed, or a block
they chose to continue past, is ``allow``), ``JReject-Rule`` and ``JReject-Reason``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jreject._version import __version__
from jreject.config import Config, config_from_dict, find_config, load_config
from jreject.middleware.asgi import Receive, Scope, Send, request_headers
from jreject.middleware.build import ConfigLike, build
from jreject.middleware.http import Request, Response, asgi_headers, has_cookie
from jreject.middleware.lifespan import acknowledge_lifespan
from jreject.middleware.outcome import Prepared
from jreject.middleware.respond import Engine
from jreject.notice import Notice
from jreject.notice.script import EMPTY_SCRIPT, notice_script
from jreject.policy.base import Verdict
from jreject.serve.protocols import PROTOCOLS, Original, Proxy, original_request
from jreject.settings import Settings

__all__ = ["HEALTH_PATH", "VERDICT_HEADERS", "VerdictService", "create_app", "load"]


HEALTH_PATH = "/healthz"
#: The response headers that carry the verdict (``auth_request_set``, ``authResponseHeaders``).
VERDICT_HEADERS: tuple[str, ...] = ("JReject-Action", "JReject-Rule", "JReject-Reason")

_NO_STORE = ("Cache-Control", "no-store")
_EMPTY = ("Content-Length", "0")
_ALLOW_HEADERS = (("JReject-Action", "allow"), ("JReject-Rule", ""), ("JReject-Reason", ""))
_ALLOW = Response(200, (*_ALLOW_HEADERS, _NO_STORE, _EMPTY), b"")
_ALLOW_ASGI = tuple(asgi_headers(_ALLOW.headers))
_JS = "text/javascript; charset=utf-8"
_HTML = "text/html; charset=utf-8"


class VerdictService:
    """The ``jreject serve`` ASGI app for ``config`` (a path, a mapping or a loaded Config).

    Built and validated here: a bad setting raises at startup, naming the key.
    """

    def __init__(self, config: ConfigLike = None) -> None:
        loaded = load(config)
        self._built = build(
            policy=None, config=loaded, notice=_notice(loaded), verdicts=None, options={}
        )
        self.engine: Engine = self._built.engine
        self.verdicts = self._built.verdicts
        prefix = self.engine.settings.prefix
        self._routes: dict[str, Callable[[Scope, str], Response]] = {
            prefix + "/block": self._block_page,
            prefix + "/notice.js": self._script,
            prefix + "/fragment": self._fragment,
        }
        self._auth = prefix + "/auth/"
        self._vary = ", ".join((*self.engine.vary, "Cookie"))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        kind = scope["type"]
        if kind == "lifespan":
            await acknowledge_lifespan(receive, send)
            return
        if kind != "http":
            return  # no websockets here; uvicorn closes them
        path: str = scope.get("path") or "/"
        try:
            response = self.respond(scope, path)
        except Exception:
            self.engine.failed("while answering " + path)
            if path.startswith(self._auth):
                # Fail open: a proxy's question gets "allow", never an error that
                # Traefik or Envoy would show the visitor.
                response = _ALLOW
            else:
                response = Response(500, (_NO_STORE, _EMPTY), b"")
        headers = _ALLOW_ASGI if response is _ALLOW else asgi_headers(response.headers)
        await send({"type": "http.response.start", "status": response.status, "headers": headers})
        body = b"" if scope.get("method") == "HEAD" else response.body
        await send({"type": "http.response.body", "body": body})

    def respond(self, scope: Scope, path: str) -> Response:
        """The complete answer to one request (no streaming: every answer is small)."""
        if path.startswith(self._auth):
            name, _, suffix = path[len(self._auth) :].partition("/")
            protocol = PROTOCOLS.get(name)
            if protocol is not None and (protocol.path_in_url or not suffix):
                return self._verdict(scope, protocol, suffix if protocol.path_in_url else None)
        route = self._routes.get(path)
        if route is not None:
            return route(scope, path)
        if path == HEALTH_PATH:
            return self._health()
        own = self.engine.own_response(_request(scope, _own_original(scope)))
        if own is not None:
            return own
        return _text(404, "Not Found")

    # -- verdicts ------------------------------------------------------------------------

    def _decide(self, scope: Scope, original: Original) -> tuple[Verdict, Prepared | Response]:
        verdict = self.verdicts.from_scope(scope)
        request = _request(scope, original)
        if not self.engine.applies(original.path):
            return verdict, Prepared(request, _allowed(verdict), False, ())
        return verdict, self.engine.prepare(request, verdict)

    def _verdict(self, scope: Scope, protocol: Proxy, suffix: str | None) -> Response:
        engine = self.engine
        if not engine.filtered:
            # Most visitors: a cached verdict and one prebuilt answer, no header parsing.
            verdict = self.verdicts.from_scope(scope)
            if verdict.action == "allow":
                engine.counters.values["allow"] += 1  # add(), inlined: every request
                return _ALLOW
            decided: Prepared | Response = engine.prepare(
                _request(scope, original_request(scope, suffix)), verdict
            )
        else:
            verdict, decided = self._decide(scope, original_request(scope, suffix))
        if isinstance(decided, Response):  # a block
            headers = _verdict_headers("block", verdict)
            if protocol.block_with_page:
                return replace(decided, headers=decided.headers + headers)
            return Response(403, (*headers, _NO_STORE, _EMPTY), b"")
        action = _action_now(decided)
        headers = (*_verdict_headers(action, verdict), _NO_STORE, _EMPTY)
        return Response(200, headers, b"")

    def _block_page(self, scope: Scope, path: str) -> Response:
        # Not engine.prepare(): the auth request before this one counted the block.
        engine = self.engine
        verdict = self.verdicts.from_scope(scope)
        request = _request(scope, original_request(scope))
        continued = engine.continue_path is not None and (
            has_cookie(request.cookie, engine.settings.continue_cookie_name)
        )
        if verdict.allowed or verdict.action != "block" or continued:
            return _text(404, "Not Found")  # asked directly, by a browser that is not blocked
        body = engine.notice.block_page(engine.notice_request(request, verdict))
        headers = (
            ("Content-Type", _HTML),
            ("Content-Length", str(len(body))),
            # Per visitor: never stored (RFC 9111 §5.2.2.5), never indexed.
            _NO_STORE,
            ("X-Robots-Tag", "noindex"),
            ("Vary", self._vary),
            *_verdict_headers("block", verdict),
        )
        return Response(406, headers, body)

    def _script(self, scope: Scope, path: str) -> Response:
        fragment = self._notice_fragment(scope, _page_of(scope))
        body = EMPTY_SCRIPT if fragment is None else notice_script(fragment)
        return self._varied(_JS, body)

    def _fragment(self, scope: Scope, path: str) -> Response:
        fragment = self._notice_fragment(scope, original_request(scope))
        return self._varied(_HTML, fragment or b"")

    def _notice_fragment(self, scope: Scope, original: Original) -> bytes | None:
        # Not engine.prepare(): the proxy's question for the page counted the verdict.
        engine = self.engine
        verdict = self.verdicts.from_scope(scope)
        if verdict.action not in ("modal", "banner") or not engine.applies(original.path):
            return None
        request = _request(scope, original)
        if has_cookie(request.cookie, engine.settings.cookie_name):
            return None  # closed by the visitor
        engine.counters.add("injected")
        return engine.notice.fragment(engine.notice_request(request, verdict))

    def _varied(self, content_type: str, body: bytes) -> Response:
        headers = (
            ("Content-Type", content_type),
            ("Content-Length", str(len(body))),
            # Per visitor (browser and close cookie): never from a shared cache.
            ("Cache-Control", "private, no-store"),
            ("Vary", self._vary),
        )
        return Response(200, headers, body)

    def _health(self) -> Response:
        body = json.dumps(
            {
                "status": "ok",
                "version": __version__,
                "counters": self.engine.counters.snapshot(),
                "cache": _cache_stats(self.verdicts),
            }
        ).encode()
        headers = (
            ("Content-Type", "application/json"),
            ("Content-Length", str(len(body))),
            _NO_STORE,
        )
        return Response(200, headers, body)


def create_app() -> VerdictService:
    """The app uvicorn's workers import (``--factory``): config from ``JREJECT_CONFIG``.

    ``jreject serve`` validates the config before it starts the workers and passes
    its path in that variable; without it, :func:`jreject.config.find_config`
    looks upward from the working directory, then the recommended policy applies.
    """
    path = os.environ.get("JREJECT_CONFIG") or find_config()
    return VerdictService(str(path) if path else None)


def load(config: ConfigLike) -> Config | None:
    """``config`` as the middleware takes it (path, mapping, Config or None), loaded.

    Raises :class:`jreject.config.ConfigError` naming the file, line and key.
    """
    if config is None or isinstance(config, Config):
        return config
    if isinstance(config, Mapping):
        return config_from_dict(config)
    return load_config(Path(config))


# -- helpers -------------------------------------------------------------------------------


def _notice(config: Config | None) -> Notice:
    # The notice's CSS and script are files the service serves (not inline): notice.js
    # stays small, and browsers cache them across pages and visits.
    if config is None:
        return Notice(assets="static", static_url=Settings().prefix + "/static/")
    notice: Notice = config.notice_with(assets="static")
    return notice


def _request(scope: Mapping[str, Any], original: Original) -> Request:
    # The proxy forwards the visitor's headers: cookies, Accept and the page-load
    # signs (Sec-Fetch-Dest…) are read as the ASGI middleware reads them.
    return Request(
        method=original.method,
        root="",
        path=original.path,
        query=original.query,
        https=original.https,
        state={},
        native=scope,
        **request_headers(scope),
    )


def _own_original(scope: Mapping[str, Any]) -> Original:
    """The service's own request (close, continue, static), with the proxy's scheme."""
    forwarded = original_request(scope)
    return Original(
        scope.get("method", "GET"),
        scope.get("path") or "/",
        (scope.get("query_string") or b"").decode("latin-1"),
        forwarded.https,
    )


def _page_of(scope: Mapping[str, Any]) -> Original:
    """The page a ``notice.js`` request came from (its Referer, else ``/``), for the close
    link's ``next``."""
    original = original_request(scope)
    for name, value in scope.get("headers") or ():
        if name == b"referer":
            try:
                parts = urlsplit(value.decode("latin-1"))
            except ValueError:  # unbalanced brackets: anyone can send a Referer
                break
            return replace(original, path=parts.path or "/", query=parts.query)
    return replace(original, path="/", query="")


def _allowed(verdict: Verdict) -> Verdict:
    return verdict if verdict.allowed else replace(verdict, allowed=True, action="allow")


def _action_now(prepared: Prepared) -> str:
    verdict = prepared.verdict
    if verdict.action in ("modal", "banner") and not prepared.inject:
        return "allow"  # closed by the visitor, or outside include/exclude
    if verdict.action == "block":
        return "allow"  # continued past the block page
    return verdict.action


def _verdict_headers(action: str, verdict: Verdict) -> tuple[tuple[str, str], ...]:
    reason = verdict.reasons[0] if verdict.reasons and action != "allow" else ""
    return (
        ("JReject-Action", action),
        ("JReject-Rule", _header_text(verdict.rule or "") if action != "allow" else ""),
        ("JReject-Reason", _header_text(reason)),
    )


def _header_text(value: str) -> str:
    # Field values are visible ASCII and spaces here (RFC 9110 §5.5): a browser label
    # from the network never splits a header or carries bytes a proxy would refuse.
    if value.isascii() and value.isprintable():
        return value
    return "".join(ch if " " <= ch <= "~" else "?" for ch in value)


def _text(status: int, text: str) -> Response:
    body = text.encode()
    headers = (("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body))))
    return Response(status, headers, body)


def _cache_stats(verdicts: Any) -> dict[str, int] | None:
    stats = getattr(verdicts, "stats", None)
    if stats is None:
        return None
    snapshot = stats()
    return {"hits": snapshot.hits, "misses": snapshot.misses, "entries": snapshot.entries}
