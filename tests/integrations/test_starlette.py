"""jreject.starlette with Starlette and FastAPI: middleware, dependency, lifespan."""

from __future__ import annotations

import contextlib
import logging
from typing import Annotated

import httpx
import pytest
from asyncrun import run as run_async
from fastapi import Depends, FastAPI
from starlette.applications import Starlette
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

from jreject.data import load
from jreject.health import HealthError
from jreject.middleware.asgi import JRejectASGI
from jreject.policy.base import Verdict
from jreject.starlette import (
    VARY,
    BrowserRejected,
    JRejectMiddleware,
    asgi_report,
    block_page_handler,
    jreject_lifespan,
    middleware_chain,
    supported_browser,
    verdict_of,
)

IE6 = "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1; SV1)"
# Current Chrome: the default policy judges how far behind a browser is.
LATEST_CHROME = max(int(v.version) for v in load().agents["chrome"].released_versions)
CHROME = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
    f"(KHTML, like Gecko) Chrome/{LATEST_CHROME}.0.0.0 Safari/537.36"
)
NOTICE = b'id="jreject"'
PAGE = "<!doctype html><html><body><h1>Shop</h1></body></html>"
CONFIG = {"policy": {"reject": {"msie": 8}}}


def fetch(app, path, user_agent=IE6, method="GET", **headers):
    async def run():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            headers["User-Agent"] = user_agent
            return await client.request(method, path, headers=headers)

    return run_async(run())


def fastapi_app():
    app = FastAPI()
    app.add_middleware(JRejectMiddleware, config=CONFIG)

    @app.get("/", response_class=HTMLResponse)
    def index(request: Request):
        return f"<html><body>{request.state.jreject.action}</body></html>"

    @app.get("/api/cart")
    def cart(verdict: Annotated[Verdict, Depends(supported_browser(minimum={"preset": "modern"}))]):
        return {"allowed": verdict.allowed}

    @app.get("/api/soft")
    def soft(
        verdict: Annotated[Verdict, Depends(supported_browser(reject={"msie": True}, block=False))],
    ):
        return {"allowed": verdict.allowed, "rule": verdict.rule}

    @app.get("/api/site")
    def site(verdict: Annotated[Verdict, Depends(supported_browser())]):
        return {"action": verdict.action}

    return app


def test_request_state_holds_the_verdict_and_the_page_gets_the_notice():
    response = fetch(fastapi_app(), "/")
    assert b"<body>modal" in response.content
    assert NOTICE in response.content


def test_dependency_answers_406_with_the_reason():
    response = fetch(fastapi_app(), "/api/cart")
    assert response.status_code == 406
    assert "Internet Explorer" in response.json()["detail"]
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["vary"] == VARY
    assert "Sec-CH-UA-Full-Version-List" in VARY


def test_dependency_returns_the_verdict_for_allowed_visitors():
    response = fetch(fastapi_app(), "/api/cart", CHROME)
    assert response.json() == {"allowed": True}


@pytest.mark.parametrize(
    ("path", "user_agent"),
    [("/api/cart", CHROME), ("/api/site", CHROME), ("/api/soft", CHROME), ("/api/soft", IE6)],
)
def test_dependency_answer_varies_on_the_headers_it_judged(path, user_agent):
    # Allowed or refused depends on these headers: a shared cache must not hand one
    # visitor's 200 to another, whose answer would be a 406 (or, with block=False, the
    # route's answer for a rejected browser).
    response = fetch(fastapi_app(), path, user_agent)
    assert response.status_code == 200
    assert response.headers["vary"] == VARY


def varies_on_language(response: Response):
    # Module-level: FastAPI resolves a route's string annotations in the module's globals.
    response.headers["Vary"] = "Accept-Language"


def test_dependency_merges_its_vary_with_the_routes_own():
    app = FastAPI()

    @app.get("/")
    def index(
        _: Annotated[None, Depends(varies_on_language)],
        verdict: Annotated[Verdict, Depends(supported_browser(reject={"msie": True}))],
        again: Annotated[Verdict, Depends(supported_browser(reject={"msie": 8}))],
    ):
        return {}

    assert fetch(app, "/", CHROME).headers["vary"] == f"Accept-Language, {VARY}"


def test_dependency_can_hand_the_verdict_to_the_route():
    response = fetch(fastapi_app(), "/api/soft")
    assert response.status_code == 200
    assert response.json()["allowed"] is False


