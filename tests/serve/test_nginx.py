"""docs/serve.md's nginx configuration, run by a real nginx in front of a real ``jreject serve``.

An old browser gets the 406 page or the notice, a current browser and a bot get the page
byte for byte, and a service that is down lets every page through.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from docs_snippets import blocks
from serve.conftest import CHROME, GOOGLEBOT, IE6, OLD_SAFARI, PAGE, Service, free_port
from serve.nginx import NGINX, Nginx, running_nginx

pytestmark = pytest.mark.skipif(
    NGINX is None,
    reason="nginx is not installed (Debian: apt-get install nginx; scripts/test installs it)",
)

SCRIPT_TAG = b'<script src="/_jreject/notice.js" async></script></body>'


@pytest.fixture(scope="module")
def nginx(
    tmp_path_factory: pytest.TempPathFactory, service: Service, site: Path
) -> Iterator[Nginx]:
    with running_nginx(tmp_path_factory.mktemp("nginx"), service.port, site) as server:
        yield server


@pytest.fixture(scope="module")
def nginx_without_service(tmp_path_factory: pytest.TempPathFactory, site: Path) -> Iterator[Nginx]:
    # A port nothing listens on: the service is down.
    with running_nginx(tmp_path_factory.mktemp("nginx-down"), free_port(), site) as server:
        yield server


def get(server: Nginx, path: str, agent: str, **headers: str) -> httpx.Response:
    return httpx.get(
        server.url + path, headers={"User-Agent": agent, **headers}, timeout=10, trust_env=False
    )


def test_old_browser_that_is_blocked_gets_the_406_page(nginx):
    response = get(nginx, "/boards.html?ref=mail", IE6)
    assert response.status_code == 406
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["jreject-rule"] == "msie<=10"
    assert "Your browser is not supported" in response.text
    assert "Oak and walnut" not in response.text


def test_block_for_a_head_request_has_no_body(nginx):
    response = httpx.head(nginx.url + "/", headers={"User-Agent": IE6}, trust_env=False)
    assert response.status_code == 406
    assert response.content == b""


def test_old_browser_that_is_warned_gets_the_page_with_the_notice_script(nginx):
    response = get(nginx, "/index.html", OLD_SAFARI)
    assert response.status_code == 200
    assert response.content == PAGE.replace(b"</body>", SCRIPT_TAG)


def test_notice_script_through_nginx_carries_the_modal_and_its_files(nginx):
    script = get(nginx, "/_jreject/notice.js", OLD_SAFARI, Referer=nginx.url + "/boards.html")
    assert script.status_code == 200
    assert script.headers["content-type"] == "text/javascript; charset=utf-8"
    assert "jreject-modal" in script.text
    assert "You are using Safari 15.6." in script.text
    # The close link brings the visitor back to the page the script was loaded from.
    assert "/_jreject/close?next=%2Fboards.html" in script.text
    css = script.text.split('href=\\"/_jreject/static/', 1)[1].split('\\"', 1)[0]
    asset = get(nginx, "/_jreject/static/" + css, OLD_SAFARI)
    assert asset.status_code == 200
    assert asset.headers["content-type"].startswith("text/css")


def test_closing_the_notice_sets_the_cookie_and_the_page_is_untouched_after(nginx):
    close = get(nginx, "/_jreject/close?next=%2Findex.html", OLD_SAFARI)
    assert close.status_code == 303
    assert close.headers["location"] == "/index.html"
    cookie = close.headers["set-cookie"].split(";", 1)[0]
    response = get(nginx, "/index.html", OLD_SAFARI, Cookie=cookie)
    assert response.content == PAGE


@pytest.mark.parametrize("agent", [CHROME, GOOGLEBOT], ids=["current-browser", "bot"])
def test_current_browser_and_bot_get_the_page_untouched(nginx, agent):
    response = get(nginx, "/index.html", agent)
    assert response.status_code == 200
    assert response.content == PAGE


def test_missing_page_is_still_a_404(nginx):
    assert get(nginx, "/no-such-page.html", CHROME).status_code == 404


def test_ssi_include_of_the_fragment_shows_the_notice_only_to_those_who_get_one(
    tmp_path_factory, service, site
):
    (include,) = blocks("serve.md", "html")
    (site / "ssi.html").write_bytes(PAGE.replace(b"</body>", include.strip().encode() + b"</body>"))
    folder = tmp_path_factory.mktemp("nginx-ssi")
    with running_nginx(folder, service.port, site, ssi=True) as server:
        warned = get(server, "/ssi.html?from=mail", OLD_SAFARI)
        assert warned.text.count('id="jreject"') == 1
        assert "/_jreject/close?next=%2Fssi.html%3Ffrom%3Dmail" in warned.text
        current = get(server, "/ssi.html", CHROME)
        assert current.content == PAGE


@pytest.mark.parametrize("agent", [IE6, OLD_SAFARI, CHROME], ids=["ie6", "old-safari", "chrome"])
def test_service_down_fails_open(nginx_without_service, agent):
    response = get(nginx_without_service, "/index.html", agent)
    assert response.status_code == 200
    assert response.content == PAGE
    assert "auth request unexpected status: 502" in nginx_without_service.error_log()


def test_a_service_that_hangs_fails_open_after_the_short_timeout(tmp_path_factory, site):
    # Accepts connections and never answers: nginx's proxy_read_timeout (1s) ends the wait.
    with socket.socket() as hung:
        hung.bind(("127.0.0.1", 0))
        hung.listen(16)
        folder = tmp_path_factory.mktemp("nginx-hung")
        with running_nginx(folder, hung.getsockname()[1], site) as server:
            started = time.monotonic()
            response = get(server, "/index.html", IE6)
            waited = time.monotonic() - started
    assert response.status_code == 200
    assert response.content == PAGE
    assert 0.9 < waited < 5
    assert "upstream timed out" in (folder / "error.log").read_text()
