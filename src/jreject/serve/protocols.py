"""How each proxy asks for a verdict, and how it wants the answer shaped.

A proxy asks the service about a request it is about to serve. The service sees the
visitor's own headers (the proxy forwards them), but the page's address comes from
somewhere else for each proxy: a header the nginx config sets, the
``X-Forwarded-*`` headers Traefik adds, or the path Envoy appends to its prefix.

The answers differ by what each proxy can do with a refusal:

- nginx ``auth_request`` takes only 2xx (allow), 401 and 403 (deny); anything else
  becomes a 500. A block is a bare ``403``, and the config's ``error_page 403``
  fetches the 406 page from the service in a second request.
- Traefik ``forwardAuth`` and Envoy ``ext_authz`` (HTTP mode) send any non-2xx
  answer to the visitor as it is, body included: a block is the 406 page itself.
  Envoy allows only on exactly ``200``, so every protocol allows with ``200``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["PROTOCOLS", "Original", "Proxy", "original_request"]


@dataclass(frozen=True, slots=True)
class Proxy:
    """One proxy's side of the exchange."""

    name: str
    #: The 406 page goes back in the verdict answer itself (Traefik, Envoy); else a bare 403.
    block_with_page: bool
    #: The original path is what follows the endpoint in the URL (Envoy's ``path_prefix``).
    path_in_url: bool = False


PROTOCOLS: Mapping[str, Proxy] = {
    "nginx": Proxy("nginx", block_with_page=False),
    "traefik": Proxy("traefik", block_with_page=True),
    "envoy": Proxy("envoy", block_with_page=True, path_in_url=True),
}

# Where proxies put the original request's URI and scheme, in the order they are read.
# nginx has no standard for it: docs/serve.md sets X-Original-URI (the name the nginx
# documentation's auth_request example uses) and X-Forwarded-Proto.
_URI_HEADERS = (b"x-original-uri", b"x-forwarded-uri")
_METHOD_HEADERS = (b"x-original-method", b"x-forwarded-method")


@dataclass(frozen=True, slots=True)
class Original:
    """The visitor's request as the proxy describes it."""

    method: str
    path: str
    query: str
    https: bool


def original_request(scope: Mapping[str, Any], suffix: str | None = None) -> Original:
    """The request the proxy is asking about, read from the forwarded headers.

    ``suffix`` is the rest of the service's URL after the endpoint (Envoy); without it
    the URI comes from ``X-Original-URI`` or ``X-Forwarded-Uri``, else the service's
    own request line (a page that asks for ``/_jreject/fragment`` through SSI).
    """
    headers: dict[bytes, bytes] = {}
    for name, value in scope.get("headers") or ():
        headers.setdefault(name, value)
    uri: str | None = None
    if suffix is not None:
        query = (scope.get("query_string") or b"").decode("latin-1")
        uri = "/" + suffix.lstrip("/") + ("?" + query if query else "")
    else:
        for name in _URI_HEADERS:
            if name in headers:
                uri = headers[name].decode("latin-1")
                break
    method = scope.get("method", "GET")
    for name in _METHOD_HEADERS:
        if name in headers:
            method = headers[name].decode("latin-1").upper()
            break
    proto = headers.get(b"x-forwarded-proto", b"").decode("latin-1").split(",")[0].strip()
    https = proto.lower() == "https" if proto else scope.get("scheme") == "https"
    if uri is None or not uri.startswith("/"):
        # An absolute URI or nothing at all: keep the path of an absolute form, else "/".
        uri = "/" + uri.split("://", 1)[1].partition("/")[2] if uri and "://" in uri else "/"
    path, _, query = uri.partition("?")
    return Original(method, path or "/", query, https)