def test_dependency_without_policy_uses_the_middlewares_verdict():
    # The site's policy (msie ≤ 8, modal) rejects IE 6; the dependency refuses it.
    assert fetch(fastapi_app(), "/api/site").status_code == 406
    assert fetch(fastapi_app(), "/api/site", CHROME).json() == {"action": "allow"}


@pytest.mark.parametrize(
    "middleware", [{"exclude": ["/api/"]}, {"cache_friendly": True}], ids=["exclude", "cache"]
)
def test_dependency_on_a_path_the_middleware_leaves_alone_uses_its_policy(middleware):
    # The site's policy warns IE 10 and older only: IE 11 passes, here as on every path.
    ie11 = "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko"
    app = FastAPI()
    app.add_middleware(
        JRejectMiddleware, config={"policy": {"reject": {"msie": 10}}, "middleware": middleware}
    )

    @app.get("/api/site")
    def site(verdict: Annotated[Verdict, Depends(supported_browser())]):
        return {"action": verdict.action}

    assert fetch(app, "/api/site", ie11).json() == {"action": "allow"}
    assert fetch(app, "/api/site").status_code == 406  # IE 6, by the site's policy


def test_dependency_in_a_mounted_app_uses_the_policy_of_the_middleware_around_it():
    # The site's policy rejects Chrome; the recommended one (no middleware) would not.
    app = FastAPI()
    app.add_middleware(
        JRejectMiddleware,
        config={"policy": {"reject": {"chrome": True}}, "middleware": {"exclude": ["/api"]}},
    )
    sub = FastAPI()

    @sub.get("/site")
    def site(verdict: Annotated[Verdict, Depends(supported_browser(block=False))]):
        return {"rule": verdict.rule}

    app.mount("/api/sub", sub)
    app.mount("/shop", sub)
    assert fetch(app, "/api/sub/site", CHROME).json() == {"rule": "chrome"}  # excluded
    assert fetch(app, "/shop/site", CHROME).json() == {"rule": "chrome"}


def test_dependency_without_middleware_uses_the_default_policy():
    app = FastAPI()

    @app.get("/")
    def index(verdict: Annotated[Verdict, Depends(supported_browser())]):
        return {"ok": verdict.allowed}

    assert fetch(app, "/").status_code == 406
    assert fetch(app, "/", CHROME).json() == {"ok": True}


def test_bots_are_never_refused():
    googlebot = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
    assert fetch(fastapi_app(), "/api/cart", googlebot).status_code == 200


def test_block_page_handler_answers_with_the_html_406_page():
    async def strict(request):
        verdict = await supported_browser(reject={"msie": True})(request)
        return PlainTextResponse(verdict.action)

    app = Starlette(routes=[Route("/", strict)])
    app.add_exception_handler(BrowserRejected, block_page_handler())
    response = fetch(app, "/")
    assert response.status_code == 406
    assert response.headers["content-type"].startswith("text/html")
    assert NOTICE in response.content
    assert response.headers["x-robots-tag"] == "noindex"
    # HEAD announces GET's length; an API client never gets the HTML page.
    head = fetch(app, "/", method="HEAD")
    assert head.headers["content-length"] == str(len(response.content))
    api = fetch(app, "/", Accept="application/json")
    assert api.status_code == 406
    assert api.headers["content-type"].startswith("text/plain")


@pytest.mark.parametrize(
    "fragment",
    [
        {"HX-Request": "true"},
        {"Sec-Fetch-Dest": "empty", "Accept": "*/*"},
        {"X-Requested-With": "XMLHttpRequest"},
        {"Sec-Fetch-Dest": "iframe"},
    ],
)
def test_block_page_handler_never_sends_the_html_page_to_a_fragment_request(fragment):
    # An htmx swap or a fetch would put a whole HTML page inside the visitor's page.
    async def strict(request):
        verdict = await supported_browser(reject={"msie": True})(request)
        return PlainTextResponse(verdict.action)

    app = Starlette(routes=[Route("/", strict)])
    app.add_exception_handler(BrowserRejected, block_page_handler())
    response = fetch(app, "/", **fragment)
    assert response.status_code == 406
    assert response.headers["content-type"].startswith("text/plain")
    assert "HX-Request" in response.headers["vary"]


def nonce_app(nonce):
    async def strict(request):
        request.state.csp_nonce = "r4nd0m"  # as a CSP middleware outside it would
        verdict = await supported_browser(reject={"msie": True})(request)
        return PlainTextResponse(verdict.action)

    app = Starlette(routes=[Route("/", strict)])
    app.add_exception_handler(BrowserRejected, block_page_handler(nonce=nonce))
    return app


