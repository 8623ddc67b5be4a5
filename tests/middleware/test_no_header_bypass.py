"""No request header lets a client switch jreject's decision off (issue 9 §10).

Next.js trusted ``x-middleware-subrequest`` to mean "an internal call: skip the
middleware" and any client could send it (CVE-2025-29927). jreject reads, from a
request: the detection headers (``User-Agent`` and ``Sec-CH-UA*``, which only ever
*describe* the client), ``Cookie`` (the documented "dismiss" and "continue anyway"
cookies) and what the request asks for (``Accept`` and friends: whether a page is
involved at all). Nothing else can change what a visitor is served: a visitor of an
old browser still gets the notice whatever other headers come along.
"""

from __future__ import annotations

import asyncio

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jreject.middleware import JRejectASGI, JRejectWSGI

IE11 = "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko"
CONFIG = {"policy": [{"reject": {"ie": True}, "action": "modal"}]}
PAGE = b"<!doctype html><html><head><title>Shop</title></head><body><p>Hi</p></body></html>"
MARK = b'id="jreject"'

# Headers a client could hope some middleware treats as "internal, trusted, skip".
SUSPECT_HEADERS: list[tuple[str, str]] = [
    ("x-middleware-subrequest", "middleware:middleware:middleware:middleware:middleware"),
    ("x-middleware-subrequest", "src/middleware"),
    ("x-jreject", "0"),
    ("x-jreject-skip", "1"),
    ("x-jreject-bypass", "1"),
    ("x-jreject-allow", "true"),
    ("x-bypass", "1"),
    ("x-skip-middleware", "1"),
    ("x-internal", "1"),
    ("x-forwarded-for", "127.0.0.1"),
    ("x-real-ip", "127.0.0.1"),
    ("x-forwarded-host", "localhost"),
    ("x-original-url", "/static/app.css"),
    ("x-rewrite-url", "/static/app.css"),
    ("x-http-method-override", "HEAD"),
    ("x-prerender", "1"),
    ("purpose", "preview"),
    ("dnt", "1"),
    ("sec-gpc", "1"),
    ("save-data", "on"),
    ("cache-control", "no-cache"),
    ("authorization", "Bearer x"),
    ("from", "googlebot(at)googlebot.com"),
]
# What the request asks for (whether a page is involved: issue 9 §9), the cookies
# of the documented flows, and the detection headers themselves.
DESCRIBES_THE_REQUEST = {
    "accept",
    "cookie",
    "user-agent",
    "sec-fetch-dest",
    "sec-fetch-mode",
    "sec-fetch-site",
    "sec-fetch-user",
    "hx-request",
    "hx-boosted",
    "x-requested-with",
    "range",
    "if-none-match",
    "if-modified-since",
    "content-length",
    "content-type",
    "host",
    "connection",
    "transfer-encoding",
}


def wsgi_body(extra: list[tuple[str, str]]) -> bytes:
    def app(environ, start_response):
        start_response(
            "200 OK", [("Content-Type", "text/html"), ("Content-Length", str(len(PAGE)))]
        )
        return [PAGE]

    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": "/",
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "wsgi.url_scheme": "http",
        "HTTP_USER_AGENT": IE11,
        "HTTP_ACCEPT": "text/html",
    }
    for name, value in extra:
        key = "HTTP_" + name.upper().replace("-", "_")
        environ[key] = f"{environ[key]}, {value}" if key in environ else value
    result = JRejectWSGI(app, config=CONFIG)(environ, lambda status, headers, exc_info=None: None)
    try:
        return b"".join(result)
    finally:
        close = getattr(result, "close", None)
        if close is not None:
            close()


def asgi_body(extra: list[tuple[str, str]]) -> bytes:
    async def app(scope, receive, send):
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"content-type", b"text/html")],
            }
        )
        await send({"type": "http.response.body", "body": PAGE})

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": "/",
        "raw_path": b"/",
        "root_path": "",
        "query_string": b"",
        "headers": [(b"user-agent", IE11.encode()), (b"accept", b"text/html")]
        + [(name.encode("latin-1"), value.encode("latin-1")) for name, value in extra],
        "server": ("testserver", 80),
        "client": ("127.0.0.1", 1234),
    }
    body = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        if message["type"] == "http.response.body":
            body.append(message.get("body", b""))

    async def go():
        await JRejectASGI(app, config=CONFIG)(scope, receive, send)

    asyncio.run(go())
    return b"".join(body)


BODIES = {"wsgi": wsgi_body, "asgi": asgi_body}


@pytest.mark.parametrize("kind", BODIES)
def test_the_old_browser_gets_the_notice_without_extra_headers(kind):
    assert MARK in BODIES[kind]([])


@pytest.mark.parametrize("kind", BODIES)
@pytest.mark.parametrize(("name", "value"), SUSPECT_HEADERS)
def test_no_suspect_header_skips_the_decision(kind, name, value):
    assert MARK in BODIES[kind]([(name, value)]), name


@pytest.mark.parametrize("kind", BODIES)
def test_all_suspect_headers_at_once_skip_nothing(kind):
    assert MARK in BODIES[kind](SUSPECT_HEADERS)


_NAME = st.text("abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=24).filter(
    lambda name: name not in DESCRIBES_THE_REQUEST and not name.startswith("sec-ch-ua")
)
_VALUE = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=40)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_NAME, _VALUE), max_size=4), st.sampled_from(sorted(BODIES)))
def test_any_other_header_skips_nothing(extra, kind):
    assert MARK in BODIES[kind](extra)
