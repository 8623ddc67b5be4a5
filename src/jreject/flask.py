"""jreject for Flask: ``JReject(app)`` or ``JReject().init_app(app)``.

Configuration comes from ``app.config``:

``JREJECT``
    A dict with the keys of ``jreject.toml`` (``policy``, ``bots``, ``notice``, ``middleware``).
``JREJECT_CONFIG``
    The path of a ``jreject.toml`` instead (set one of the two; neither: the recommended policy).
``JREJECT_RAISE_ON_ERROR``
    ``False`` (default): a broken install or config is logged at startup and jreject
    stays out of the way, serving every page unmodified. ``True``: ``init_app`` raises
    :class:`~jreject.health.HealthError`, so a deploy fails loudly instead.

Per view: ``@jreject_exempt`` / ``@jreject_policy(...)`` on a view function, or on a
``Blueprint`` for all its views. The verdict is on ``g.jreject``; the Jinja global
``jreject_notice()`` places the notice by hand.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from flask import Flask, Response, current_app, g, request
from markupsafe import Markup
from werkzeug.datastructures import Headers
from werkzeug.exceptions import HTTPException

from jreject.config import framework_source
from jreject.health import (
    Check,
    ConfigSource,
    HealthError,
    Report,
    check_options,
    check_order,
    check_setting_names,
    log_report,
    run_checks,
)
from jreject.middleware.cachefriendly import EXEMPT_VERDICT
from jreject.middleware.http import drop_conditionals
from jreject.middleware.respond import Request
from jreject.middleware.respond import Response as JRejectResponse
from jreject.middleware.site import (
    NOTICE_PLACEHOLDER,
    VIEW_EXEMPT,
    VIEW_POLICY,
    RequestState,
    Site,
    compile_view_policy,
    splice_sync,
)
from jreject.middleware.wsgi import environ_request
from jreject.policy.base import Policy, Verdict

__all__ = [
    "EXTENSION_KEY",
    "SETTINGS",
    "JReject",
    "flask_report",
    "jreject_exempt",
    "jreject_notice",
    "jreject_policy",
]

#: ``app.extensions[EXTENSION_KEY]`` holds the app's :class:`Site` (or ``None`` when disabled).
EXTENSION_KEY = "jreject"
_STATE = "_jreject_state"
#: Where each view's flags are remembered (:func:`_view_flags`), in ``app.extensions``.
_VIEWS_KEY = "jreject.views"
#: The ``app.config`` keys jreject reads; another ``JREJECT_…`` key is a typo (W009).
SETTINGS: tuple[str, ...] = ("JREJECT", "JREJECT_CONFIG", "JREJECT_RAISE_ON_ERROR")
#: The keyword options ``JReject`` was made with, kept for :func:`flask_report`.
_OPTIONS_KEY = "jreject.options"
#: Why ``JReject`` turned itself off at startup, for :func:`flask_report`.
_DISABLED_KEY = "jreject.disabled"
#: Modules whose after_request hooks compress the response (Flask-Compress).
COMPRESSION_MODULES: tuple[str, ...] = ("flask_compress.",)

V = TypeVar("V")
logger = logging.getLogger("jreject")


def jreject_exempt(view: V) -> V:
    """Never check visitors of this view function (or of every view of this Blueprint).

    Put it below ``@app.route``: the flag is set on the function itself, so either order
    works, but it reads best next to the view.
    """
    setattr(view, VIEW_EXEMPT, True)
    return view


def jreject_policy(
    policy: Policy | Mapping[str, Any] | None = None, /, **tier: Any
) -> Callable[[V], V]:
    """Judge this view's (or Blueprint's) visitors by their own policy.

    A :class:`~jreject.policy.base.Policy`, or one ``[[policy]]`` tier as keywords:
    ``@jreject_policy(minimum={"preset": "modern"}, action="block")``. Validated now.
    """
    compiled = compile_view_policy(policy, tier)

    def decorator(view: V) -> V:
        setattr(view, VIEW_POLICY, compiled)
        return view

    return decorator


class JReject:
    """The Flask extension. Holds no app state itself: that is in ``app.extensions``.

    ``options`` are middleware settings (``explain=True`` …) that win over the config's
    ``[middleware]`` table, for every app this instance is initialised with.
    """

    def __init__(self, app: Flask | None = None, **options: Any) -> None:
        self.options = options
        if app is not None:
            self.init_app(app)

    def init_app(self, app: Flask) -> None:
        """Validate the configuration, run the startup checks and install the hooks."""
        raise_on_error = app.config.get("JREJECT_RAISE_ON_ERROR", False)
        if not isinstance(raise_on_error, bool):
            raise TypeError(
                "app.config['JREJECT_RAISE_ON_ERROR'] must be True or False, "
                f"not {raise_on_error!r}"
            )
        where = f"Flask app {app.name!r}"
        try:
            source = _config_source(app)
        except (TypeError, ValueError) as exc:
            if raise_on_error:
                raise
            _disable(app, where, str(exc))
            return
        # Validated here rather than on the first request, so a broken install or a
        # typo in the config is reported when the app starts.
        app.extensions[_OPTIONS_KEY] = self.options
        report, config = run_checks(source)
        options = _options_report(self.options, config)
        report += options + _names_report(app)
        log_report(report, raise_on_error=raise_on_error, where=where)
        (config_check,) = (check for check in report.checks if check.id == "jreject.E001")
        if config_check.status != "ok":
            # Skipped means the browser data is broken: no safer than an invalid config.
            why = "is invalid" if config_check.status == "error" else "cannot be checked"
            _disable(app, where, f"the configuration {why} (see the error above)")
            return
        if options.errors:
            _disable(app, where, "an option of JReject(…) is invalid (see the error above)")
            return
        try:
            site = Site(config, options=self.options, language=_language)
        except Exception as exc:
            if raise_on_error:
                failed = Check("jreject.E006", "error", "Extension", f"JReject cannot start: {exc}")
                raise HealthError(report + Report((failed,))) from exc
            _disable(app, where, str(exc))
            return
        app.extensions[EXTENSION_KEY] = site
        app.extensions[_VIEWS_KEY] = {}
        app.before_request(_before_request)
        app.after_request(_after_request)
        app.jinja_env.globals["jreject_notice"] = jreject_notice


def _options_report(options: Mapping[str, Any], config: Any) -> Report:
    """The check of ``JReject(app, **options)``'s options (none given: nothing to check)."""
    return Report((check_options(options, config, where="JReject(app, …)"),) if options else ())