@pytest.mark.parametrize(
    "nonce",
    ["csp_nonce", lambda scope: scope["state"]["csp_nonce"]],
    ids=["state key", "function"],
)
def test_block_page_handler_puts_the_apps_csp_nonce_on_its_inline_style(nonce):
    # Without it a strict CSP blocks the page's only stylesheet.
    response = fetch(nonce_app(nonce), "/")
    assert response.status_code == 406
    assert '<style nonce="r4nd0m">' in response.text


def test_block_page_handler_without_a_nonce_in_the_request_renders_none():
    response = fetch(nonce_app("no_such_key"), "/")
    assert "<style>" in response.text


def test_block_page_handler_nonce_is_validated_as_the_middlewares():
    with pytest.raises(ValueError, match="'nonce'"):
        block_page_handler(nonce=42)


def test_block_page_handler_speaks_the_visitors_language():
    async def strict(request):
        verdict = await supported_browser(reject={"msie": True})(request)
        return PlainTextResponse(verdict.action)

    app = Starlette(routes=[Route("/", strict)])
    app.add_exception_handler(BrowserRejected, block_page_handler())
    response = fetch(app, "/", **{"Accept-Language": "he-IL,he;q=0.9"})
    assert response.status_code == 406
    assert '<html lang="he" dir="rtl"' in response.text
    assert "Accept-Language" in response.headers["vary"]


def test_plain_starlette_app_with_gzip_outside():
    async def index(request):
        assert isinstance(verdict_of(request), Verdict)
        return HTMLResponse(PAGE * 20)

    app = Starlette(routes=[Route("/", index)])
    app.add_middleware(JRejectMiddleware, config=CONFIG)
    app.add_middleware(GZipMiddleware, minimum_size=10)
    response = fetch(app, "/", **{"Accept-Encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip"
    assert NOTICE in response.content  # httpx decompressed it


def test_verdict_of_is_none_without_the_middleware():
    seen = []

    async def index(request):
        seen.append(verdict_of(request))
        return PlainTextResponse("ok")

    fetch(Starlette(routes=[Route("/", index)]), "/")
    assert seen == [None]


def run_lifespan(app, sent=None):
    """Drive the ASGI lifespan protocol: startup then shutdown; returns the messages sent."""
    sent = [] if sent is None else sent
    incoming = [{"type": "lifespan.startup"}, {"type": "lifespan.shutdown"}]

    async def receive():
        return incoming.pop(0)

    async def send(message):
        sent.append(message)

    run_async(app({"type": "lifespan", "asgi": {"version": "3.0"}, "state": {}}, receive, send))
    return [m["type"] for m in sent], sent


def test_lifespan_logs_problems_at_startup(caplog):
    caplog.set_level(logging.WARNING, logger="jreject")
    app = FastAPI(lifespan=jreject_lifespan(config={"policy": {"reject": {"msiee": 8}}}))
    types, _ = run_lifespan(app)
    assert types == ["lifespan.startup.complete", "lifespan.shutdown.complete"]
    assert any("jreject.E001" in r.getMessage() for r in caplog.records)


def test_lifespan_raises_when_told_to():
    app = FastAPI(
        lifespan=jreject_lifespan(config={"policy": {"reject": {"msiee": 8}}}, raise_on_error=True)
    )
    sent = []
    # Starlette reports the failure to the server, then re-raises it.
    with pytest.raises(HealthError):
        run_lifespan(app, sent)
    assert sent[0]["type"] == "lifespan.startup.failed"
    assert "msiee" in sent[0]["message"]


def test_lifespan_wraps_the_apps_own_lifespan(caplog):
    events = []

    @contextlib.asynccontextmanager
    async def mine(app):
        events.append("start")
        yield {"db": "ready"}
        events.append("stop")

    app = Starlette(lifespan=jreject_lifespan(mine, config=CONFIG))
    types, _ = run_lifespan(app)
    assert types == ["lifespan.startup.complete", "lifespan.shutdown.complete"]
    assert events == ["start", "stop"]


def test_lifespan_health_error_type():
    async def enter():
        async with jreject_lifespan(config={"polcy": []}, raise_on_error=True)(None):
            pass  # pragma: no cover - never entered

    with pytest.raises(HealthError, match=r"jreject\.E001"):
        run_async(enter())


def test_middleware_chain_and_report_see_gzip_order():
    good = FastAPI()
    good.add_middleware(JRejectMiddleware, config=CONFIG)
    good.add_middleware(GZipMiddleware)
    assert [name for name, _ in middleware_chain(good)] == ["GZipMiddleware", "JRejectMiddleware"]
    assert asgi_report(good, install=False).warnings == ()

    bad = FastAPI()
    bad.add_middleware(GZipMiddleware)
    bad.add_middleware(JRejectMiddleware, config=CONFIG)
    assert [c.id for c in asgi_report(bad, install=False).warnings] == ["jreject.W003"]


def test_report_for_a_wrapped_plain_asgi_app():
    async def app(scope, receive, send):  # pragma: no cover - never called
        pass

    assert asgi_report(JRejectASGI(app), install=False).healthy
    assert [c.id for c in asgi_report(FastAPI(), install=False).warnings] == ["jreject.W004"]


def test_report_names_the_bad_key_of_the_middleware_config():
    app = FastAPI()
    app.add_middleware(JRejectMiddleware, config={"policy": {"reject": {"msiee": 8}}})
    (error,) = asgi_report(app, install=False).errors
    assert error.id == "jreject.E001"
    assert "msiee" in error.message


def serve_with_uvicorn(app, **settings):
    """Run ``app`` under a real uvicorn on a loopback port, stopped as soon as it is up;
    returns uvicorn's exit code (``None``: it started) and what it logged."""
    import asyncio

    import uvicorn

    records = []

    class Keep(logging.Handler):
        def emit(self, record):
            records.append(record.getMessage())

    keep = Keep()
    logging.getLogger("uvicorn.error").addHandler(keep)
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=0, log_config=None, **settings)
    )

    async def stop_once_up():
        for _ in range(1000):
            if server.started:
                break
            await asyncio.sleep(0.01)
        server.should_exit = True

    async def run():
        stopper = asyncio.ensure_future(stop_once_up())
        try:
            await server.serve()
        except SystemExit as failed:
            return failed.code
        finally:
            stopper.cancel()
        return None

    try:
        return run_async(run()), records
    finally:
        logging.getLogger("uvicorn.error").removeHandler(keep)


