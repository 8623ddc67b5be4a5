"""ASGI details of JRejectASGI beyond the shared suite."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from jreject.middleware import JRejectASGI
from jreject.middleware.asgi import VERDICTS_KEY

from .conftest import FRAGMENT, FakeNotice, FakeVerdicts


def make(app, **options):
    return JRejectASGI(app, verdicts=FakeVerdicts(), notice=FakeNotice(), **options)


def http_scope(ua="modal", path="/"):
    return {
        "type": "http",
        "method": "GET",
        "path": path,
        "root_path": "",
        "query_string": b"",
        "headers": [(b"user-agent", ua.encode())],
        "scheme": "http",
    }


@pytest.mark.parametrize("kind", ["websocket", "lifespan"])
def test_non_http_scopes_pass_straight_through(kind):
    seen = []

    async def app(scope, receive, send):
        seen.append((scope, receive, send))

    async def receive():
        return {}

    async def send(message):
        pass

    scope = {"type": kind, "headers": [(b"user-agent", b"block")]}
    middleware = make(app)
    asyncio.run(middleware(scope, receive, send))
    assert seen == [(scope, receive, send)]
    assert "state" not in scope
    assert middleware.counters["requests"] == 0


@pytest.mark.parametrize("path", ["/", "/api/cart"], ids=["checked", "excluded"])
def test_the_scope_names_the_verdict_source_even_on_a_path_left_alone(path):
    # A route's own check (jreject.starlette.supported_browser) in a mounted app cannot
    # find this middleware any other way: the mount puts its own app in scope["app"].
    seen = []

    async def app(scope, receive, send):
        seen.append(scope.get(VERDICTS_KEY))

    verdicts = FakeVerdicts()
    middleware = JRejectASGI(app, verdicts=verdicts, notice=FakeNotice(), exclude=["/api"])
    asyncio.run(middleware(http_scope("modern", path), None, None))
    assert seen == [verdicts]


def test_start_waits_for_the_first_body_then_the_stream_flows():
    log = []
    second_chunk = asyncio.Event()

    async def app(scope, receive, send):
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"content-type", b"text/html")],
            }
        )
        log.append("app sent start")
        await send({"type": "http.response.body", "body": b"<body>one", "more_body": True})
        await second_chunk.wait()
        await send({"type": "http.response.body", "body": b"</body>", "more_body": False})

    async def send(message):
        log.append(message["type"] + ":" + repr(message.get("body", b"")))
        if message.get("body") == b"<body>one":
            second_chunk.set()

    async def receive():
        return {"type": "http.request"}

    asyncio.run(make(app)(http_scope(), receive, send))
    assert log == [
        "app sent start",
        "http.response.start:b''",
        "http.response.body:b'<body>one'",
        # The chunk with the end tag goes out as one message, the notice inside.
        "http.response.body:" + repr(FRAGMENT + b"</body>"),
    ]


def test_pathsend_gets_the_apps_own_start_message():
    sent = []

    async def app(scope, receive, send):
        start = {
            "type": "http.response.start",
            "status": 200,
            "headers": [(b"content-type", b"text/html"), (b"content-length", b"10")],
        }
        await send(start)
        await send({"type": "http.response.pathsend", "path": "/tmp/page.html"})

    async def send(message):
        sent.append(message)

    asyncio.run(make(app)(http_scope(), None, send))
    assert [m["type"] for m in sent] == ["http.response.start", "http.response.pathsend"]
    assert (b"content-length", b"10") in sent[0]["headers"]
    # A page, unmodified, but its Vary says a browser that gets the notice must not share it,
    # and it is this visitor's: a 304 for an allowed one must not refresh a shared copy.
    headers = dict(sent[0]["headers"])
    assert headers[b"vary"].startswith(b"User-Agent, Sec-CH-UA")
    assert headers[b"cache-control"].startswith(b"private")


def _file_app(seen):
    """An app sending its page as Starlette's FileResponse does: by path when the server
    offers pathsend, else as bytes."""

    async def app(scope, receive, send):
        seen.append(scope.get("extensions", {}))
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"content-type", b"text/html")],
            }
        )
        if "http.response.pathsend" in scope.get("extensions", {}):
            await send({"type": "http.response.pathsend", "path": "/tmp/page.html"})
        else:
            await send({"type": "http.response.body", "body": b"<body>page</body>"})

    return app


@pytest.mark.parametrize("ua", ["modal", "allow"])
def test_pathsend_is_offered_to_the_app_only_when_nothing_is_spliced(ua):
    seen, sent = [], []

    async def send(message):
        sent.append(message)

    scope = {**http_scope(ua), "extensions": {"http.response.pathsend": {}, "x": {}}}
    asyncio.run(make(_file_app(seen))(scope, None, send))
    assert scope["extensions"] == {"http.response.pathsend": {}, "x": {}}  # the server's own
    if ua == "modal":
        assert seen == [{"x": {}}]
        assert sent[-1]["body"] == b"<body>page" + FRAGMENT + b"</body>"
    else:
        assert seen == [scope["extensions"]]
        assert sent[-1]["type"] == "http.response.pathsend"


@pytest.mark.parametrize(
    "bodies",
    [
        [b"<body>page</body>"],
        [b"", b"<body>page", b"</body>"],
    ],
)
def test_a_head_with_the_apps_body_goes_out_as_get_would(bodies):
    # What wraps jreject (compression) must see GET's bytes to announce GET's length.
    async def run(method):
        sent = []

        async def app(scope, receive, send):
            await send(
                {
                    "type": "http.response.start",
                    "status": 200,
                    "headers": [(b"content-type", b"text/html")],
                }
            )
            for i, body in enumerate(bodies):
                await send(
                    {"type": "http.response.body", "body": body, "more_body": i < len(bodies) - 1}
                )

        async def send(message):
            sent.append(message)

        await make(app)({**http_scope(), "method": method}, None, send)
        return sent

    get, head = asyncio.run(run("GET")), asyncio.run(run("HEAD"))
    assert b"".join(m.get("body", b"") for m in head) == b"<body>page" + FRAGMENT + b"</body>"
    assert head == get


def test_a_head_without_a_body_announces_gets_length_and_sends_none():
    sent = []

    async def app(scope, receive, send):
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"content-type", b"text/html"), (b"content-length", b"17")],
            }
        )
        await send({"type": "http.response.body", "body": b"", "more_body": True})
        await send({"type": "http.response.body", "body": b""})

    async def send(message):
        sent.append(message)

    asyncio.run(make(app)({**http_scope(), "method": "HEAD"}, None, send))
    assert dict(sent[0]["headers"])[b"content-length"] == str(17 + len(FRAGMENT)).encode()
    assert [m.get("body", b"") for m in sent[1:]] == [b""]


def test_a_spliced_body_with_trailers_to_come_announces_no_length():
    sent = []

    async def app(scope, receive, send):
        start = {
            "type": "http.response.start",
            "status": 200,
            "headers": [(b"content-type", b"text/html")],
            "trailers": True,
        }
        await send(start)
        await send({"type": "http.response.body", "body": b"<body></body>"})
        await send({"type": "http.response.trailers", "headers": [(b"x-checksum", b"1")]})

    async def send(message):
        sent.append(message)

    asyncio.run(make(app)(http_scope(), None, send))
    assert [m["type"] for m in sent] == [
        "http.response.start",
        "http.response.body",
        "http.response.trailers",
    ]
    # h11 refuses a Content-Length with trailers: the body goes chunked.
    assert b"content-length" not in dict(sent[0]["headers"])
    assert sent[1]["body"] == b"<body>" + FRAGMENT + b"</body>"


def test_concurrent_requests_do_not_share_state():
    async def app(scope, receive, send):
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"content-type", b"text/html")],
            }
        )
        await asyncio.sleep(0)
        await send({"type": "http.response.body", "body": b"<body>", "more_body": True})
        await asyncio.sleep(0)
        await send({"type": "http.response.body", "body": b"</body>"})

    middleware = make(app)

    async def one(ua):
        bodies = []

        async def send(message):
            if message["type"] == "http.response.body":
                bodies.append(message["body"])

        await middleware(http_scope(ua), None, send)
        return b"".join(bodies)

    async def main():
        return await asyncio.gather(*(one(ua) for ua in ["modal", "modern"] * 20))

    results = asyncio.run(main())
    assert results[0::2] == [b"<body>" + FRAGMENT + b"</body>"] * 20
    assert results[1::2] == [b"<body></body>"] * 20


def test_starlette_add_middleware_and_request_state():
    from starlette.applications import Starlette
    from starlette.responses import HTMLResponse
    from starlette.routing import Route

    from jreject.starlette import JRejectMiddleware

    async def home(request):
        verdict = request.state.jreject
        return HTMLResponse(f"<html><body>{verdict.action}</body></html>")

    app = Starlette(routes=[Route("/", home)])
    app.add_middleware(
        JRejectMiddleware, verdicts=FakeVerdicts(), notice=FakeNotice(), explain=True
    )

    async def main():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            modal = await client.get("/", headers={"User-Agent": "modal"})
            closed = await client.get(
                "/_jreject/close", params={"next": "/"}, headers={"User-Agent": "modal"}
            )
            again = await client.get("/", headers={"User-Agent": "modal"})
        return modal, closed, again

    modal, closed, again = asyncio.run(main())
    assert modal.text == "<html><body>modal" + FRAGMENT.decode() + "</body></html>"
    # The body came whole in one message: its spliced length is known, and announced.
    assert modal.headers["content-length"] == str(len(modal.content))
    assert modal.headers["jreject"] == 'modal; rule="safari<17.2"'
    assert closed.status_code == 303
    assert again.text == "<html><body>modal</body></html>"  # the client kept the cookie


_NAMES = [b"content-type", b"Content-Type", b"vary", b"Vary", b"VARY", b"x-a", b"X-B", b"\xc0x"]
_VALUES = [b"text/html", b"text/html; charset=utf-8", b"Accept-Encoding", b" cookie , ", b"*", b""]


@given(st.lists(st.tuples(st.sampled_from(_NAMES), st.sampled_from(_VALUES)), max_size=8))
@settings(max_examples=300, deadline=None)
def test_an_allowed_page_with_a_vary_of_its_own_gets_the_text_paths_bytes(raw):
    # _allowed_start merges Vary on bytes; the text path (decode, Engine.allowed_headers,
    # encode) is the specification it must give the same bytes as. (A page without one
    # keeps its header bytes as they are and only gains jreject's.)
    assume(any(name.lower() == b"vary" for name, _ in raw))
    from jreject.middleware.asgi import _allowed_start
    from jreject.middleware.http import asgi_headers, text_headers

    middleware = JRejectASGI(lambda scope, receive, send: None, verdicts=FakeVerdicts())
    built = middleware._built
    verdict = FakeVerdicts().from_scope({"headers": []})
    message = {"type": "http.response.start", "status": 200, "headers": list(raw)}
    headers = _allowed_start(built, verdict, {"headers": []}, message)
    text = text_headers(raw)
    expected = built.engine.allowed_headers(200, text, False, verdict)
    assert (list(raw) if headers is None else headers) == (
        list(raw) if expected is text else asgi_headers(expected)
    )
    assert message["headers"] == list(raw)  # the app's own message is never edited


def test_an_app_that_sends_the_same_start_message_again_gets_it_back_unchanged():
    start = {
        "type": "http.response.start",
        "status": 200,
        "headers": [(b"content-type", b"text/html")],
    }
    sent = []

    async def app(scope, receive, send):
        await send(start)
        await send({"type": "http.response.body", "body": b"<body></body>"})

    async def send(message):
        sent.append(message)

    middleware = JRejectASGI(app, verdicts=FakeVerdicts(), explain=True)
    for _ in range(3):
        asyncio.run(middleware(http_scope("allow"), None, send))
    assert start["headers"] == [(b"content-type", b"text/html")]
    assert [len(m["headers"]) for m in sent if m["type"] == "http.response.start"] == [
        len(sent[0]["headers"])
    ] * 3
