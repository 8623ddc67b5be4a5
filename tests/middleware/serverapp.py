"""A small site behind jreject, served by real servers in test_servers.py.

``/`` streams its page in chunks that split ``</body>`` (``</bo`` + ``dy>``).
Policy: Internet Explorer 6 and older blocked, 7–8 warned with the modal.
"""

from __future__ import annotations

import asyncio

from jreject.middleware import JRejectASGI, JRejectWSGI
from jreject.middleware.lifespan import acknowledge_lifespan

CONFIG = {
    "policy": [
        {"reject": {"msie": 6}, "action": "block"},
        {"reject": {"msie": 8}, "action": "modal"},
    ],
    "middleware": {"explain": True},
}
CHUNKS = [
    b"<!doctype html><html><head><title>Shop</title></head><body><h1>Shop</h1>",
    b"</bo",
    b"dy></html>",
]
HEADERS = [("Content-Type", "text/html; charset=utf-8")]


def _wsgi_site(environ, start_response):
    start_response("200 OK", list(HEADERS))
    if environ["REQUEST_METHOD"] == "HEAD":
        return []
    return iter(CHUNKS)


async def _asgi_site(scope, receive, send):
    if scope["type"] == "lifespan":
        await acknowledge_lifespan(receive, send)
        return
    headers = [(k.lower().encode(), v.encode()) for k, v in HEADERS]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    for i, chunk in enumerate(CHUNKS):
        await asyncio.sleep(0)
        await send({"type": "http.response.body", "body": chunk, "more_body": i < len(CHUNKS) - 1})


wsgi = JRejectWSGI(_wsgi_site, config=CONFIG)
asgi = JRejectASGI(_asgi_site, config=CONFIG)