def broken_fastapi_app(**options):
    app = FastAPI()
    app.add_middleware(JRejectMiddleware, config={"polcy": []}, **options)

    @app.get("/")
    def index():
        return "ok"

    return app


def test_raise_on_error_fails_startup_under_uvicorns_default_lifespan():
    # uvicorn's default is --lifespan auto, where an exception before the startup answer
    # only means "lifespan unsupported": the site would start and answer 500 to everyone.
    from uvicorn.config import STARTUP_FAILURE

    code, logged = serve_with_uvicorn(broken_fastapi_app(raise_on_error=True))
    assert code == STARTUP_FAILURE
    assert "Application startup failed. Exiting." in logged
    assert any("'polcy'" in line and "did you mean 'policy'" in line for line in logged)


def test_raise_on_error_fails_startup_when_the_server_drives_the_lifespan():
    sent = []
    with pytest.raises(ValueError, match="polcy"):
        run_lifespan(broken_fastapi_app(raise_on_error=True), sent)
    assert [m["type"] for m in sent] == ["lifespan.startup.failed"]
    assert "polcy" in sent[0]["message"]


def test_raise_on_error_without_a_lifespan_raises_on_every_request():
    # The server turns it into a 500 and logs it: no page is ever served unchecked.
    app = broken_fastapi_app(raise_on_error=True)
    for _ in range(2):
        with pytest.raises(ValueError, match="polcy"):
            fetch(app, "/")


def test_a_broken_middleware_still_serves_the_site_without_raise_on_error():
    app = broken_fastapi_app()
    types, _ = run_lifespan(app)
    assert types == ["lifespan.startup.complete", "lifespan.shutdown.complete"]
    assert fetch(app, "/").json() == "ok"


def test_report_names_a_mistyped_middleware_option():
    # The middleware logs "disabled, run jreject doctor": doctor must then say why.
    app = FastAPI()
    app.add_middleware(JRejectMiddleware, config=CONFIG, exlude=["/api"])
    (error,) = asgi_report(app, install=False).errors
    assert error.id == "jreject.E006"
    assert "'exlude'" in error.message
    assert "(did you mean 'exclude'?)" in error.message


def test_report_checks_options_over_a_loaded_config():
    from jreject.config import config_from_dict

    app = FastAPI()
    config = config_from_dict({"middleware": {"cookie_name": "seen"}})
    app.add_middleware(JRejectMiddleware, config=config, continue_cookie_name="seen")
    assert [c.id for c in asgi_report(app, install=False).errors] == ["jreject.E006"]
    app = FastAPI()
    app.add_middleware(JRejectMiddleware, config=CONFIG, explain=True, raise_on_error=False)
    assert asgi_report(app, install=False).healthy
