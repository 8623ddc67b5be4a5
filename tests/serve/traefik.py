"""A loopback stand-in for Traefik's ``forwardAuth`` middleware, in front of a static shop.

It does what Traefik's documentation says the middleware does: ask ``address`` with a
GET carrying the visitor's headers and the ``X-Forwarded-*`` description of the request;
on a 2xx answer, copy the ``authResponseHeaders`` onto the request and serve it; on any
other answer, send that answer (status, headers, body) to the visitor as it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import httpx

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "upgrade", "te", "trailer"}


class ForwardAuth:
    """The ASGI stand-in; ``seen`` keeps the headers each upstream request arrived with."""

    def __init__(self, address: str, auth_response_headers: Sequence[str], site: Path) -> None:
        self.address = address
        self.copy = [name.lower() for name in auth_response_headers]
        self.site = site
        self.seen: list[dict[str, str]] = []

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        assert scope["type"] == "http"
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        query = scope.get("query_string", b"").decode("latin-1")
        uri = scope["path"] + ("?" + query if query else "")
        asked = {
            **{k: v for k, v in headers.items() if k not in HOP_BY_HOP and k != "host"},
            "X-Forwarded-Method": scope["method"],
            "X-Forwarded-Proto": scope.get("scheme", "http"),
            "X-Forwarded-Host": headers.get("host", ""),
            "X-Forwarded-Uri": uri,
            "X-Forwarded-For": "127.0.0.1",
        }
        async with httpx.AsyncClient(trust_env=False, timeout=10) as client:
            auth = await client.get(self.address, headers=asked, follow_redirects=False)
        if not 200 <= auth.status_code < 300:
            pairs = [
                (k.encode("latin-1"), v.encode("latin-1"))
                for k, v in auth.headers.multi_items()
                if k.lower() not in HOP_BY_HOP and k.lower() != "content-length"
            ]
            body = b"" if scope["method"] == "HEAD" else auth.content
            pairs.append((b"content-length", str(len(auth.content)).encode()))
            await send(
                {"type": "http.response.start", "status": auth.status_code, "headers": pairs}
            )
            await send({"type": "http.response.body", "body": body})
            return
        for name in self.copy:
            if name in auth.headers:
                headers[name] = auth.headers[name]
        self.seen.append(headers)
        await self._static(scope["path"], send)

    async def _static(self, path: str, send: Any) -> None:
        file = self.site / (path.lstrip("/") or "index.html")
        status, body = (200, file.read_bytes()) if file.is_file() else (404, b"Not Found")
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [
                    (b"content-type", b"text/html"),
                    (b"content-length", b"%d" % len(body)),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
