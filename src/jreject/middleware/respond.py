"""What to do with one request and its response, whatever the server interface.

Every adapter (WSGI, ASGI, Django sync and async, Flask, Starlette) runs the same
skeleton, :meth:`Engine.begin`: it answers jreject's own endpoints, skips paths
jreject does not act on, takes the verdict and decides (pass an allowed visitor,
block, or prepare the notice). The adapter catches errors around that one call
only, then calls the app exactly once, outside any ``try``. When the app starts
its response, :meth:`Engine.respond` gives the headers to send and the fragment
to splice. Nothing here knows about WSGI, ASGI or any framework.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from jreject.detect.headers import DETECTION_HEADERS
from jreject.middleware.cachefriendly import PAGE_VERDICT, CacheFriendly
from jreject.middleware.endpoints import CACHE_FOREVER, remember, static_file
from jreject.middleware.http import (
    HTML,
    NAVIGATION_HEADERS,
    NoticeLike,
    Request,
    Response,
    accept_language,
    csp_blocks_inline,
    explain_value,
    has_cookie,
    is_html,
    is_navigation,
    make_private,
    merge_vary,
    not_modified_page,
    notice_encoding,
    quote_all,
    quote_path,
    request_host,
    safe_next,
    sent_url,
    unique_names,
)
from jreject.middleware.log import Counters, RateLimitedLog, verdict_fields
from jreject.middleware.outcome import Outcome, Plan, Prepared
from jreject.policy.base import Verdict
from jreject.settings import Settings

__all__ = [
    "CACHE_FOREVER",
    "Engine",
    "NoticeLike",
    "Request",
    "Response",
    "explain_value",
    "is_html",
    "merge_vary",
    "safe_next",
    "visitor_verdict",
]

INJECT_ACTIONS = frozenset({"modal", "banner"})
N = TypeVar("N")
_HEADER_NAMES = {
    name: "-".join(p.upper() if p == "ch" or p == "ua" else p.capitalize() for p in name.split("-"))
    for name in DETECTION_HEADERS
}


def visitor_verdict(outcome: Outcome) -> Verdict | None:
    """The visitor's verdict in ``outcome``, to hand to the app (environ, scope state,
    ``request.jreject``): the 406 page's too; none for a page in cache-friendly mode,
    which is the same for every visitor, nor for a request jreject passed through."""
    if isinstance(outcome, Prepared):
        return None if outcome.verdict is PAGE_VERDICT else outcome.verdict
    if isinstance(outcome, Response):
        return outcome.verdict
    return outcome


class Engine:
    """Everything the adapters share, precomputed once from validated settings."""

    def __init__(
        self,
        settings: Settings,
        notice: NoticeLike,
        make_notice_request: Callable[..., Any],
        counters: Counters,
        log: RateLimitedLog,
        *,
        language: Callable[[], str | None] | None = None,
    ) -> None:
        self.settings = settings
        #: The framework's active language for this request (Django's, Flask-Babel's),
        #: asked when the ``language`` setting gives none; None: Accept-Language decides.
        self.framework_language = language
        self.notice = notice
        self.make_notice_request = make_notice_request
        self.counters = counters
        self.log = log
        prefix = settings.prefix
        self.close_path = prefix + "/close"
        self.continue_path = prefix + "/continue" if settings.continue_anyway else None
        self.static_prefix = prefix + "/static/"
        #: Whether the notice puts its CSS and script inline (the page's CSP is then
        #: checked for them): ``assets = "inline"``; unknown for another kind of notice.
        self._inline_assets = getattr(notice, "assets", None) == "inline"
        #: Whether the notice links its static files to this middleware (its ``static_url``
        #: is ``<prefix>/static/``): they are then under each request's mount point too.
        static_url = getattr(notice, "static_url", None)
        self._own_static = static_url == self.static_prefix
        #: A site's own root-relative ``static_url``, which ``origin`` makes absolute.
        self._static_path = (
            static_url
            if isinstance(static_url, str) and static_url[:1] == "/" and static_url[:2] != "//"
            else None
        )
        self.own_prefix = prefix + "/"
        self.filtered = bool(settings.include or settings.exclude)
        self.vary = tuple(_HEADER_NAMES[name] for name in DETECTION_HEADERS)
        if settings.vary_key is not None:
            # The edge classes the browser into this one header (docs/caching.md).
            self.vary = (settings.vary_key,)
        # The close cookie changes the page too, but only for visitors who get a
        # notice; allowed pages stay cacheable per User-Agent alone.
        self.vary_with_cookie = (*self.vary, "Cookie")
        self.vary_value = ", ".join(self.vary)
        # A rejected visitor's response depends on whether the request is a page
        # load too (a fetch of the same URL passes through), so it varies on the
        # headers that tell; allowed visitors' pages do not depend on them.
        navigation = ("Accept",) if settings.act_on == "html" else NAVIGATION_HEADERS
        # X-Requested-With is both a detection and a navigation header: named once.
        self.vary_notice = unique_names((*self.vary_with_cookie, *navigation))
        vary_block = self.vary_with_cookie if settings.continue_anyway else self.vary
        self.vary_block = unique_names((*vary_block, *navigation))
        #: The 406 page's Vary value, without and with ``Accept-Language``.
        self._block_vary = {
            False: ", ".join(self.vary_block),
            True: ", ".join((*self.vary_block, "Accept-Language")),
        }
        self.html_headers: tuple[tuple[str, str], ...] = ()
        if settings.accept_ch:
            hints = ", ".join(_HEADER_NAMES[h] for h in settings.accept_ch)
            self.html_headers += (("Accept-CH", hints),)
            if settings.critical_ch:
                self.html_headers += (("Critical-CH", hints),)
        #: What an allowed page without a Vary of its own gains, ready to concatenate.
        self._page_tail: list[tuple[str, str]] = [("Vary", self.vary_value), *self.html_headers]
        #: ``settings.explain``, read on every allowed response.
        self.explain = settings.explain
        #: :meth:`html_type` per ``Content-Type`` value seen (at most 64): apps send a
        #: handful of constant values, so a dict hit replaces parsing on every page.
        self.html_types: dict[str | bytes, bool] = {}
        self._counts = counters.values
        # Cache-friendly mode (middleware/cachefriendly.py): pages carry a script tag,
        # <prefix>/v.js and <prefix>/notice decide per visitor.
        self.cache_friendly = CacheFriendly(self) if settings.cache_friendly else None
        # begin() then only takes the verdict for a path outside jreject's own.
        self._plain = not self.filtered and self.cache_friendly is None

    # -- before the app runs ------------------------------------------------------

    def begin(
        self,
        path: str,
        native: N,
        request: Callable[[N], Request],
        verdict: Callable[[N], Verdict] | None,
        *,
        endpoints: Callable[[N], Verdict] | None = None,
        scoped: bool = False,
    ) -> Outcome:
        """The request skeleton every adapter runs: what jreject does before the app.

        ``path`` is the path below the mount point; ``request`` builds the
        :class:`Request` from ``native`` (the environ, scope or framework request),
        called only when needed; ``verdict`` gives the visitor's verdict (None: the
        view is exempt, or the adapter decides later, after routing, so only
        jreject's own endpoints answer here). See :data:`Outcome` for the result.
        ``endpoints`` gives the verdict for the cache-friendly endpoints (``v.js``,
        ``notice``), by the policy of the page they stand for (Django, Flask: the
        view's); by default they use ``verdict``. ``scoped``: in cache-friendly mode,
        the page's view has a policy of its own (:attr:`Prepared.scoped`).
        """
        if self._plain and verdict is not None and not path.startswith(self.own_prefix):
            # The hot path: no endpoint, no include / exclude, no cache-friendly mode.
            found = verdict(native)
            if found.action == "allow":
                # Most visitors: count (add(), inlined: every request) and let the page through.
                self._counts["allow"] += 1
                return found
            return self.prepare(request(native), found)
        friendly = self.cache_friendly
        if path.startswith(self.own_prefix):
            lazy = None
            decide_own = endpoints if endpoints is not None else verdict
            if decide_own is not None and friendly is not None:
                decide = decide_own

                def lazy() -> Verdict:
                    return decide(native)

            own = self.own_response(request(native), lazy)
            if own is not None:
                return own
        if verdict is None or (self.filtered and not self.applies(path)):
            return None
        if friendly is not None:
            # One page for every visitor; <prefix>/v.js decides per visitor.
            return friendly.prepare(request(native), scoped=scoped)
        found = verdict(native)
        if found.action == "allow":
            # Most visitors: count (add(), inlined: every request) and let the page through.
            self._counts["allow"] += 1
            return found
        return self.prepare(request(native), found)

    def skeleton(
        self, verdict: Callable[[N], Verdict], request: Callable[[N], Request]
    ) -> Callable[[str, N], Outcome]:
        """:meth:`begin` with ``verdict`` and ``request`` bound, for an adapter whose
        verdict source never changes (WSGI, ASGI): ``skeleton(...)(path, native)``.

        Made once per middleware. Outside cache-friendly mode, its hot path holds
        everything it reads in the closure: the same decision as :meth:`begin`, without
        its per-request attribute and argument handling. jreject's own paths, and those
        include / exclude leave out, go to :meth:`begin`.
        """
        begin = self.begin
        if self.cache_friendly is not None:
            return lambda path, native: begin(path, native, request, verdict)
        own_prefix = self.own_prefix
        applies = self.applies if self.filtered else None
        counts = self._counts
        prepare = self.prepare

        def decide(path: str, native: N) -> Outcome:
            if path.startswith(own_prefix) or (applies is not None and not applies(path)):
                return begin(path, native, request, verdict)
            found = verdict(native)
            if found.action == "allow":
                counts["allow"] += 1
                return found
            return prepare(request(native), found)

        return decide

    def applies(self, path: str) -> bool:
        """Whether jreject acts on ``path`` (include / exclude prefixes)."""
        settings = self.settings
        if settings.include and not path.startswith(settings.include):
            return False
        return not (settings.exclude and path.startswith(settings.exclude))

    def own_response(
        self, request: Request, verdict: Callable[[], Verdict] | None = None
    ) -> Response | None:
        """jreject's own endpoints under the prefix, or None for any other path.

        ``verdict`` gives this request's verdict, for the cache-friendly endpoints.
        """
        path = request.path
        if not path.startswith(self.own_prefix):
            return None
        if self.cache_friendly is not None and verdict is not None:
            found = self.cache_friendly.respond(request, verdict)
            if found is not None:
                return found
        if path == self.close_path:
            self.counters.add("closed")
            return remember(self.settings, request, self.settings.cookie_name)
        if path == self.continue_path:
            return remember(self.settings, request, self.settings.continue_cookie_name)
        if path.startswith(self.static_prefix):
            return static_file(self.notice, request, path[len(self.static_prefix) :])
        return None

    def prepare(self, request: Request, verdict: Verdict) -> Prepared | Response:
        """Count and log the verdict; a block answers here, anything else goes to the app."""
        counters = self.counters
        counters.add(verdict.action)
        if verdict.action == "log":
            self.log.log(
                logging.INFO,
                # Rule and browser id, both from finite sets: a client sending a new
                # version on every request must not get a record each time.
                ("verdict", verdict.rule, verdict.client.browser),
                "jreject dry run: %s would be %s by rule %s",
                verdict.client.label,
                "rejected" if not verdict.allowed else "allowed",
                verdict.rule,
                fields=verdict_fields(verdict, request.root + request.path),
            )
        if verdict.allowed or verdict.action == "log":
            return Prepared(request, verdict, False, self.vary)
        cookie = request.cookie
        if verdict.action == "block":
            if self.continue_path and has_cookie(cookie, self.settings.continue_cookie_name):
                counters.add("continued")
                return Prepared(request, verdict, False, self.vary_with_cookie, True)
            if not is_navigation(request, self.settings.act_on):
                # A fragment, an asset or an API call: never the HTML block page.
                counters.add("not_navigation")
                return Prepared(request, verdict, False, self.vary_block, True)
            return self._block(request, verdict)
        if has_cookie(cookie, self.settings.cookie_name):
            counters.add("dismissed")
            return Prepared(request, verdict, False, self.vary_with_cookie, True)
        if not is_navigation(request, self.settings.act_on):
            counters.add("not_navigation")
            return Prepared(request, verdict, False, self.vary_notice, True)
        inject = verdict.action in INJECT_ACTIONS
        return Prepared(request, verdict, inject, self.vary_notice, True)

    # -- when the app starts its response -------------------------------------------

    def allowed_headers(
        self, status: int, headers: list[tuple[str, str]], accepts_html: bool, verdict: Verdict
    ) -> list[tuple[str, str]]:
        """The headers for an allowed visitor: ``headers`` itself unless the response is a page.

        The hot path of every site: no copy, no allocation for anything but pages.
        ``accepts_html`` says whether the request's ``Accept`` names ``text/html``
        (only read for a 304).
        """
        if status == 200:
            return self.page_headers(headers, verdict)
        return self._allowed_headers(status, headers, accepts_html, verdict)

    def page_headers(
        self, headers: list[tuple[str, str]], verdict: Verdict
    ) -> list[tuple[str, str]]:
        """:meth:`allowed_headers` for a ``200``: the call every allowed response makes."""
        if not self.explain:
            # The common case: a page without a Vary of its own gains the precomputed
            # tail; anything else that is not a page goes out as it is.
            page = False
            for name, value in headers:
                # The usual spellings first (a string compare), then len() before any
                # lower(): most names are neither, and lower() costs more.
                if name == "Content-Type":
                    known = self.html_types.get(value)
                    page = self.html_type(value) if known is None else known
                elif name == "Vary":
                    break
                elif (size := len(name)) == 12:
                    if name.lower() == "content-type":
                        known = self.html_types.get(value)
                        page = self.html_type(value) if known is None else known
                elif size == 4 and name.lower() == "vary":
                    break
            else:
                if not page:
                    return headers
                try:
                    # One concatenation of two lists: cheaper than unpacking both.
                    return headers + self._page_tail
                except TypeError:  # not a list (PEP 3333 asks for one; some servers take any)
                    return [*headers, *self._page_tail]
        return self._allowed_headers(200, headers, False, verdict)

    def _allowed_headers(
        self, status: int, headers: list[tuple[str, str]], accepts_html: bool, verdict: Verdict
    ) -> list[tuple[str, str]]:
        page = varied = False
        if status == 200:
            for name, value in headers:
                lower = name.lower()
                if lower == "content-type":
                    page = self.html_type(value)
                elif lower == "vary":
                    varied = True
        elif status == 304:
            page = accepts_html
        explain = self.explain
        if not (page or explain):
            return headers
        if page and not varied and status == 200:
            out = [*headers, *self._page_tail]
        else:
            out = list(headers)
            if page:
                merge_vary(out, self.vary)
                out.extend(self.html_headers)
        if explain:
            out.append(("JReject", explain_value(verdict)))
        return out

    def respond(
        self,
        outcome: Prepared | Verdict,
        status: int,
        headers: Sequence[tuple[str, str]],
        *,
        accept: str = "",
        request: Request | None = None,
    ) -> Plan:
        """The app's response for what :meth:`begin` decided (allowed headers, or the plan).

        ``accept`` is the request's ``Accept`` header, and ``request`` the request (both
        read for a 304 only: :func:`~jreject.middleware.http.not_modified_page`).
        """
        if isinstance(outcome, Verdict):
            listed = headers if isinstance(headers, list) else list(headers)
            accepts = status == 304 and (
                HTML in accept or (request is not None and not_modified_page(request))
            )
            return Plan(self.allowed_headers(status, listed, accepts, outcome), None)
        return self.plan(outcome, status, headers)

    def html_type(self, value: str | bytes) -> bool:
        """:func:`~jreject.middleware.http.is_html` for a ``Content-Type`` value (text or
        ASGI bytes), remembered: apps send a handful of constant values."""
        known = self.html_types.get(value)
        if known is None:
            text = value.decode("latin-1") if isinstance(value, bytes) else value
            known = is_html(text)
            if len(self.html_types) < 64:
                self.html_types[value] = known
        return known

    def plan(
        self,
        prepared: Prepared,
        status: int,
        headers: Sequence[tuple[str, str]],
    ) -> Plan:
        """The headers to send and the fragment to splice, for the app's response.

        A page that gets the notice (where the template put the placeholder, else
        before ``</body>``: :mod:`~jreject.middleware.inject`) is no longer the app's
        representation: it goes out
        :func:`~jreject.middleware.http.make_private`, without the app's validators
        and ``Content-Length``; an adapter that splices the whole body before
        sending sets the new length itself. The fragment is given for ``HEAD``
        too: an app that sends its body for ``HEAD`` gets it spliced as ``GET``'s,
        and one that sends none gets the length ``GET`` would have announced.
        """
        if prepared.verdict is PAGE_VERDICT and self.cache_friendly is not None:
            return self.cache_friendly.plan(prepared, status, list(headers))
        html = encoded = download = False
        content_type = ""
        csp: list[str] = []
        for name, value in headers:
            lower = name.lower()
            if lower == "content-type":
                html = self.html_type(value)
                content_type = value
            elif lower == "content-security-policy":
                csp.append(value)
            elif lower == "content-encoding":
                # Repeated lines are one list (RFC 9110 §5.3): any coding but identity counts.
                encoded = encoded or value.strip().lower() not in ("", "identity")
            elif lower == "content-disposition":
                download = value.lstrip().lower().startswith("attachment")
        out = list(headers)
        # A page the browser shows: not one it saves as a file.
        page = html and status == 200 and not download
        # A 304 carries no Content-Type but must repeat the Vary of the 200 it
        # stands for (RFC 9110 §15.4.5); a request that accepts HTML asked for a page.
        if page or (status == 304 and not_modified_page(prepared.request)):
            merge_vary(out, prepared.vary)
            out.extend(self.html_headers)
            # The 200 it stands for held a notice in the negotiated language.
            if status == 304 and prepared.inject:
                notice_request = self.notice_request(prepared.request, prepared.verdict)
                if self._varies_by_language(notice_request):
                    merge_vary(out, ("Accept-Language",))
            if prepared.private and not (prepared.inject and page):
                # The app's page, but chosen by this visitor's cookie or request kind
                # too. Stored in a shared cache, a 304 sent for another visitor could
                # refresh it with that visitor's narrower Vary (RFC 9111 §3.2, §4.3.4)
                # and hand it to visitors who must get the notice.
                make_private(out, modified=False)
        if self.settings.explain:
            out.append(("JReject", explain_value(prepared.verdict)))
        if not (prepared.inject and page):
            return Plan(out, None)
        if encoded:
            self.counters.add("skipped_encoded")
            self.log.once(
                "content-encoding",
                "jreject cannot add its notice to a compressed response (Content-Encoding); "
                "place jreject inside the compression middleware, so it runs before compression",
            )
            return Plan(out, None)
        encoding = notice_encoding(content_type)
        if encoding is None:
            self.counters.add("skipped_charset")
            self.log.once(
                "charset",
                "jreject cannot add its notice to a page whose charset is not ASCII-based (%s)",
                content_type,
            )
            return Plan(out, None)
        notice_request = self.notice_request(prepared.request, prepared.verdict)
        fragment = self.notice.fragment(notice_request)
        if csp and self._inline_assets:
            self._check_csp(csp, prepared.request, getattr(notice_request, "nonce", None))
        if encoding == "ascii" and not fragment.isascii():
            # Character references read the same whatever ASCII-based charset the page has.
            fragment = fragment.decode("utf-8").encode("ascii", "xmlcharrefreplace")
        if self._varies_by_language(notice_request):
            merge_vary(out, ("Accept-Language",))
        make_private(out)
        if prepared.request.method != "HEAD":
            self.counters.add("injected")
        return Plan(out, fragment)

    def _check_csp(self, csp: list[str], request: Request, nonce: str | None) -> None:
        """Warn (once per ``log_interval``) and count when the page's CSP blocks the
        notice's inline style or script: it would show unstyled and without its script.

        Only pages that get the notice come here, and only with a ``Content-Security-Policy``
        and inline assets; ``nonce`` is the one the notice carries (then nothing is checked).
        """
        if nonce is not None or request.method == "HEAD":
            return
        blocked = csp_blocks_inline(csp)
        if not blocked:
            return
        self.counters.add("csp_blocked")
        self.log.log(
            logging.WARNING,
            ("csp", blocked),
            "the page's Content-Security-Policy blocks the notice's inline %s, so it shows "
            "without its styles or script: give jreject the page's CSP nonce (the middleware's "
            "'nonce' setting, docs/middleware.md) or serve its files (notice assets = "
            '"static", docs/notice.md)',
            " and ".join(blocked),
            fields={"jreject_blocked": list(blocked), "jreject_path": request.root + request.path},
        )

    def declined(self, prepared: Prepared | None) -> None:
        """Count and log (once) a page the notice was planned for that starts with a UTF-16
        byte order mark (:attr:`~jreject.middleware.inject.Splicer.declined`): it went out
        without the notice (or the cache-friendly tags). ``prepared``: the request's
        decision (None: unknown, and ``injected`` is left as it is)."""
        self.counters.add("skipped_charset")
        if (
            prepared is not None
            and prepared.verdict is not PAGE_VERDICT
            and prepared.request.method != "HEAD"
        ):
            self.counters.add("injected", -1)  # counted when the notice was planned
        self.log.once(
            "byte-order-mark",
            "jreject cannot add its notice to a page that starts with a UTF-16 byte order "
            "mark: browsers read it as UTF-16, whatever its Content-Type says",
        )

    # -- when jreject itself fails ---------------------------------------------------

    def failed(self, when: str) -> None:
        """Count and log (rate-limited) that jreject failed; the caller serves the page unmodified.

        Call it inside the ``except`` block: the log record carries the traceback.
        """
        self.counters.add("errors")
        self.log.log(
            logging.ERROR,
            ("error", when),
            "jreject failed %s; the response is served unmodified",
            when,
            exc_info=True,
        )

    # -- responses jreject writes itself ----------------------------------------------

    def notice_request(self, request: Request, verdict: Verdict) -> Any:
        """The notice's per-request facts: close/continue links and static files under the
        mount point (under the ``origin`` setting's too, for a modal or banner), nonce."""
        back = quote_all(sent_url(request))
        root = quote_path(request.root)
        # A modal or banner goes into the app's page, whose <base href> would move
        # relative links; the 406 page is jreject's own document.
        origin = self._origin(request) if verdict.action in INJECT_ACTIONS else ""
        base = origin + root + self.settings.prefix
        continue_url = f"{base}/continue?next={back}" if self.continue_path else None
        # The middleware serves its static files under the mount point, as its endpoints.
        static_url = None
        if self._own_static:
            static_url = base + "/static/" if origin or root else None
        elif origin and self._static_path is not None:
            static_url = origin + self._static_path
        return self.make_notice_request(
            verdict=verdict,
            close_url=f"{base}/close?next={back}",
            continue_url=continue_url if verdict.action == "block" else None,
            nonce=self._nonce(request),
            language=self._language(request),
            accept_language=accept_language(request.native),
            static_url=static_url,
        )

    def _origin(self, request: Request) -> str:
        """What goes before the mount point in a notice's links: ``""`` (root-relative
        links), the ``origin`` setting, or ``//<Host>`` for ``origin = "host"`` when the
        request's Host is a plain host[:port] (else ``""``)."""
        origin = self.settings.origin
        if origin != "host":
            return origin or ""
        host = request_host(request.native)
        return "" if host is None else "//" + host

    def _language(self, request: Request) -> str | None:
        source = self.settings.language
        value: object = None
        if source is not None:
            value = source(request.native) if callable(source) else request.state.get(source)
        if not (isinstance(value, str) and value) and self.framework_language is not None:
            value = self.framework_language()
        return value if isinstance(value, str) and value else None

    def _varies_by_language(self, notice_request: Any) -> bool:
        """Whether the notice was negotiated from ``Accept-Language`` (then it goes in Vary)."""
        varies = getattr(self.notice, "varies_by_language", None)
        return bool(varies(notice_request)) if varies is not None else False

    def _nonce(self, request: Request) -> str | None:
        source = self.settings.nonce
        if source is None:
            return None
        value = source(request.native) if callable(source) else request.state.get(source)
        return value if isinstance(value, str) and value else None

    def _block(self, request: Request, verdict: Verdict) -> Response:
        notice_request = self.notice_request(request, verdict)
        body = self.notice.block_page(notice_request)
        headers = [
            ("Content-Type", "text/html; charset=utf-8"),
            ("Content-Length", str(len(body))),
            # A block depends on who asks: never store it (RFC 9111 §5.2.2.5),
            # and keep it out of search results.
            ("Cache-Control", "no-store"),
            ("X-Robots-Tag", "noindex"),
            # A fetch of the same URL would reach the app: the page-load headers count too.
            ("Vary", self._block_vary[self._varies_by_language(notice_request)]),
            *self.html_headers,
        ]
        if self.settings.explain:
            headers.append(("JReject", explain_value(verdict)))
        return Response(406, tuple(headers), b"" if request.method == "HEAD" else body, verdict)