def _names_report(app: Flask) -> Report:
    """The ``JREJECT_…`` keys of ``app.config`` that jreject does not read."""
    return Report((check_setting_names(app.config, SETTINGS, shown=_shown),))


def _shown(name: str) -> str:
    return f"app.config[{name!r}]"


def _config_source(app: Flask) -> ConfigSource:
    return framework_source(
        app.config.get("JREJECT"),
        app.config.get("JREJECT_CONFIG"),
        shown=_shown,
    )


def _disable(app: Flask, where: str, why: str) -> None:
    app.extensions[EXTENSION_KEY] = None
    app.extensions[_DISABLED_KEY] = why
    logger.error(
        "%s: jreject is disabled, pages are served unmodified: %s "
        "(run `jreject doctor --flask-app …` for the fix)",
        where,
        why,
    )


def _language() -> str | None:
    """Flask-Babel's locale for this request, when Flask-Babel is set up on the app.

    Without it, None: the notice negotiates the whole ``Accept-Language`` header itself
    (q-values and fallbacks), rather than only its first language.
    """
    if "babel" not in current_app.extensions:
        return None
    try:
        from flask_babel import get_locale  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - the extension is registered by flask_babel
        return None
    locale = get_locale()
    return str(locale).replace("_", "-") if locale is not None else None


