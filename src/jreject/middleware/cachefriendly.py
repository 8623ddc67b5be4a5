"""Cache-friendly mode: one HTML page for every visitor, the verdict in a tiny script.

With ``cache_friendly = true`` the middleware no longer decides when a page is
served. Every HTML page gets the same two tags before ``</body>``::

    <script src="/_jreject/v.js" async></script>
    <noscript><p class="jreject-noscript"><a href="/_jreject/notice?next=/page">…</a></p></noscript>

and no ``Vary`` from jreject, so a shared cache keeps one copy per URL. The browser
then asks for ``<prefix>/v.js`` with its own headers, and that answer is decided per
request (the verdict reads the same headers as always):

- allowed (or ``log``): an empty script, cacheable (``public``) per ``Vary`` on the
  detection headers: nothing runs, nothing flashes;
- ``modal`` / ``banner``, not closed: the script that inserts the notice (the same
  script as ``jreject serve``'s ``notice.js``), never stored;
- ``block``, not continued: a script that replaces the location with
  ``<prefix>/notice?next=<this page>``, which answers the 406 page for this visitor.
  A redirect rather than rewriting the page in place: the 406 page has its own
  styles and script, keeps its status, and ``location.replace`` keeps the back
  button usable. The page shows for a moment before it goes.

``<prefix>/notice`` is also the ``<noscript>`` link: visitors without JavaScript get
only that link (the trade-off of this mode, docs/caching.md). For a warned visitor it
shows the notice on a page of its own; for anyone else it sends them back to ``next``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from html import escape
from typing import Any, Protocol
from urllib.parse import quote, urlsplit

from jreject.detect.client import Client
from jreject.middleware.http import (
    NoticeLike,
    Request,
    Response,
    has_cookie,
    is_html,
    next_param,
    notice_encoding,
    quote_path,
    safe_next,
    sent_url,
)
from jreject.middleware.log import Counters, RateLimitedLog
from jreject.middleware.outcome import Plan, Prepared
from jreject.policy.base import Verdict, allow
from jreject.settings import Settings

__all__ = ["EXEMPT_VERDICT", "NOSCRIPT_TEXT", "PAGE_VERDICT", "CacheFriendly", "EngineLike"]

#: The ``<noscript>`` link's text, the same for every visitor (the page is shared).
NOSCRIPT_TEXT = "Is your browser supported?"
#: The verdict a page request carries in this mode: none is taken for the page.
PAGE_VERDICT: Verdict = allow(Client(), "cache-friendly mode: decided by v.js")
#: The verdict of ``v.js`` and ``notice`` for a page whose view is exempt.
EXEMPT_VERDICT: Verdict = allow(Client(), "cache-friendly mode: the page's view is exempt")

_JS = "text/javascript; charset=utf-8"
_HTML = "text/html; charset=utf-8"
#: An allowed browser's empty script: an hour in any cache, per Vary.
_ALLOWED_CACHE = "public, max-age=3600"
_NO_STORE = "private, no-store"

_REDIRECT = """/* jreject: this browser is not supported */
(function (location) {
  location.replace(%s + "?next=" + encodeURIComponent(location.pathname + location.search));
})(window.location);
"""

_NOTICE_PAGE = (
    '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width, initial-scale=1">'
    "<title>{title}</title></head>\n<body>\n"
    '<p><a href="{back}">{back_text}</a></p>\n{fragment}\n</body></html>\n'
)


class EngineLike(Protocol):
    """What the endpoints read of the :class:`jreject.middleware.respond.Engine` they serve.

    A protocol rather than the class: the engine builds its :class:`CacheFriendly`,
    so this module sits below ``respond.py`` and does not import it.
    """

    @property
    def settings(self) -> Settings: ...

    @property
    def notice(self) -> NoticeLike: ...

    @property
    def counters(self) -> Counters: ...

    @property
    def log(self) -> RateLimitedLog: ...

    @property
    def vary(self) -> tuple[str, ...]: ...

    @property
    def vary_with_cookie(self) -> tuple[str, ...]: ...

    @property
    def html_headers(self) -> tuple[tuple[str, str], ...]: ...

    @property
    def continue_path(self) -> str | None: ...

    def notice_request(self, request: Request, verdict: Verdict) -> Any: ...


class CacheFriendly:
    """The page tags, ``<prefix>/v.js`` and ``<prefix>/notice``, for one engine."""

    def __init__(self, engine: EngineLike) -> None:
        self.engine = engine
        prefix = engine.settings.prefix
        self.script_path = prefix + "/v.js"
        self.notice_path = prefix + "/notice"

    # -- page requests: no verdict, the same tags for everyone ------------------------

    def prepare(self, request: Request, *, scoped: bool = False) -> Prepared:
        """A page request: the tags go into HTML, the app's headers stay as they are.

        ``scoped``: the page is judged by its view's own policy (Django, Flask).
        """
        return Prepared(request, PAGE_VERDICT, True, (), scoped=scoped)

    def plan(
        self,
        prepared: Prepared,
        status: int,
        headers: list[tuple[str, str]],
    ) -> Plan:
        """The app's headers (without ``Content-Length`` when the body grows) and the tags.

        No ``Vary`` and no ``private``: the page is the same for every visitor. The
        app's validators stay, since the tags are the same on every copy of the page.
        The tags go where the template put the placeholder (Django's
        ``{% jreject_notice %}``, Flask's ``jreject_notice()``), else before ``</body>``.
        """
        html = encoded = False
        content_type = ""
        for name, value in headers:
            lower = name.lower()
            if lower == "content-type":
                html = is_html(value)
                content_type = value
            elif lower == "content-encoding":
                encoded = value.strip().lower() not in ("", "identity")
        if status != 200 or not html or encoded:
            return Plan(list(headers), None)
        if notice_encoding(content_type) is None:
            # The tags are ASCII: in UTF-16 or EBCDIC they would show as garbage, on the
            # one copy every visitor gets.
            engine = self.engine
            engine.counters.add("skipped_charset")
            engine.log.once(
                "charset",
                "jreject cannot add its notice to a page whose charset is not ASCII-based (%s)",
                content_type,
            )
            return Plan(list(headers), None)
        out = [(n, v) for n, v in headers if n.lower() != "content-length"]
        out.extend(self.engine.html_headers)
        return Plan(out, self.tags(prepared.request, scoped=prepared.scoped))

    def tags(self, request: Request, *, scoped: bool = False) -> bytes:
        """The script and the ``<noscript>`` link for the page ``request`` asked for.

        ``scoped``: the page has a policy of its own, so the script's URL names the
        page (``v.js?next=…``): caches then keep its answer apart from the site's.
        """
        base = quote_path(request.root) + self.engine.settings.prefix
        page = f"?next={quote(sent_url(request), safe='/')}"
        link = f"{base}/notice{page}"
        script = f"{base}/v.js{page if scoped else ''}"
        return (
            f'<script src="{escape(script)}" async></script>'
            f'<noscript><p class="jreject-noscript"><a href="{escape(link)}" rel="nofollow">'
            f"{escape(NOSCRIPT_TEXT)}</a></p></noscript>"
        ).encode()

    # -- the per-visitor endpoints ----------------------------------------------------

    def page_path(self, request: Request) -> str | None:
        """The path (below the mount point) of the page a ``v.js`` or ``notice`` request
        names with ``next``; None for other requests or without ``next``.

        Django and Flask resolve it to the page's view, for its policy.
        """
        if request.path not in (self.script_path, self.notice_path):
            return None
        if next_param(request.query) is None:
            return None
        return _next_page(request).path

    def respond(self, request: Request, verdict: Callable[[], Verdict]) -> Response | None:
        """``<prefix>/v.js`` or ``<prefix>/notice`` for this visitor; None for other paths.

        ``verdict`` is only called for those two paths.
        """
        if request.path == self.script_path:
            return self._script(request, verdict())
        if request.path == self.notice_path:
            return self._notice(request, verdict())
        return None

    def _script(self, request: Request, verdict: Verdict) -> Response:
        engine = self.engine
        engine.counters.add(verdict.action)
        if verdict.allowed or verdict.action == "log":
            return _script(b"", engine.vary, _ALLOWED_CACHE)
        if verdict.action == "block":
            if engine.continue_path and has_cookie(
                request.cookie, engine.settings.continue_cookie_name
            ):
                engine.counters.add("continued")
                return _script(b"", engine.vary_with_cookie, _NO_STORE)
            target = request.root + self.notice_path
            body = (_REDIRECT % _js_string(target)).encode("ascii")
            return _script(body, engine.vary, _NO_STORE)
        if has_cookie(request.cookie, engine.settings.cookie_name):
            engine.counters.add("dismissed")
            return _script(b"", engine.vary_with_cookie, _NO_STORE)
        from jreject.notice.script import notice_script

        page = _page_of(request)
        notice_request = engine.notice_request(page, verdict)
        vary = engine.vary_with_cookie
        if _varies_by_language(engine, notice_request):
            vary = (*vary, "Accept-Language")
        engine.counters.add("injected")
        return _script(notice_script(engine.notice.fragment(notice_request)), vary, _NO_STORE)

    def _notice(self, request: Request, verdict: Verdict) -> Response:
        engine = self.engine
        page = _next_page(request)
        back = page.root + page.path + ("?" + page.query if page.query else "")
        vary = ", ".join(engine.vary_with_cookie)
        if verdict.action == "block" and not verdict.allowed:
            if not (
                engine.continue_path
                and has_cookie(request.cookie, engine.settings.continue_cookie_name)
            ):
                body = engine.notice.block_page(engine.notice_request(page, verdict))
                return _page(406, body, vary)
        elif (
            verdict.action in ("modal", "banner")
            and not verdict.allowed
            and not has_cookie(request.cookie, engine.settings.cookie_name)
        ):
            fragment = engine.notice.fragment(engine.notice_request(page, verdict))
            body = _NOTICE_PAGE.format(
                title=escape(NOSCRIPT_TEXT),
                back=escape(back),
                back_text="&larr;",
                fragment=fragment.decode("utf-8"),
            ).encode("utf-8")
            return _page(200, body, vary)
        # Nothing to show this visitor: back to the page.
        headers = (
            ("Location", back),
            ("Cache-Control", "no-store"),
            ("Vary", vary),
            ("Content-Type", "text/plain; charset=utf-8"),
            ("Content-Length", "0"),
        )
        return Response(303, headers, b"")


def _script(body: bytes, vary: tuple[str, ...], cache_control: str) -> Response:
    headers = (
        ("Content-Type", _JS),
        ("Content-Length", str(len(body))),
        ("Cache-Control", cache_control),
        ("Vary", ", ".join(vary)),
        ("X-Content-Type-Options", "nosniff"),
    )
    return Response(200, headers, body)


def _page(status: int, body: bytes, vary: str) -> Response:
    headers = (
        ("Content-Type", _HTML),
        ("Content-Length", str(len(body))),
        # Per visitor: never stored (RFC 9111 §5.2.2.5), never indexed.
        ("Cache-Control", "no-store"),
        ("X-Robots-Tag", "noindex"),
        ("Vary", vary),
    )
    return Response(status, headers, body)


def _js_string(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=True).replace("</", "<\\/")


def _varies_by_language(engine: EngineLike, notice_request: object) -> bool:
    varies = getattr(engine.notice, "varies_by_language", None)
    return bool(varies(notice_request)) if varies is not None else False


def _page_of(request: Request) -> Request:
    """The page a ``v.js`` request came from (its ``next``, else its Referer), for the
    close link's ``next``."""
    if next_param(request.query) is not None:
        return _next_page(request)
    headers = request.native.get("headers") if "headers" in request.native else None
    referer = ""
    if headers is not None:  # an ASGI scope
        for name, value in headers:
            if name == b"referer":
                referer = value.decode("latin-1")
                break
    else:
        referer = str(request.native.get("HTTP_REFERER", ""))
    parts = urlsplit(referer)
    path = parts.path or "/"
    root = request.root
    if root and path.startswith(root + "/"):
        path = path[len(root) :]
    return replace(request, path=path, query=parts.query)


def _next_page(request: Request) -> Request:
    """The page ``<prefix>/notice?next=…`` stands for (a path on this site, else the root)."""
    value = next_param(request.query)
    target = request.root + "/" if value is None else safe_next(value, request.root + "/")
    parts = urlsplit(target)
    path = parts.path
    if request.root and path.startswith(request.root + "/"):
        path = path[len(request.root) :]
    return replace(request, path=path or "/", query=parts.query)
