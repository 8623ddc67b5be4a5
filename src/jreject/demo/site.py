"""Pebble & Pine, a made-up stationery shop: the pages jreject sits in front of.

The site is framework-free on purpose: one function answers a request from its
method, path, query and the verdict jreject attached to it, and two small adapters
serve it over ASGI and WSGI, so the demo runs under uvicorn or the standard
library's wsgiref alike.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any
from urllib.parse import parse_qs, quote, urlencode

from jinja2 import Environment, PackageLoader
from markupsafe import Markup

from jreject.demo.i18n import ENGLISH, N_, Language, choose
from jreject.demo.switch import QUERY_PARAM, visitor_from_query
from jreject.demo.visitors import Visitor, sample_visitors
from jreject.detect.client import format_version
from jreject.middleware.lifespan import acknowledge_lifespan
from jreject.policy.base import Verdict

__all__ = ["PRODUCTS", "SHOP_NAME", "DemoSite", "Judge", "Product", "Response", "Tier"]

SHOP_NAME = "Pebble & Pine"
RESET_PATH = "/_demo/reset"
SWITCH_PATH = "/_demo/switch"

#: What each action looks like to the visitor, in the page's own words.
OUTCOMES: dict[str, str] = {
    "allow": N_("jreject lets this browser through: no notice."),
    "modal": N_("jreject puts a dialog over the page, which the visitor can close."),
    "banner": N_("jreject adds a slim bar at the top of the page, which the visitor can close."),
    "block": N_("jreject answers 406 Not Acceptable with its own page instead of the shop."),
    "log": N_("Dry run: the visitor sees the shop unchanged; jreject logs that it would object."),
}


@dataclass(frozen=True, slots=True)
class Product:
    """One made-up product: a URL slug, a name, a price and a line of copy."""

    slug: str
    name: str
    price: str
    blurb: str


PRODUCTS: tuple[Product, ...] = (
    Product(
        "field-notebook",
        N_("Field notebook, dot grid"),
        "€14",
        N_(
            "Ninety-six pages of heavy paper that takes fountain-pen ink without showing "
            "through, sewn so it lies flat on the table."
        ),
    ),
    Product(
        "pebble-pencils",
        N_("Pebble pencils, set of six"),
        "€9",
        N_("Grey cedar pencils, HB to 4B, with a soft eraser that does not smear."),
    ),
    Product(
        "rain-ink",
        N_("Rain ink, 50 ml"),
        "€12",
        N_("A blue-grey ink that dries in a few seconds and shades where the nib slows down."),
    ),
    Product(
        "pine-washi",
        N_("Pine washi tape"),
        "€5",
        N_("Rust-orange paper tape that peels off again without tearing the page."),
    ),
)


@dataclass(frozen=True, slots=True)
class Tier:
    """One line of the demo policy as the "how it works" page explains it.

    ``text`` is an English message (marked for translation) whose ``{placeholders}``
    are filled from ``values``; :meth:`in_language` gives it in a page's language.
    """

    action: str
    text: str
    values: tuple[tuple[str, object], ...] = ()

    def in_language(self, language: Language) -> Tier:
        """This tier with its text translated and filled in."""
        return Tier(self.action, language.format(self.text, **dict(self.values)))


@dataclass(frozen=True, slots=True)
class Response:
    """A finished response: status, headers and the whole (small) body."""

    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes


#: Tells jreject's decision for a set of request headers; the demo passes the same
#: policy the middleware uses, so the visitors table matches what each visitor gets.
Judge = Callable[[Mapping[str, str]], Verdict]


class DemoSite:
    """The shop. ``judge`` fills the visitors table; ``close_cookie`` is jreject's."""

    def __init__(self, *, judge: Judge, tiers: Sequence[Tier], close_cookie: str) -> None:
        self._judge = judge
        self._tiers = tuple(tiers)
        self._close_cookie = close_cookie
        self._env = Environment(
            loader=PackageLoader("jreject.demo", "templates"),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            extensions=["jinja2.ext.i18n"],
        )
        css = resources.files("jreject.demo").joinpath("static/demo.css").read_text("utf-8")
        # Our own stylesheet, read from the package: trusted, and CSS must not be HTML-escaped.
        self._env.globals.update(shop=SHOP_NAME, css=Markup(css), version=format_version)
        self._products = {p.slug: p for p in PRODUCTS}

    def respond(
        self,
        method: str,
        path: str,
        query: str,
        verdict: Verdict | None,
        root: str = "",
        accept_language: str | None = None,
    ) -> Response:
        """Answer one request; ``root`` is where the app is mounted (SCRIPT_NAME / root_path).

        Pages are in the visitor's language when the shop speaks it (``Accept-Language``).
        """
        if method not in {"GET", "HEAD"}:
            return Response(405, (("Allow", "GET, HEAD"), ("Content-Type", "text/plain")), b"")
        if path == RESET_PATH:
            return self._forget_closing(_next(query), root)
        if path == SWITCH_PATH:
            chosen = visitor_from_query(query)
            target = _next(query).split("?", 1)[0]
            if chosen is not None:
                target += f"?{urlencode({QUERY_PARAM: chosen.key})}"
            return self._forget_closing(target, root)
        visitor = visitor_from_query(query)
        language = choose(accept_language)
        context = self._context(path, visitor, verdict, root, language)
        status = 200
        if path == "/":
            body = self._render("home.html", context, products=PRODUCTS)
        elif path == "/how-it-works":
            tiers = [tier.in_language(language) for tier in self._tiers]
            body = self._render("how.html", context, tiers=tiers, rows=self._rows(root))
        elif path.startswith("/product/") and path[len("/product/") :] in self._products:
            product = self._products[path[len("/product/") :]]
            body = self._render("product.html", context, product=product)
        else:
            status = 404
            body = self._render("not_found.html", context)
        headers = (
            ("Content-Type", "text/html; charset=utf-8"),
            ("Content-Length", str(len(body))),
            # Each visitor's page differs by the headers the switcher swaps; never cache it.
            ("Cache-Control", "no-store"),
            ("Vary", "Accept-Language"),
        )
        return Response(status, headers, b"" if method == "HEAD" else body)

    def _context(
        self,
        path: str,
        visitor: Visitor | None,
        verdict: Verdict | None,
        root: str,
        language: Language = ENGLISH,
    ) -> dict[str, Any]:
        def link(target: str) -> str:
            url = root + quote(target)
            return f"{url}?{urlencode({QUERY_PARAM: visitor.key})}" if visitor else url

        here = path + (f"?{urlencode({QUERY_PARAM: visitor.key})}" if visitor else "")
        outcome = verdict.action if verdict is not None else "allow"
        return {
            "path": path,
            "switch_url": root + SWITCH_PATH,
            "link": link,
            "visitors": sample_visitors(),
            "current": visitor,
            "verdict": verdict,
            "outcome": outcome,
            "outcome_text": language.gettext(OUTCOMES[outcome]) if outcome in OUTCOMES else "",
            "sources": _sources(verdict, language),
            "lang": language.tag,
            "dir": language.dir,
            # jinja2.ext.i18n looks these names up in the context: one language per page.
            "_": language.gettext,
            "gettext": language.gettext,
            "ngettext": language.ngettext,
            "reset_url": f"{root}{RESET_PATH}?{urlencode({'next': here})}",
        }

    def _rows(self, root: str) -> list[dict[str, Any]]:
        return [
            {
                "visitor": v,
                "verdict": self._judge(v.headers()),
                "href": f"{root}{SWITCH_PATH}?{urlencode({QUERY_PARAM: v.key, 'next': '/'})}",
            }
            for v in sample_visitors()
        ]

    def _render(self, template: str, context: Mapping[str, Any], **more: Any) -> bytes:
        return self._env.get_template(template).render(**context, **more).encode("utf-8")

    def _forget_closing(self, target: str, root: str) -> Response:
        # The close cookie is the browser's, not the sample visitor's: forget it when the
        # visitor changes, so each one's notice shows as it would on a first visit.
        cookie = f"{self._close_cookie}=; Max-Age=0; Path={root or '/'}; SameSite=Lax"
        headers = (
            # Percent-encode what is not ASCII: header values are latin-1 at most.
            ("Location", root + quote(target, safe="/?=&%:@!$'()*+,;~-._")),
            ("Set-Cookie", cookie),
            ("Cache-Control", "no-store"),
            ("Content-Type", "text/plain; charset=utf-8"),
            ("Content-Length", "0"),
        )
        return Response(303, headers, b"")

    async def asgi(self, scope: Mapping[str, Any], receive: Any, send: Any) -> None:
        """ASGI 3 entry point; the verdict comes from ``scope["state"]["jreject"]``."""
        if scope["type"] != "http":
            if scope["type"] == "lifespan":
                await acknowledge_lifespan(receive, send)
            return
        root = scope.get("root_path", "")
        path = scope["path"]
        if root and path.startswith(root):
            path = path[len(root) :] or "/"
        verdict = (scope.get("state") or {}).get("jreject")
        languages = [v for k, v in scope.get("headers") or () if k == b"accept-language"]
        response = self.respond(
            scope["method"],
            path,
            scope.get("query_string", b"").decode("latin-1"),
            verdict,
            root,
            b", ".join(languages).decode("latin-1") or None,
        )
        await send(
            {
                "type": "http.response.start",
                "status": response.status,
                "headers": [(k.lower().encode(), v.encode("latin-1")) for k, v in response.headers],
            }
        )
        await send({"type": "http.response.body", "body": response.body})

    def wsgi(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        """WSGI entry point; the verdict comes from ``environ["jreject.verdict"]``."""
        response = self.respond(
            environ.get("REQUEST_METHOD", "GET"),
            environ.get("PATH_INFO", "") or "/",
            environ.get("QUERY_STRING", ""),
            environ.get("jreject.verdict"),
            environ.get("SCRIPT_NAME", ""),
            environ.get("HTTP_ACCEPT_LANGUAGE"),
        )
        start_response(f"{response.status} {_REASONS[response.status]}", list(response.headers))
        return [response.body]


_REASONS = {200: "OK", 303: "See Other", 404: "Not Found", 405: "Method Not Allowed"}


def _next(query: str) -> str:
    """The ``next`` path of a demo endpoint: same-site paths only, never an open redirect."""
    target = (parse_qs(query).get("next") or ["/"])[-1]
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


_SOURCE_NAMES = {
    "client-hints": N_("client hints"),
    "user-agent": N_("User-Agent"),
    "none": N_("nowhere"),
}


def _sources(verdict: Verdict | None, language: Language = ENGLISH) -> str:
    if verdict is None:
        return ""
    s = verdict.client.sources
    parts = {
        N_("browser"): s.browser,
        N_("version"): s.version,
        N_("system"): s.os,
        N_("system version"): s.os_version,
        N_("device"): s.device,
    }
    by_source: dict[str, list[str]] = {}
    for field, source in parts.items():
        by_source.setdefault(source, []).append(language.gettext(field))
    return "; ".join(
        # TRANSLATORS: e.g. "browser, version from client hints"; {fields} is a list.
        language.format(
            N_("{fields} from {source}"),
            fields=", ".join(fields),
            source=language.gettext(_SOURCE_NAMES[src]),
        )
        for src, fields in by_source.items()
    )