def _view_settings(endpoint: str | None = None) -> tuple[bool, Policy | None]:
    """Whether the view is exempt, and its own policy: the view's own decorator (on its
    function, or its class for a class-based view), else the nearest Blueprint's
    (innermost first). The nearest that says anything says all: a view's
    ``@jreject_policy`` wins over its Blueprint's ``jreject_exempt``.

    ``endpoint``: of another URL's view than this request's (cache-friendly endpoints).
    """
    app = current_app
    view = app.view_functions.get((request.endpoint if endpoint is None else endpoint) or "")
    if endpoint is None:
        blueprints = request.blueprints
    else:
        # "parent.child.view" is in Blueprint "parent.child", inside "parent".
        parts = endpoint.split(".")[:-1]
        blueprints = [".".join(parts[:i]) for i in range(len(parts), 0, -1)]
    # A class-based view (MethodView) carries the decorator on its class, which
    # as_view() names in the function it returns.
    view_class = getattr(view, "view_class", None)
    for level in (view, view_class, *(app.blueprints.get(name) for name in blueprints)):
        exempt = getattr(level, VIEW_EXEMPT, False)
        policy: Policy | None = getattr(level, VIEW_POLICY, None)
        if exempt or policy is not None:
            return bool(exempt), policy
    return False, None


def _view_flags(app: Flask, endpoint: str | None) -> tuple[bool, Policy | None]:
    """:func:`_view_settings` of ``endpoint``, remembered per endpoint: the decorators
    set them when the app is built, never while it serves."""
    views: dict[str | None, tuple[bool, Policy | None]] = app.extensions[_VIEWS_KEY]
    flags = views.get(endpoint)
    if flags is None:
        flags = views[endpoint] = _view_settings()
    return flags


def _before_request() -> Response | None:
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    site: Site | None = app.extensions.get(EXTENSION_KEY)
    if site is None:
        return None
    here = request._get_current_object()  # type: ignore[attr-defined]
    environ = here.environ
    try:
        verdicts = None
        exempt, policy = _view_flags(app, here.endpoint)
        if not exempt:
            verdicts = site.verdicts_for(policy).from_environ
        outcome = site.engine.begin(
            here.path or "/",
            environ,
            _request,
            verdicts,
            endpoints=_page_verdict,
            scoped=policy is not None,
        )
    except Exception:
        site.engine.failed("before the view ran")
        return None
    if outcome is None:
        return None
    if isinstance(outcome, JRejectResponse):
        return _flask_response(outcome)
    state = RequestState(site, outcome)
    here_g = g._get_current_object()
    setattr(here_g, _STATE, state)
    if isinstance(outcome, Verdict):  # an allowed visitor: the verdict is the outcome
        here_g.jreject = outcome
        return None
    here_g.jreject = state.verdict
    if state.gets_notice:
        drop_conditionals(environ)
    return None


def _page_verdict(environ: Mapping[str, Any]) -> Verdict:
    """The verdict of ``v.js`` / ``notice`` (cache-friendly mode): by the policy of the
    view of the page they name (``next``), else by the app's."""
    site: Site = current_app.extensions[EXTENSION_KEY]
    friendly = site.engine.cache_friendly
    path = friendly.page_path(_request(environ)) if friendly is not None else None
    policy = None
    if path is not None:
        try:
            adapter = current_app.url_map.bind_to_environ(request.environ)
            endpoint, _ = adapter.match(path, method="GET")
        except HTTPException:  # not found, or a redirect: the app's policy
            endpoint = None
        if isinstance(endpoint, str):
            exempt, policy = _view_settings(endpoint)
            if exempt:
                return EXEMPT_VERDICT
    return site.verdicts_for(policy).from_environ(environ)


def _request(environ: Mapping[str, Any]) -> Request:
    return environ_request(
        environ,
        request.method,
        request.root_path.rstrip("/"),
        request.path or "/",
        request.is_secure,
    )


