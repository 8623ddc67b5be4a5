"""``JRejectMiddleware`` for Django: one class for the sync and the async request path.

The decision is the framework-neutral engine's (:mod:`jreject.middleware.respond`);
this layer only translates Django's request and response. The verdict is taken in
``process_view``, once URL routing knows the view, so ``@jreject_exempt``,
``@jreject_policy`` and exempt namespaces (the admin) work.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterator, Mapping
from http.cookies import SimpleCookie
from typing import Any

from asgiref.sync import iscoroutinefunction, markcoroutinefunction
from django.core.exceptions import MiddlewareNotUsed  # type: ignore[import-untyped]
from django.http import HttpRequest, HttpResponse, HttpResponseBase  # type: ignore[import-untyped]
from django.utils import translation  # type: ignore[import-untyped]

from jreject.django import conf
from jreject.health.probes import load_config
from jreject.middleware.build import VerdictSource
from jreject.middleware.cachefriendly import EXEMPT_VERDICT
from jreject.middleware.http import drop_conditionals
from jreject.middleware.respond import Request, Response
from jreject.middleware.site import VIEW_EXEMPT, VIEW_POLICY, RequestState, Site
from jreject.middleware.wsgi import environ_request
from jreject.policy.base import Verdict

__all__ = ["REQUEST_STATE", "JRejectMiddleware", "build_site", "state_of"]

#: Attribute holding the per-request :class:`RequestState` on the ``HttpRequest``.
REQUEST_STATE = "_jreject_state"
#: django-csp puts the page's nonce here; reading it also makes django-csp send it.
CSP_NONCE_ATTRIBUTE = "csp_nonce"
_NONCE_KEY = "jreject.django.csp_nonce"

logger = logging.getLogger("jreject")


def build_site() -> Site:
    """A :class:`Site` from the Django settings; raises naming the bad setting or key."""
    config, _ = load_config(conf.config_source())
    options: dict[str, Any] = {}
    table = getattr(config, "middleware", None) or {}
    if "nonce" not in table:
        options["nonce"] = _NONCE_KEY
    return Site(config, options=options, language=_active_language())


def _active_language() -> Callable[[], str | None] | None:
    """Django's ``get_language()`` when a language is activated per request, else None.

    Without ``LocaleMiddleware`` (or a subclass) Django answers ``LANGUAGE_CODE`` for
    everyone, which says nothing about the visitor: jreject then negotiates
    ``Accept-Language`` itself.
    """
    from django.conf import settings  # type: ignore[import-untyped]
    from django.middleware.locale import LocaleMiddleware  # type: ignore[import-untyped]
    from django.utils.module_loading import import_string  # type: ignore[import-untyped]

    if not getattr(settings, "USE_I18N", False):
        return None
    for path in getattr(settings, "MIDDLEWARE", None) or ():
        try:
            found = import_string(path)
        except ImportError:
            continue
        if isinstance(found, type) and issubclass(found, LocaleMiddleware):
            return translation.get_language  # type: ignore[no-any-return]
    return None


def state_of(request: HttpRequest) -> RequestState | None:
    """The request's jreject state (``None`` when jreject did not look at it)."""
    state: RequestState | None = getattr(request, REQUEST_STATE, None)
    return state


