"""The ``vary_key`` recipes of docs/caching.md, run for real: nginx and Varnish in front of
the middleware, with the rules ``jreject export`` writes.

Class ``ok`` is cached once per URL; an old browser passes to the origin and gets its
notice, every time; the origin's pages vary on ``JReject-Class`` alone.
"""

from __future__ import annotations

import getpass
import http.client
import os
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest

from docs_snippets import blocks
from export.executors import NGINX, NGINX_CONF, VARNISHD
from jreject.config import config_from_dict
from jreject.export import compile_policy, render
from jreject.middleware import JRejectWSGI
from serve.conftest import free_port
from serve.nginx import wait_for_port

POLICY = {"policy": [{"minimum": {"chrome": 120}, "action": "modal"}]}
CURRENT = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/150.0.0.0 Safari/537.36"
)
OLD = CURRENT.replace("Chrome/150", "Chrome/109")
PAGE = b"<!doctype html><html><head><title>Shop</title></head><body><h1>Shop</h1></body></html>"


def shop(environ, start_response):
    start_response(
        "200 OK",
        [
            ("Content-Type", "text/html; charset=utf-8"),
            ("Cache-Control", "public, max-age=600"),
            ("Content-Length", str(len(PAGE))),
        ],
    )
    return [PAGE]


class _Quiet(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


@contextmanager
def origin(**options) -> Iterator[int]:
    app = JRejectWSGI(shop, config=POLICY, **(options or {"vary_key": "JReject-Class"}))
    server = make_server("127.0.0.1", 0, app, handler_class=_Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_port
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def get(port: int, ua: str, path: str = "/shop") -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers={"User-Agent": ua, "Accept": "text/html"})
    response = connection.getresponse()
    response.body = response.read()  # type: ignore[attr-defined]
    connection.close()
    return response


def _check(port: int, cache_header: str, hit: str, passed: tuple[str, ...]) -> None:
    first, second = get(port, CURRENT), get(port, CURRENT)
    assert first.getheader("Vary") == "JReject-Class"
    assert second.getheader(cache_header) == hit
    assert second.body == PAGE  # type: ignore[attr-defined]
    for _ in range(2):
        old = get(port, OLD)
        assert b'id="jreject"' in old.body  # type: ignore[attr-defined]
        assert old.getheader(cache_header) in passed
    # The old browser's visits did not replace the cached page.
    assert get(port, CURRENT).body == PAGE  # type: ignore[attr-defined]


@contextmanager
def nginx(tmp_path, site: str, upstream: int) -> Iterator[int]:
    """A real nginx running ``site`` (a server block of docs/caching.md) before ``upstream``."""
    port = free_port()
    text = (
        site.replace("/var/cache/nginx/shop", str(tmp_path / "cache"))
        .replace("listen 80;", f"listen 127.0.0.1:{port};")
        .replace("127.0.0.1:8000", f"127.0.0.1:{upstream}")
    )
    main = NGINX_CONF.split("    include")[0].format(
        user=getpass.getuser(), tmp=tmp_path, port=port
    )
    conf = tmp_path / "nginx.conf"
    conf.write_text(main + text + "\n}\n", "utf-8")
    command = [NGINX, "-p", str(tmp_path), "-c", str(conf), "-e", str(tmp_path / "error.log")]
    check = subprocess.run([*command, "-t"], capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stderr
    process = subprocess.Popen([*command, "-g", "daemon off;"], stderr=subprocess.DEVNULL)
    try:
        wait_for_port(port)
        yield port
    finally:
        process.terminate()
        process.wait(10)


@pytest.mark.skipif(NGINX is None, reason="nginx is not installed (scripts/test installs it)")
@pytest.mark.parametrize(("options", "cached"), [({}, False), ({"cache_friendly": True}, True)])
def test_nginx_stores_no_page_with_the_default_vary(tmp_path, options, cached):
    # docs/caching.md: nginx caches no response whose Vary is over 128 bytes, and the
    # default one is 134; a cache-friendly page carries none of jreject's.
    (site,) = [b for b in blocks("caching.md", "nginx") if "map $jreject_class" not in b]
    with (
        origin(**(options or {"vary_key": None})) as upstream,
        nginx(tmp_path, site, upstream) as port,
    ):
        first, second = get(port, CURRENT), get(port, CURRENT)
        vary = first.getheader("Vary")
        assert (vary is None) is cached
        if not cached:
            assert len(vary) == 134
        assert second.getheader("X-Cache-Status") == ("HIT" if cached else "MISS")
        if cached:  # the same Vary on the allowed browser's v.js: never stored either
            scripts = [get(port, CURRENT, "/_jreject/v.js") for _ in range(2)]
            assert len(scripts[0].getheader("Vary")) == 134
            assert scripts[0].getheader("Cache-Control") == "public, max-age=3600"
            assert scripts[1].getheader("X-Cache-Status") == "MISS"


@pytest.mark.skipif(NGINX is None, reason="nginx is not installed (scripts/test installs it)")
def test_the_nginx_recipe(tmp_path):
    (recipe,) = [b for b in blocks("caching.md", "nginx") if "map $jreject_class" in b]
    rules = tmp_path / "jreject-class.conf"
    rules.write_text(render(compile_policy(config_from_dict(POLICY)), "nginx"), "utf-8")
    site = recipe.replace("/etc/nginx/conf.d/jreject-class.conf", str(rules))
    with origin() as upstream, nginx(tmp_path, site, upstream) as port:
        _check(port, "X-Cache-Status", "HIT", ("BYPASS",))


@pytest.mark.skipif(VARNISHD is None, reason="varnishd is not installed (scripts/test)")
def test_the_varnish_recipe(tmp_path):
    (recipe,) = blocks("caching.md", "vcl")
    (tmp_path / "jreject-class.vcl").write_text(
        render(compile_policy(config_from_dict(POLICY)), "varnish"), "utf-8"
    )
    port = free_port()
    with origin() as upstream:
        vcl = tmp_path / "site.vcl"
        vcl.write_text(
            recipe.replace('"jreject-class.vcl"', f'"{tmp_path / "jreject-class.vcl"}"').replace(
                '.port = "8000"', f'.port = "{upstream}"'
            )
            # What a cache status header is to nginx, X-Varnish's two ids are to Varnish.
            + "\nsub vcl_deliver {\n    if (obj.hits > 0) {\n        set resp.http.X-Cache-Status"
            ' = "HIT";\n    } else {\n        set resp.http.X-Cache-Status = "MISS";\n    }\n}\n',
            "utf-8",
        )
        log = tmp_path / "varnishd.log"
        jail = ["-j", "none"] if os.geteuid() == 0 else []
        with log.open("wb") as out:
            process = subprocess.Popen(
                [
                    VARNISHD,
                    "-F",
                    "-n",
                    str(tmp_path / "work"),
                    "-a",
                    f"127.0.0.1:{port}",
                    "-f",
                    str(vcl),
                    "-s",
                    "malloc,16m",
                    "-T",
                    "none",
                    *jail,
                ],
                stdout=out,
                stderr=out,
            )
        try:
            wait_for_port(port)
            _check(port, "X-Cache-Status", "HIT", ("MISS",))
        finally:
            process.terminate()
            process.wait(10)
