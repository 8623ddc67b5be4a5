"""Cache-friendly mode behind a real caching nginx (docs/caching.md), seen by Chromium.

One page is cached once, by a current browser's visit, and then served from the cache
to an old browser, byte for byte: the current browser sees nothing, the old one the
notice (from ``v.js``, which the proxy asks the origin for per visitor), closes it and
does not see it again. A blocked browser lands on the 406 page; without JavaScript the
``<noscript>`` link leads to the notice.
"""

from __future__ import annotations

import getpass
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from browser.conftest import _serve_uvicorn
from docs_snippets import blocks
from jreject.middleware import JRejectASGI
from serve.conftest import free_port
from serve.nginx import NGINX, wait_for_port

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(NGINX is None, reason="nginx is not installed (scripts/test installs it)"),
]

PAGE = (
    b"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Shop</title></head>"
    b"<body><h1>Boards and wax</h1><p>Everything for the beach.</p></body></html>"
)
POLICY = {
    "policy": [
        {"minimum": {"ie": False}, "action": "block"},
        {"minimum": {"chrome": 120}, "action": "modal"},
    ]
}

MAIN = """\
user {user};
worker_processes 1;
pid {tmp}/nginx.pid;
events {{ worker_connections 64; }}
http {{
    access_log {tmp}/access.log;
    client_body_temp_path {tmp}/client_body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
{server}
}}
"""


async def shop(scope, receive, send):
    assert scope["type"] == "http"
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [
                (b"content-type", b"text/html; charset=utf-8"),
                (b"cache-control", b"public, max-age=600"),
                (b"content-length", str(len(PAGE)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": PAGE})


def nginx_config(upstream: str, port: int, cache: Path) -> str:
    """The block of docs/caching.md, with this test's addresses and folder."""
    (text,) = [b for b in blocks("caching.md", "nginx") if "map $" not in b]
    for old, new in (
        ("proxy_pass http://127.0.0.1:8000;", f"proxy_pass {upstream};"),
        ("listen 80;", f"listen 127.0.0.1:{port};"),
        ("/var/cache/nginx/shop", str(cache)),
    ):
        assert text.count(old) == 1, f"docs/caching.md's nginx block no longer has {old!r}"
        text = text.replace(old, new)
    return text


@pytest.fixture(scope="module")
def proxy(tmp_path_factory) -> Iterator[str]:
    app = JRejectASGI(shop, config=POLICY, cache_friendly=True)
    upstream, stop = _serve_uvicorn(app)
    folder = tmp_path_factory.mktemp("nginx")
    port = free_port()
    conf = folder / "nginx.conf"
    server = nginx_config(upstream, port, folder / "cache")
    conf.write_text(MAIN.format(user=getpass.getuser(), tmp=folder, server=server), "utf-8")
    command = [NGINX, "-p", str(folder), "-c", str(conf), "-e", str(folder / "error.log")]
    check = subprocess.run([*command, "-t"], capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stderr
    process = subprocess.Popen([*command, "-g", "daemon off;"], stderr=subprocess.DEVNULL)
    try:
        wait_for_port(port)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(10)
        stop()


def visit(page, url):
    """Load ``url``; return the page's response and the v.js response's body."""
    with page.expect_response(lambda r: r.url.endswith("/_jreject/v.js")) as script:
        response = page.goto(url)
    return response, script.value.body()


def test_one_cached_page_serves_a_current_and_an_old_browser(open_as, proxy, artifacts):
    current = open_as("chrome")
    first, script = visit(current, proxy + "/shop")
    assert first.headers["x-cache-status"] == "MISS"
    assert script == b""
    current.wait_for_load_state("load")
    assert current.locator("#jreject").count() == 0
    assert "vary" not in first.headers

    old = open_as("chrome109-win7")
    second, script = visit(old, proxy + "/shop")
    assert second.headers["x-cache-status"] == "HIT"
    assert second.body() == first.body()
    assert b"jreject notice" in script
    dialog = old.locator("#jreject[role=dialog]")
    dialog.wait_for(state="visible", timeout=5000)
    assert "Chrome 109" in dialog.inner_text()
    old.screenshot(path=artifacts / "cache-friendly-modal.png", animations="disabled", caret="hide")

    old.locator("#jreject .jreject-close").first.click()
    dialog.wait_for(state="hidden", timeout=5000)
    # The close cookie is set in the background; the page itself stays cached.
    old.wait_for_function("document.cookie.indexOf('jreject_closed=1') >= 0", timeout=5000)
    again, script = visit(old, proxy + "/shop")
    assert again.headers["x-cache-status"] == "HIT"
    assert script == b""
    old.wait_for_load_state("load")
    assert old.locator("#jreject").count() == 0


def test_a_blocked_browser_lands_on_the_406_page(open_as, proxy):
    page = open_as("ie11")
    with page.expect_response(lambda r: "/_jreject/notice?next=" in r.url) as notice:
        page.goto(proxy + "/shop?size=m")
    assert notice.value.status == 406
    assert notice.value.url.endswith("/_jreject/notice?next=%2Fshop%3Fsize%3Dm")
    page.wait_for_load_state("load")
    assert "Boards and wax" not in page.content()


def test_without_javascript_the_link_leads_to_the_notice(open_as, proxy):
    page = open_as("chrome109-win7", javascript=False)
    page.goto(proxy + "/shop")
    link = page.locator("noscript a, .jreject-noscript a").first
    link.wait_for(state="visible", timeout=5000)
    link.click()
    page.wait_for_url(
        lambda url: "/_jreject/notice?next=%2Fshop" in url or "/_jreject/notice?next=/shop" in url
    )
    assert page.locator("#jreject").count() == 1
