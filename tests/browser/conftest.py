"""Real-browser fixtures: Debian's Chromium driven by Playwright, the demo on loopback.

pytest-playwright's fixtures are overridden so that Playwright launches the system
Chromium (it cannot download its own here) and the browser cannot reach anything
but 127.0.0.1. The demo runs under uvicorn (ASGI) for most tests and under waitress
(WSGI) once, each on an ephemeral loopback port in a thread, for the whole session.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest

from jreject.demo.visitors import Visitor, find_visitor

CHROMIUM = os.environ.get("CHROMIUM_PATH") or "/usr/lib/chromium/chromium"
# Map every host name to "not found" except loopback, so Chromium's own background
# requests (accounts, updates) fail inside the browser without a DNS query.
CHROMIUM_ARGS = ["--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"
VIEWPORT = {"width": 1024, "height": 720}
STARTUP_TIMEOUT = 10.0


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not os.access(CHROMIUM, os.X_OK):
        pytest.skip(
            f"browser tests need Chromium at {CHROMIUM}: run scripts/test (it installs it "
            "with apt-get) or `apt-get install chromium`, or set CHROMIUM_PATH"
        )
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


def _serve_uvicorn(app):
    import uvicorn

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.01)

    def stop():
        server.should_exit = True
        thread.join(5)
        sock.close()

    return f"http://127.0.0.1:{sock.getsockname()[1]}", stop


def _serve_waitress(app):
    from waitress import create_server

    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()

    def stop():
        server.close()
        thread.join(5)

    return f"http://127.0.0.1:{server.effective_port}", stop


@pytest.fixture(scope="session")
def demo_server():
    """The demo (tiered policy) as ASGI under uvicorn: its base URL."""
    from jreject.demo import create_asgi_app

    url, stop = _serve_uvicorn(create_asgi_app())
    yield url
    stop()


@pytest.fixture(scope="session")
def wsgi_server():
    """The same demo as WSGI under waitress: its base URL."""
    from jreject.demo import create_wsgi_app

    url, stop = _serve_waitress(create_wsgi_app())
    yield url
    stop()


@pytest.fixture(scope="session")
def base_url(demo_server):
    # Replaces pytest-playwright's base_url, whose instance-method fixture raises a
    # PytestRemovedIn10Warning under pytest 9, and makes page.goto("/") hit the demo.
    return demo_server


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where screenshots go (test-artifacts/ is git-ignored): look at them."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


def visitor(key: str) -> Visitor:
    found = find_visitor(key)
    if found is None:
        raise LookupError(f"no sample visitor {key!r}")
    return found


@pytest.fixture
def open_as(new_context):
    """Open a page whose browser *is* the sample visitor: UA and client hints overridden.

    The override goes through the DevTools protocol so every ``Sec-CH-UA*`` header and
    ``navigator.userAgentData`` agree with the User-Agent; a visitor without client
    hints (Firefox, Safari, IE) gets none at all, as that browser would send.
    """

    def open_page(key: str, *, javascript: bool = True, **context_args):
        context_args = {"viewport": VIEWPORT, **context_args}
        context = new_context(java_script_enabled=javascript, **context_args)
        page = context.new_page()
        who = visitor(key)
        override = {"userAgent": who.user_agent}
        metadata = who.ua_metadata()
        if metadata is not None:
            override["userAgentMetadata"] = metadata
        context.new_cdp_session(page).send("Network.setUserAgentOverride", override)
        return page

    return open_page