class JRejectMiddleware:
    """Warn, block or log unsupported browsers; put it after ``GZipMiddleware``.

    Settings are read and validated once, here. A broken install or a bad setting
    logs an error naming what to fix and disables the middleware (Django's
    ``MiddlewareNotUsed``): every page is then served unmodified, and
    ``manage.py check`` reports the same error with its id.
    """

    sync_capable = True
    async_capable = True

    def __init__(
        self,
        get_response: Callable[[HttpRequest], HttpResponseBase]
        | Callable[[HttpRequest], Awaitable[HttpResponseBase]],
    ) -> None:
        self.get_response = get_response
        self.async_mode = iscoroutinefunction(get_response)
        if self.async_mode:
            markcoroutinefunction(self)
        try:
            self.site = build_site()
            self.exempt_namespaces = conf.exempt_namespaces()
        except Exception as exc:
            logger.error(
                "jreject is disabled, pages are served unmodified: %s "
                "(run `python manage.py check` or `jreject doctor` for the fix)",
                exc,
            )
            raise MiddlewareNotUsed(str(exc)) from exc

    def __call__(self, request: HttpRequest) -> Any:
        if self.async_mode:
            return self.__acall__(request)
        early = self._before(request)
        if early is not None:
            return early
        response = self.get_response(request)
        return self._after(request, response)

    async def __acall__(self, request: HttpRequest) -> HttpResponseBase:
        early = self._before(request)
        if early is not None:
            return early
        response = await self.get_response(request)
        return self._after(request, response)

    def _before(self, request: HttpRequest) -> HttpResponseBase | None:
        """jreject's own endpoints (close, static, cache-friendly ``v.js`` and ``notice``),
        before URL routing."""
        engine = self.site.engine
        try:
            own = engine.begin(
                request.path_info or "/", request, _request, None, endpoints=self._page_verdict
            )
        except Exception:
            engine.failed("before the view ran")
            return None
        return _django_response(own) if isinstance(own, Response) else None

    def _page_verdict(self, request: HttpRequest) -> Verdict:
        """The verdict of ``v.js`` / ``notice`` (cache-friendly mode): by the policy of
        the view of the page they name (``next``), else by the site's."""
        site = self.site
        friendly = site.engine.cache_friendly
        path = friendly.page_path(_request(request)) if friendly is not None else None
        policy = None
        if path is not None:
            from django.conf import settings
            from django.urls import Resolver404, resolve  # type: ignore[import-untyped]

            # i18n_patterns match only the active language's prefix, and this request's
            # language is the visitor's, not the page's: resolve under the language the
            # page's URL names (none: the default's, as LocaleMiddleware reads it).
            language = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
            try:
                with translation.override(language):
                    match = resolve(path, getattr(request, "urlconf", None))
            except Resolver404:
                match = None
            if match is not None:
                view = match.func
                if getattr(view, VIEW_EXEMPT, False) or self._exempt_match(match):
                    return EXEMPT_VERDICT
                policy = getattr(view, VIEW_POLICY, None)
        return site.verdicts_for(policy).from_environ(request.META)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponseBase | None:
        """Decide now that the view is known: exempt, per-view policy, or the site's."""
        site = self.site
        try:
            verdict_of = None
            policy = getattr(view_func, VIEW_POLICY, None)
            if not (getattr(view_func, VIEW_EXEMPT, False) or self._exempt_namespace(request)):
                verdict_of = _verdict_of(site.verdicts_for(policy))
            outcome = site.engine.begin(
                request.path_info or "/", request, _request, verdict_of, scoped=policy is not None
            )
        except Exception:
            site.engine.failed("before the view ran")
            return None
        if outcome is None:
            return None
        if isinstance(outcome, Response):
            return _django_response(outcome)
        state = RequestState(site, outcome)
        request.jreject = state.verdict
        setattr(request, REQUEST_STATE, state)
        if state.gets_notice:
            # The view (and Django's ConditionalGetMiddleware) must not answer 304.
            drop_conditionals(request.META)
            request.__dict__.pop("headers", None)  # HttpRequest.headers is cached
        return None

    def _exempt_namespace(self, request: HttpRequest) -> bool:
        return self._exempt_match(getattr(request, "resolver_match", None))

    def _exempt_match(self, match: Any) -> bool:
        if match is None or not self.exempt_namespaces:
            return False
        return not self.exempt_namespaces.isdisjoint(match.namespaces)

    def _after(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        state = state_of(request)
        if state is None:
            return response
        try:
            _apply(state, request, response)
        except Exception:
            # Headers are only set once everything was computed, so the response is
            # still the view's own here (see _apply).
            state.site.engine.failed("while finishing the response")
        return response


def _verdict_of(verdicts: VerdictSource) -> Callable[[HttpRequest], Verdict]:
    return lambda request: verdicts.from_environ(request.META)


def _request(request: HttpRequest) -> Request:
    meta = request.META
    return environ_request(
        meta,
        request.method or "GET",
        meta.get("SCRIPT_NAME", "").rstrip("/"),
        request.path_info or "/",
        request.is_secure(),
        _NonceState(request),
    )


class _NonceState(Mapping[str, Any]):
    """``request.META`` plus django-csp's nonce, read only when a notice is rendered.

    Reading ``request.csp_nonce`` is what makes django-csp put the nonce in its header,
    so it is not touched for pages that get no notice.
    """

    __slots__ = ("_request",)

    def __init__(self, request: HttpRequest) -> None:
        self._request = request

    def __getitem__(self, key: str) -> Any:
        if key == _NONCE_KEY:
            nonce = getattr(self._request, CSP_NONCE_ATTRIBUTE, None)
            if not nonce:
                raise KeyError(key)
            return str(nonce)
        return self._request.META[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._request.META)

    def __len__(self) -> int:
        return len(self._request.META)


def _django_response(response: Response) -> HttpResponse:
    out = HttpResponse(response.body, status=response.status)
    for name, value in response.headers:
        if name.lower() == "set-cookie":
            _set_cookie(out, value)
        else:
            out.headers[name] = value
    return out


def _set_cookie(out: HttpResponse, value: str) -> None:
    """The engine's ``Set-Cookie`` among the response's cookies, where Django sends its
    own from and its test client reads them (a raw header reaches browsers only).

    Not ``set_cookie()``: it would add ``expires`` to ``Max-Age``. A value the cookie
    model would not give back as it is goes as the header it was.
    """
    cookies = SimpleCookie()
    cookies.load(value)
    morsels = list(cookies.values())
    if len(morsels) == 1 and morsels[0].OutputString() == value:
        out.cookies[morsels[0].key] = morsels[0]
    else:
        out.headers["Set-Cookie"] = value


def _apply(state: RequestState, request: HttpRequest, response: HttpResponseBase) -> None:
    """Apply the engine's plan to a Django response: headers, then the body.

    A whole body is spliced before anything is sent, so its new length is known and
    announced (for ``HEAD`` too: the view rendered the same page). A streamed body
    goes out without ``Content-Length``: the plan has dropped it.
    """
    site = state.site
    headers = list(response.items())
    status = response.status_code
    plan = site.engine.respond(
        state.outcome,
        status,
        headers,
        accept=request.META.get("HTTP_ACCEPT", ""),
        request=_request(request) if status == 304 else None,
    )
    fragment = plan.fragment
    # A fragment is planned only for a decision taken before the view (Prepared).
    prepared = state.prepared
    body: bytes | None = None
    declined = False
    if fragment is not None and prepared is not None and not response.streaming:
        content: bytes = response.content
        parts, declined = _feed_all(fragment, content)
        body = b"".join(parts)
    # Everything that can fail is done: now change the response.
    names = {name.lower() for name, _ in plan.headers}
    for name, _ in headers:
        if name.lower() not in names:
            del response.headers[name]
    for name, value in plan.headers:
        response.headers[name] = value
    if fragment is None or prepared is None:
        return
    if declined:
        site.engine.declined(prepared)
    if body is not None:
        response.content = body
        response.headers["Content-Length"] = str(len(body))
    elif getattr(response, "is_async", False):
        from jreject.middleware.site import splice_async

        response.streaming_content = splice_async(
            site, fragment, response.streaming_content, prepared
        )
    else:
        from jreject.middleware.site import splice_sync

        response.streaming_content = splice_sync(
            site, fragment, response.streaming_content, prepared
        )


def _feed_all(fragment: bytes, content: bytes) -> tuple[list[bytes], bool]:
    """The parts of a whole body, and whether the splicer declined it (UTF-16)."""
    from jreject.middleware.inject import Splicer, splice_whole

    splicer = Splicer(fragment)
    return splice_whole(splicer, [content]), splicer.declined
