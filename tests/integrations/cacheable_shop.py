"""The shop every adapter suite puts behind jreject, and how a test asks it.

One page that lets caches keep it (``public, max-age=600``, a strong ETag,
``Last-Modified``) and answers ``304`` to a matching ``If-None-Match``, written for each
framework, and the answers of every client read into one :class:`Answer`.
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx
from flask import Response as FlaskResponse
from starlette.applications import Starlette
from starlette.responses import Response as StarletteResponse
from starlette.routing import Route

IE6 = "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1; SV1)"
IE6_ACCEPT = "image/gif, image/x-xbitmap, image/jpeg, image/pjpeg, */*"
CHROME = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36"
)
CHROME_PAGE = {"Sec-Fetch-Dest": "document", "Accept": "text/html,*/*;q=0.8"}
PAGE = b"<!doctype html><html><head><title>Shop</title></head><body><h1>Shop</h1></body></html>"
CACHING = [
    ("Cache-Control", "public, max-age=600"),
    ("ETag", '"v1"'),
    ("Last-Modified", "Wed, 01 Jan 2025 00:00:00 GMT"),
]
MARK = b'id="jreject"'


@dataclass
class Answer:
    status: int
    headers: dict[str, str]  # lower-case names
    body: bytes

    def length(self) -> int | None:
        value = self.headers.get("content-length")
        return None if value is None else int(value)


def answer(status: int, pairs, body: bytes) -> Answer:
    headers: dict[str, str] = {}
    for name, value in pairs:
        key = name.lower()
        headers[key] = f"{headers[key]}, {value}" if key in headers else value
    return Answer(status, headers, body)


def not_modified(if_none_match: str | None) -> bool:
    return if_none_match == '"v1"'


def wsgi_app(environ, start_response):
    if not_modified(environ.get("HTTP_IF_NONE_MATCH")):
        start_response("304 Not Modified", list(CACHING))
        return []
    headers = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(PAGE)))]
    start_response("200 OK", headers + CACHING)
    return [PAGE]


async def asgi_app(scope, receive, send):
    inm = next((v.decode() for k, v in scope["headers"] if k == b"if-none-match"), None)
    if not_modified(inm):
        headers, status, body = CACHING, 304, b""
    else:
        headers = [("content-type", "text/html; charset=utf-8"), ("content-length", str(len(PAGE)))]
        headers, status, body = headers + CACHING, 200, PAGE
    raw = [(k.lower().encode(), v.encode()) for k, v in headers]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body})


async def via_httpx(app, method, headers, path="/") -> Answer:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        response = await client.request(method, path, headers=headers)
    return answer(response.status_code, response.headers.multi_items(), response.content)


def with_cookie(client, headers):
    """werkzeug's test client keeps its own cookie jar, so a Cookie header goes there."""
    headers = dict(headers)
    cookie = headers.pop("Cookie", None)
    if cookie:
        name, value = cookie.split("=", 1)
        client.set_cookie(name, value)
    return headers


def starlette_shop(*paths: str) -> Starlette:
    """The shop's page at each of ``paths``, as a Starlette app."""

    async def endpoint(request):
        if not_modified(request.headers.get("if-none-match")):
            return StarletteResponse(status_code=304, headers=dict(CACHING))
        return StarletteResponse(PAGE, headers=dict(CACHING), media_type="text/html")

    return Starlette(routes=[Route(path, endpoint) for path in paths])


def flask_index():
    """The shop's page as a Flask view."""
    from flask import request

    if not_modified(request.headers.get("If-None-Match")):
        return FlaskResponse(status=304, headers=CACHING)
    return FlaskResponse(PAGE, headers=CACHING, mimetype="text/html")


def django_answer(response) -> Answer:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return answer(response.status_code, response.headers.items(), body)
