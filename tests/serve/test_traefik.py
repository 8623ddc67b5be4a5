"""docs/serve.md's Traefik configuration: a forwardAuth stand-in before ``jreject serve``."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest
import yaml

from docs_snippets import blocks
from serve.conftest import CHROME, GOOGLEBOT, IE6, OLD_SAFARI, PAGE, Service
from serve.traefik import ForwardAuth


def forward_auth_settings() -> dict:
    """The ``forwardAuth`` table of the Traefik block in docs/serve.md."""
    (traefik,) = [b for b in blocks("serve.md", "yaml") if "forwardAuth" in b]
    return yaml.safe_load(traefik)["http"]["middlewares"]["jreject"]["forwardAuth"]


@pytest.fixture
def proxy(service: Service, site: Path) -> ForwardAuth:
    settings = forward_auth_settings()
    address = settings["address"].replace("127.0.0.1:8080", f"127.0.0.1:{service.port}")
    assert address != settings["address"], "docs/serve.md's Traefik address moved"
    return ForwardAuth(address, settings["authResponseHeaders"], site)


def get(proxy: ForwardAuth, path: str, agent: str) -> httpx.Response:
    async def go() -> httpx.Response:
        transport = httpx.ASGITransport(app=proxy)
        async with httpx.AsyncClient(transport=transport, base_url="http://shop.test") as client:
            return await client.get(path, headers={"User-Agent": agent})

    return asyncio.run(go())


def test_docs_name_every_verdict_header_the_service_sends():
    from jreject.serve.app import VERDICT_HEADERS

    assert forward_auth_settings()["authResponseHeaders"] == list(VERDICT_HEADERS)


def test_blocked_browser_gets_the_406_page_straight_from_the_service(proxy):
    response = get(proxy, "/boards.html", IE6)
    assert response.status_code == 406
    assert "Your browser is not supported" in response.text
    assert response.headers["jreject-rule"] == "msie<=10"
    assert proxy.seen == []  # the shop was never asked


def test_warned_browser_reaches_the_shop_with_the_verdict_headers(proxy):
    response = get(proxy, "/index.html", OLD_SAFARI)
    assert response.status_code == 200
    assert response.content == PAGE
    (upstream,) = proxy.seen
    assert upstream["jreject-action"] == "modal"
    assert upstream["jreject-rule"] == "safari<17.2"
    assert upstream["jreject-reason"] == "Safari 15.6 is older than the minimum 17.2 for safari"


@pytest.mark.parametrize("agent", [CHROME, GOOGLEBOT], ids=["current-browser", "bot"])
def test_current_browser_and_bot_pass_untouched(proxy, agent):
    response = get(proxy, "/index.html", agent)
    assert response.status_code == 200
    assert response.content == PAGE
    (upstream,) = proxy.seen
    assert upstream["jreject-action"] == "allow"