def _after_request(response: Response) -> Response:
    state: RequestState | None = getattr(g, _STATE, None)
    if state is None:
        return response
    site = state.site
    try:
        headers = list(response.headers)  # its (name, value) pairs, copied in C
        status = response.status_code
        plan = site.engine.respond(
            state.outcome,
            status,
            headers,
            # Read for a 304 only (is the page it stands for HTML?).
            accept=request.environ.get("HTTP_ACCEPT", "") if status == 304 else "",
            request=_request(request.environ) if status == 304 else None,
        )
        body: bytes | None = None
        # A fragment is planned only for a decision taken before the view (Prepared).
        prepared = state.prepared
        if plan.fragment is not None and prepared is not None and not response.is_streamed:
            data = response.get_data()
            body = b"".join(splice_sync(site, plan.fragment, [data], prepared))
    except Exception:
        site.engine.failed("while finishing the response")
        return response
    if plan.headers is not headers:
        kept = len(headers)
        if plan.headers[:kept] == headers:
            # Only added after the app's own (an allowed page's Vary): add those rather
            # than build every header again.
            add = response.headers.add
            for name, value in plan.headers[kept:]:
                add(name, value)
        else:
            response.headers = Headers(plan.headers)
    if plan.fragment is None or prepared is None:
        return response
    app_body = response.response
    if body is not None:
        # The whole body is known before anything is sent (for HEAD too: the view
        # rendered the page GET gets), so its length is announced.
        response.set_data(body)  # also sets Content-Length
    else:
        response.response = splice_sync(site, plan.fragment, response.iter_encoded(), prepared)
    # No longer the app's file to pass to the server as it is (send_file): werkzeug then
    # hands the server an iterable that closes the response, and so the app's own
    # iterable (the open file) with it (PEP 3333).
    response.direct_passthrough = False
    close = getattr(app_body, "close", None)
    if close is not None:
        response.call_on_close(close)
    return response


def _flask_response(own: JRejectResponse) -> Response:
    response = Response(own.body, status=own.status)
    # After the body: werkzeug would set Content-Length to the (empty) HEAD body's.
    response.headers = Headers(list(own.headers))
    return response


def jreject_notice() -> Markup:
    """The Jinja global: where the notice goes (a placeholder, the same for every visitor,
    so a cached view stays right for all; the response phase puts this visitor's notice
    there, and none before ``</body>``)."""
    return Markup(NOTICE_PLACEHOLDER)


def flask_report(app: Flask, *, install: bool = True) -> Report:
    """The checks for one Flask app: its config and options, whether ``JReject`` is on, hook order.

    ``install=False`` leaves out the install checks (``jreject doctor`` runs them once).
    """
    try:
        source = _config_source(app)
    except (TypeError, ValueError) as exc:
        problem = Check(
            "jreject.E006",
            "error",
            "Flask config",
            str(exc),
            "Fix app.config['JREJECT'] / ['JREJECT_CONFIG'] (see docs/flask.md).",
        )
        return Report((problem,)) + run_checks(install=install)[0] + _names_report(app)
    report, config = run_checks(source, install=install)
    report += _options_report(app.extensions.get(_OPTIONS_KEY) or {}, config)
    report += _names_report(app)
    if EXTENSION_KEY not in app.extensions:
        hint = "Call JReject(app), or jreject.init_app(app) in your app factory."
        check = Check("jreject.W004", "warning", "Extension", "JReject is not initialised", hint)
        return report + Report((check,))
    if app.extensions[EXTENSION_KEY] is None:
        check = Check(
            "jreject.W004",
            "warning",
            "Extension",
            "JReject disabled itself at startup: "
            + app.extensions.get(_DISABLED_KEY, "because of the errors above"),
            "Fix that and restart the app.",
        )
        return report + Report((check,))
    # Flask runs after_request functions last-registered first, so registration
    # order is outermost first: jreject must be registered after a compressor.
    names = [
        f"{getattr(f, '__module__', '')}.{getattr(f, '__qualname__', '')}"
        for f in app.after_request_funcs.get(None, [])
    ]
    order = check_order(
        names,
        ours=f"{__name__}._after_request".__eq__,
        compressors=[n for n in names if n.startswith(COMPRESSION_MODULES)],
        where="the app's after_request functions",
    )
    return report + Report((order,))
