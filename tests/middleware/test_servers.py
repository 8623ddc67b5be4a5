"""jreject behind real servers on loopback ephemeral ports: wsgiref, gunicorn, waitress, uvicorn.

Each server runs ``tests/middleware/serverapp.py`` with real detection, policy and
notice; httpx checks status, headers and that Content-Length matches the body.
"""

from __future__ import annotations

import os
import queue
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, make_server

import httpx
import pytest

HERE = Path(__file__).parent
BIN = Path(sys.executable).parent
IE6 = "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1; SV1)"
IE8 = "Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 6.1; Trident/4.0)"
CHROME = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36"
)
# What each server prints once it listens, with the port it got from the OS.
LISTENING = re.compile(rb"(?:Listening at:|Serving on|running on) http://127\.0\.0\.1:(\d+)")


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="module")
def wsgiref_server() -> Iterator[str]:
    from .serverapp import wsgi

    server = make_server("127.0.0.1", 0, wsgi, handler_class=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join(5)


def _spawn(command: list[str]) -> Iterator[str]:
    # The checkout's src first: an installed jreject (an editable install of another
    # clone) must not answer for the code under test.
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(HERE.parent.parent / "src"), str(HERE.parent)]),
    }
    process = subprocess.Popen(
        command, cwd=HERE.parent, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    lines: queue.Queue[bytes] = queue.Queue()

    def pump() -> None:
        # Read the log all along, so the server never blocks on a full pipe.
        assert process.stdout is not None
        for line in process.stdout:
            lines.put(line)
        lines.put(b"")

    pumping = threading.Thread(target=pump, daemon=True)
    pumping.start()
    output = b""
    port = None
    try:
        while port is None:
            try:
                line = lines.get(timeout=30)
            except queue.Empty:
                line = b""
            output += line
            if not line:
                pytest.fail(f"{command[0]} did not start:\n{output.decode(errors='replace')}")
            match = LISTENING.search(line)
            if match:
                port = int(match.group(1))
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        pumping.join(5)
        process.stdout.close()


SERVERS = {
    # No control socket: it lives at one fixed path in $HOME, shared by every gunicorn.
    "gunicorn": [
        str(BIN / "gunicorn"),
        "-b",
        "127.0.0.1:0",
        "-w",
        "1",
        "--no-control-socket",
        "middleware.serverapp:wsgi",
    ],
    "waitress": [str(BIN / "waitress-serve"), "--listen=127.0.0.1:0", "middleware.serverapp:wsgi"],
    "uvicorn": [
        str(BIN / "uvicorn"),
        "--host",
        "127.0.0.1",
        "--port",
        "0",
        "middleware.serverapp:asgi",
    ],
}


@pytest.fixture(scope="module", params=["wsgiref", "gunicorn", "waitress", "uvicorn"])
def base_url(request) -> Iterator[str]:
    if request.param == "wsgiref":
        yield request.getfixturevalue("wsgiref_server")
    else:
        yield from _spawn(SERVERS[request.param])


def get(base_url: str, ua: str, path: str = "/", method: str = "GET", **kwargs) -> httpx.Response:
    with httpx.Client(base_url=base_url, timeout=10) as client:
        return client.request(method, path, headers={"User-Agent": ua}, **kwargs)


def test_modal_is_injected_with_a_correct_content_length(base_url):
    response = get(base_url, IE8)
    assert response.status_code == 200
    body = response.content
    assert body.count(b'id="jreject"') == 1
    assert body.index(b'id="jreject"') < body.index(b"</body></html>")
    assert body.endswith(b"</body></html>")
    if "content-length" in response.headers:
        assert int(response.headers["content-length"]) == len(body)
    assert "Cookie" in response.headers["vary"]
    assert response.headers["jreject"] == 'modal; rule="msie<=8"'


def test_allowed_browser_gets_the_page_as_is(base_url):
    response = get(base_url, CHROME)
    assert b'id="jreject"' not in response.content
    assert response.content.endswith(b"<h1>Shop</h1></body></html>")
    assert response.headers["vary"].startswith("User-Agent, Sec-CH-UA")
    assert response.headers["jreject"] == "allow"


def test_block_page_and_its_head(base_url):
    response = get(base_url, IE6)
    assert response.status_code == 406
    assert response.headers["x-robots-tag"] == "noindex"
    assert response.headers["cache-control"] == "no-store"
    assert b"<html" in response.content.lower()
    head = get(base_url, IE6, method="HEAD")
    assert head.status_code == 406
    assert head.content == b""


def test_close_link_sets_the_cookie_and_the_modal_stays_closed(base_url):
    with httpx.Client(base_url=base_url, timeout=10, headers={"User-Agent": IE8}) as client:
        closed = client.get("/_jreject/close", params={"next": "/shop?x=1"})
        assert closed.status_code == 303
        assert closed.headers["location"] == "/shop?x=1"
        assert client.cookies.get("jreject_closed") == "1"
        assert b'id="jreject"' not in client.get("/").content
        off_site = client.get("/_jreject/close", params={"next": "//evil.example/"})
        assert off_site.headers["location"] == "/"


def test_the_scripts_close_request_gets_204_through_every_server(base_url):
    # jreject.js's background request: the cookie, and no redirect to the page again.
    headers = {"User-Agent": IE8, "X-Requested-With": "XMLHttpRequest"}
    with httpx.Client(base_url=base_url, timeout=10, headers=headers) as client:
        closed = client.get("/_jreject/close", params={"next": "/shop?x=1"})
        assert closed.status_code == 204
        assert closed.content == b""
        assert "location" not in closed.headers
        assert client.cookies.get("jreject_closed") == "1"
