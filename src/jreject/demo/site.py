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

from jreject.demo.switch import QUERY_PARAM, visitor_from_query
from jreject.demo.visitors import Visitor, sample_visitors
from jreject.detect.client import format_version
from jreject.policy.base import Verdict

__all__ = ["PRODUCTS", "SHOP_NAME", "DemoSite", "Judge", "Product", "Response", "Tier"]

SHOP_NAME = "Pebble & Pine"
RESET_PATH = "/_demo/reset"
SWITCH_PATH = "/_demo/switch"

#: What each action looks like to the visitor, in the page's own words.
OUTCOMES: dict[str, str] = {
    "allow": "jreject lets this browser through: no notice.",
    "modal": "jreject puts a dialog over the page, which the visitor can close.",
    "banner": "jreject adds a slim bar at the top of the page, which the visitor can close.",
    "block": "jreject answers 406 Not Acceptable with its own page instead of the shop.",
    "log": "Dry run: the visitor sees the shop unchanged; jreject logs that it would object.",
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
        "Field notebook, dot grid",
        "€14",
        "Ninety-six pages of heavy paper that takes fountain-pen ink without showing through, "
        "sewn so it lies flat on the table.",
    ),
    Product(
        "pebble-pencils",
        "Pebble pencils, set of six",
        "€9",
        "Grey cedar pencils, HB to 4B, with a soft eraser that does not smear.",
    ),
    Product(
        "rain-ink",
        "Rain ink, 50 ml",
        "€12",
        "A blue-grey ink that dries in a few seconds and shades where the nib slows down.",
    ),
    Product(
        "pine-washi",
        "Pine washi tape",
        "€5",
        "Rust-orange paper tape that peels off again without tearing the page.",
    ),
)


@dataclass(frozen=True, slots=True)
class Tier:
    """One line of the demo policy as the "how it works" page explains it."""

    action: str
    text: str


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
        )
        css = resources.files("jreject.demo").joinpath("static/demo.css").read_text("utf-8")
        # Our own stylesheet, read from the package: trusted, and CSS must not be HTML-escaped.
        self._env.globals.update(shop=SHOP_NAME, css=Markup(css), version=format_version)
        self._products = {p.slug: p for p in PRODUCTS}

    def respond(
        self, method: str, path: str, query: str, verdict: Verdict | None, root: str = ""
    ) -> Response:
        """Answer one request; ``root`` is where the app is mounted (SCRIPT_NAME / root_path)."""
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
        context = self._context(path, visitor, verdict, root)
        status = 200
        if path == "/":
            body = self._render("home.html", context, products=PRODUCTS)
        elif path == "/how-it-works":
            body = self._render("how.html", context, tiers=self._tiers, rows=self._rows(root))
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
        )
        return Response(status, headers, b"" if method == "HEAD" else body)

    def _context(
        self, path: str, visitor: Visitor | None, verdict: Verdict | None, root: str
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
            "outcome_text": OUTCOMES.get(outcome, ""),
            "sources": _sources(verdict),
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
                await _lifespan(receive, send)
            return
        root = scope.get("root_path", "")
        path = scope["path"]
        if root and path.startswith(root):
            path = path[len(root) :] or "/"
        verdict = (scope.get("state") or {}).get("jreject")
        response = self.respond(
            scope["method"], path, scope.get("query_string", b"").decode("latin-1"), verdict, root
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
        )
        start_response(f"{response.status} {_REASONS[response.status]}", list(response.headers))
        return [response.body]


_REASONS = {200: "OK", 303: "See Other", 404: "Not Found", 405: "Method Not Allowed"}


async def _lifespan(receive: Any, send: Any) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return


def _next(query: str) -> str:
    """The ``next`` path of a demo endpoint: same-site paths only, never an open redirect."""
    target = (parse_qs(query).get("next") or ["/"])[-1]
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def _sources(verdict: Verdict | None) -> str:
    if verdict is None:
        return ""
    s = verdict.client.sources
    parts = {
        "browser": s.browser,
        "version": s.version,
        "system": s.os,
        "system version": s.os_version,
        "device": s.device,
    }
    by_source: dict[str, list[str]] = {}
    for field, source in parts.items():
        by_source.setdefault(source, []).append(field)
    names = {"client-hints": "client hints", "user-agent": "User-Agent", "none": "nowhere"}
    return "; ".join(f"{', '.join(fields)} from {names[src]}" for src, fields in by_source.items())
